using DongNai.Identity.Cvs;
using Hangfire;

namespace DongNai.Search.Api.Cvs;

/// <summary>
/// The nightly Hangfire job that erases applications past their retention (<see cref="ApplicationRetention"/>).
/// A failure is logged and retried by Hangfire with its back-off; the next night's run catches up anyway.
/// </summary>
public sealed partial class ApplicationRetentionJob(IServiceScopeFactory scopes, ILogger<ApplicationRetentionJob> logger)
{
    public const string RecurringId = "application-retention";

    /// <summary>Every night at 02:30 UTC.</summary>
    public static readonly string Schedule = Cron.Daily(2, 30);

    [AutomaticRetry(Attempts = 3)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var erased = await scope.ServiceProvider.GetRequiredService<ApplicationRetention>().EraseDueAsync(cancellationToken);
            LogErased(logger, erased);
            return erased;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, exception);
            throw;
        }
    }

    /// <summary>Schedules the job (idempotent: replaces the schedule of an earlier start).</summary>
    public static void ScheduleOn(IServiceProvider services) =>
        services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<ApplicationRetentionJob>(RecurringId, job => job.RunAsync(CancellationToken.None), Schedule);

    [LoggerMessage(Level = LogLevel.Information, Message = "Erased {Count} applications past their retention")]
    private static partial void LogErased(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Erasing applications past their retention failed; Hangfire retries it")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
