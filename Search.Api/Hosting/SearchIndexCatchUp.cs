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
/// Until the catch-up has finished, <c>/health/ready</c> reports not ready; afterwards it reports
/// Degraded while indexing fails (see <see cref="CheckHealthAsync"/>).
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

    /// <summary>
    /// Unhealthy (503) until the first catch-up has finished: the index may be empty. Afterwards
    /// Degraded (still 200) while the drains fail: the index is behind the database, but the
    /// instance still takes writes (the database is the system of record, the outbox keeps them)
    /// and answers searches from the last good index, so it should stay in the load balancer.
    /// </summary>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            !_ready ? HealthCheckResult.Unhealthy("The search index is catching up with the database.")
            : drainer.FailingSince is { } since ? HealthCheckResult.Degraded(
                $"The search index is behind the database: indexing has failed since {since:u}; searches answer from the last good index and writes wait in the outbox.")
            : HealthCheckResult.Healthy());

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
