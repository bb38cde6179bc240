using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Outbox;
using DongNai.Domain.Places;
using DongNai.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DongNai.Indexers;

/// <summary>
/// Keeps the search index in step with the database by applying outbox entries in id order, a batch
/// at a time: the latest entry of each listing wins, upserts index the row as it is now, deletes
/// remove it. Documents carry the listing's interaction counts as they are now (see
/// <see cref="PopularityRefreshJob"/> for how new events lead here). The engine commits before the
/// batch's entries are removed, so a crash at any point replays the batch, and replays are
/// harmless because the engine orders writes by version.
/// Thread-safe: concurrent calls run one after the other. One instance per process.
/// </summary>
public sealed partial class OutboxDrainer(
    IServiceScopeFactory scopes,
    ISearchEngine engine,
    PlaceCatalog places,
    ILogger<OutboxDrainer> logger) : IDisposable
{
    public const int DefaultBatchSize = 1_000;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Applies every pending entry, batch after batch, until the outbox is empty. Returns how many entries it applied.</summary>
    public async Task<int> DrainAsync(int batchSize = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var total = 0;
            int applied;
            while ((applied = await DrainBatchAsync(batchSize, cancellationToken)) > 0)
            {
                total += applied;
            }

            if (total > 0)
            {
                LogDrained(logger, total);
            }

            return total;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Applies one batch (at most <paramref name="batchSize"/> entries); returns how many it applied, 0 when the outbox is empty.</summary>
    public async Task<int> DrainBatchAsync(int batchSize = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var entries = await db.Outbox.AsNoTracking().OrderBy(e => e.Id).Take(batchSize).ToListAsync(cancellationToken);
        if (entries.Count == 0)
        {
            return 0;
        }

        var latest = entries
            .GroupBy(e => (e.Kind, e.ListingId))
            .Select(g => g.OrderByDescending(e => e.Version).ThenByDescending(e => e.Id).First())
            .ToList();

        var upserts = new List<SearchDocument>();
        foreach (var kindGroup in latest.Where(e => e.Operation == OutboxOperation.Upsert).GroupBy(e => e.Kind))
        {
            var kind = ListingKinds.Get(kindGroup.Key);
            var ids = kindGroup.Select(e => e.ListingId).ToList();
            var popularity = await PopularityCounts.OfAsync(db, kind.Kind, ids, cancellationToken);
            // A row deleted since its upsert entry is simply missing here; its delete entry follows.
            foreach (var listing in await kind.LoadAsync(db, ids, cancellationToken))
            {
                upserts.Add(kind.BuildDocument(listing, places).WithPopularity(popularity));
            }
        }

        if (upserts.Count > 0)
        {
            await engine.UpsertAsync(upserts, cancellationToken);
        }

        foreach (var delete in latest.Where(e => e.Operation == OutboxOperation.Delete))
        {
            await engine.DeleteAsync(delete.Kind, delete.ListingId, delete.Version, cancellationToken);
        }

        await engine.CommitAsync(cancellationToken);

        var applied = entries.Select(e => e.Id).ToList();
        await db.Outbox.Where(e => applied.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
        return entries.Count;
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} outbox entries to the search index")]
    private static partial void LogDrained(ILogger logger, int count);
}
