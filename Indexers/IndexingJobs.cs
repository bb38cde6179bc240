using System.Threading.Channels;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace DongNai.Indexers;

/// <summary>
/// The Hangfire side of indexing: a recurring drain each minute (the safety net for a signal lost
/// to a crash, and the drain of other processes' writes in a scale-out), and the rebuild, so the
/// admin endpoint returns at once. The sub-second path after a write is <see cref="IndexingTrigger"/>.
/// </summary>
public sealed class OutboxDrainJob(OutboxDrainer drainer)
{
    public const string RecurringId = "outbox-drain";

    [AutomaticRetry(Attempts = 3)]
    public Task RunAsync(CancellationToken cancellationToken) => drainer.DrainAsync(cancellationToken: cancellationToken);
}

/// <summary>
/// Every ten minutes, queues the listings with new interaction events for re-indexing, so the
/// counts their hits carry lag the events by at most a few minutes (see <see cref="PopularityRefresher"/>).
/// A failure is logged and retried by Hangfire; the next run picks up whatever it missed.
/// </summary>
public sealed class PopularityRefreshJob(PopularityRefresher refresher)
{
    public const string RecurringId = "popularity-refresh";

    public const string Schedule = "*/10 * * * *";

    [AutomaticRetry(Attempts = 3)]
    public Task RunAsync(CancellationToken cancellationToken) => refresher.RefreshAsync(cancellationToken);
}

public sealed class IndexRebuildJob(IndexRebuilder rebuilder)
{
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(CancellationToken cancellationToken) => rebuilder.RebuildAsync(cancellationToken: cancellationToken);
}

/// <summary>
/// Wakes the in-process drain as soon as a write has committed, so a listing is searchable well
/// within a second. Signals coalesce: many writes during one drain cause one more drain, not many.
/// A queued Hangfire job was the first design, but its storage polling and job-state writes took
/// most of the one-second budget on a loaded two-core machine. Thread-safe singleton.
/// </summary>
public sealed partial class IndexingTrigger(ILogger<IndexingTrigger> logger)
{
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    /// <summary>Call after a write that added outbox entries has committed.</summary>
    public void Poke() => _signals.Writer.TryWrite(true);

    /// <summary>
    /// Drains whenever poked, and every <paramref name="idle"/> without a poke, until cancelled. A
    /// failed drain is logged and tried again after a pause from <paramref name="backoff"/>; this
    /// never throws except on cancellation, so it cannot stop the host.
    /// </summary>
    public async Task RunAsync(OutboxDrainer drainer, TimeSpan idle, RetryBackoff backoff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drainer);
        ArgumentNullException.ThrowIfNull(backoff);
        while (!cancellationToken.IsCancellationRequested)
        {
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                wait.CancelAfter(idle);
                try
                {
                    await _signals.Reader.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Idle timeout: drain anyway, in case another process wrote.
                }
            }

            try
            {
                await drainer.DrainAsync(cancellationToken: cancellationToken);
                backoff.Reset();
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The entries stay in the outbox; a poke during the pause is kept for after it.
                var delay = backoff.NextDelay();
                LogDrainFailed(logger, exception, backoff.Failures, delay.TotalSeconds);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Draining the outbox failed ({Failures} in a row); retrying in {Seconds} s")]
    private static partial void LogDrainFailed(ILogger logger, Exception exception, int failures, double seconds);
}
