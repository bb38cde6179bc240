using Hangfire;

namespace DongNai.Indexers;

/// <summary>
/// The Hangfire jobs of indexing. Writes call <see cref="IndexingTrigger.Poke"/>, which enqueues
/// one drain job unless one is already waiting; a recurring drain each minute is the safety net for
/// a poke lost to a crash. A rebuild is a job too, so the admin endpoint returns at once.
/// </summary>
public sealed class OutboxDrainJob(OutboxDrainer drainer, IndexingTrigger trigger)
{
    public const string RecurringId = "outbox-drain";

    [AutomaticRetry(Attempts = 3)]
    public Task RunAsync(CancellationToken cancellationToken)
    {
        trigger.Started();
        return drainer.DrainAsync(cancellationToken: cancellationToken);
    }
}

public sealed class IndexRebuildJob(IndexRebuilder rebuilder)
{
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(CancellationToken cancellationToken) => rebuilder.RebuildAsync(cancellationToken: cancellationToken);
}

/// <summary>Coalesces "the outbox has new entries" signals into at most one queued drain job. Thread-safe singleton.</summary>
public sealed class IndexingTrigger(IBackgroundJobClient jobs)
{
    private int _queued;

    /// <summary>Call after a write that added outbox entries has committed.</summary>
    public void Poke()
    {
        if (Interlocked.Exchange(ref _queued, 1) == 0)
        {
            jobs.Enqueue<OutboxDrainJob>(job => job.RunAsync(CancellationToken.None));
        }
    }

    /// <summary>Called by the drain job as it starts, so writes from now on queue the next one.</summary>
    public void Started() => Interlocked.Exchange(ref _queued, 0);
}
