using DongNai.Domain;
using DongNai.Indexers;
using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DongNai.Search.Api.Hosting;

/// <summary>
/// Brings the index up to date when the service starts: rebuilds it when it is empty but the
/// database is not (first start, a lost index folder, or a damaged one the engine set aside), then
/// applies the outbox, then schedules the minutely safety-net drain and the ten-minute popularity
/// refresh, then keeps draining whenever a write pokes <see cref="IndexingTrigger"/>.
/// Until the catch-up has finished, <c>/health/ready</c> reports not ready.
/// </summary>
/// <remarks>
/// Nothing here may end the host (a background service that throws stops it, the .NET default):
/// a failed catch-up is logged and tried again after a growing pause (<see cref="RetryBackoff"/>),
/// the service staying alive and not ready meanwhile, and the drain loop does the same.
/// </remarks>
public sealed partial class SearchIndexCatchUp(
    IServiceScopeFactory scopes,
    ISearchEngine engine,
    IndexRebuilder rebuilder,
    OutboxDrainer drainer,
    IndexingTrigger trigger,
    IRecurringJobManager recurringJobs,
    ILogger<SearchIndexCatchUp> logger) : BackgroundService, IHealthCheck
{
    private volatile bool _ready;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The search index is catching up with the database."));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var backoff = RetryBackoff.Default();
            while (true)
            {
                try
                {
                    var indexed = await CatchUpAsync(stoppingToken);
                    LogReady(logger, indexed);
                    break;
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    var delay = backoff.NextDelay();
                    LogCatchUpFailed(logger, exception, backoff.Failures, delay.TotalSeconds);
                    await Task.Delay(delay, stoppingToken);
                }
            }

            _ready = true;
            await trigger.RunAsync(drainer, TimeSpan.FromSeconds(5), RetryBackoff.Default(), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; whatever is left stays in the outbox for the next start.
        }
    }

    /// <summary>One try at the catch-up; returns how many listings the index then holds.</summary>
    private async Task<long> CatchUpAsync(CancellationToken stoppingToken)
    {
        long listings;
        await using (var scope = scopes.CreateAsyncScope())
        {
            listings = await DatabaseInitializer.CountListingsAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), stoppingToken);
        }

        if (listings > 0 && await engine.CountAsync(cancellationToken: stoppingToken) == 0)
        {
            LogRebuilding(logger, listings);
            await rebuilder.RebuildAsync(cancellationToken: stoppingToken);
        }

        await drainer.DrainAsync(cancellationToken: stoppingToken);
        recurringJobs.AddOrUpdate<OutboxDrainJob>(OutboxDrainJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        recurringJobs.AddOrUpdate<PopularityRefreshJob>(PopularityRefreshJob.RecurringId, job => job.RunAsync(CancellationToken.None), PopularityRefreshJob.Schedule);
        return await engine.CountAsync(cancellationToken: stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The search index is empty; building it from {Count} listings")]
    private static partial void LogRebuilding(ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Information, Message = "The search index is ready with {Count} listings")]
    private static partial void LogReady(ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Catching the search index up with the database failed ({Failures} in a row); retrying in {Seconds} s")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception, int failures, double seconds);
}
