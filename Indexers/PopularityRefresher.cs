using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DongNai.Indexers;

/// <summary>
/// Keeps the indexed interaction counts in step with the events: queues an outbox upsert for every
/// listing with events stored since the last run, so the drain re-indexes it with fresh counts
/// (<see cref="OutboxDrainer"/> reads the counts of every document it builds). How far it has read
/// is the highest interaction id it has handled, kept in <see cref="IndexingCheckpoint"/> and
/// moved in the same transaction as the entries it queued, so a crash queues them again, never
/// loses them. Thread-safe: concurrent calls run one after the other. One instance per process.
/// </summary>
/// <remarks>
/// The queued entries carry version 0, not the listing's version: an upsert entry's version only
/// decides which of one listing's entries in a drain batch wins, and the drain indexes the row as
/// it is now whichever upsert wins. Version 0 never outranks a real change, so a refresh can never
/// hide a pending delete, and the listing rows need not be read here.
/// On SQLite, ids are handed out in commit order. On PostgreSQL an event whose transaction commits
/// after a later id was read can be passed over; its listing's counts then catch up with its next
/// event or the next rebuild, which is good enough for a ranking signal.
/// </remarks>
public sealed partial class PopularityRefresher(
    IServiceScopeFactory scopes,
    IndexingTrigger trigger,
    TimeProvider time,
    ILogger<PopularityRefresher> logger) : IDisposable
{
    public const string CheckpointName = "popularity-refresh";

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Queues a re-index of every listing of a registered kind with new events; returns how many listings it queued.</summary>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var checkpoint = await db.IndexingCheckpoints.FindAsync([CheckpointName], cancellationToken);
            var seen = checkpoint?.Position ?? 0;
            var latest = await db.Interactions.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
            if (latest <= seen)
            {
                return 0;
            }

            // Events may name kinds this build does not know; an outbox entry of one would stop the drain.
            var kinds = ListingKinds.All.ToList();
            var listings = await db.Interactions
                .Where(e => e.Id > seen && e.Id <= latest && kinds.Contains(e.ListingKind))
                .Select(e => new { e.ListingKind, e.ListingId })
                .Distinct()
                .ToListAsync(cancellationToken);

            var now = time.GetUtcNow().UtcDateTime;
            db.Outbox.AddRange(listings.Select(l => new OutboxEntry
            {
                Kind = l.ListingKind,
                ListingId = l.ListingId,
                Version = 0,
                Operation = OutboxOperation.Upsert,
                CreatedAt = now,
            }));
            if (checkpoint is null)
            {
                db.IndexingCheckpoints.Add(new IndexingCheckpoint { Name = CheckpointName, Position = latest });
            }
            else
            {
                checkpoint.Position = latest;
            }

            // One SaveChanges is one transaction: the entries and the checkpoint move together.
            await db.SaveChangesAsync(cancellationToken);
            if (listings.Count > 0)
            {
                trigger.Poke();
                LogQueued(logger, listings.Count, latest);
            }

            return listings.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} listings for fresh interaction counts (events up to id {Position})")]
    private static partial void LogQueued(ILogger logger, int count, long position);
}
