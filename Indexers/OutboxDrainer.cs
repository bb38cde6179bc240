using System.Diagnostics;
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
/// </summary>
/// <remarks>
/// <para>
/// A batch that fails is applied again listing by listing, so one listing that cannot be indexed
/// (its row cannot be loaded or built, or the engine refuses its document) holds back only itself.
/// Such a listing's entries count one attempt per drain (in <see cref="OutboxEntry.Attempts"/>, so
/// restarts do not reset it) and are skipped for the rest of that drain; after
/// <see cref="MaxAttempts"/> they move to <see cref="IndexingDeadLetter"/> with the last error.
/// </para>
/// <para>
/// A failure of the engine itself is not the listing's fault: before counting an attempt the
/// drainer checks that the engine still answers and commits; when it does not, the drain throws and
/// counts nothing, so an engine outage never fills the dead letters. The caller retries later.
/// </para>
/// <para>
/// A drain that finds work is an <c>indexing.drain</c> span with an <c>indexing.batch</c> span per
/// batch (entries read, applied, failed, dead-lettered), and counts into
/// <see cref="SearchTelemetry.IndexingApplied"/>, <see cref="SearchTelemetry.IndexingFailures"/>,
/// <see cref="SearchTelemetry.IndexingDeadLetters"/>, <see cref="SearchTelemetry.IndexingLag"/> and
/// <see cref="SearchTelemetry.OutboxPending"/>. An empty outbox is checked without a span, so the
/// idle drains every few seconds leave nothing in the traces.
/// </para>
/// <para>
/// Thread-safe: concurrent calls run one after the other. One instance per process; processes that
/// share a PostgreSQL database drain one at a time (<see cref="DatabaseLease.OutboxDrain"/>), which
/// suits a shared engine (Elasticsearch): an embedded index per instance would miss the entries
/// another instance applied, so the embedded engine runs as one instance.
/// </para>
/// </remarks>
public sealed partial class OutboxDrainer(
    IServiceScopeFactory scopes,
    ISearchEngine engine,
    PlaceCatalog places,
    TimeProvider time,
    ILogger<OutboxDrainer> logger) : IDisposable
{
    public const int DefaultBatchSize = 1_000;

    /// <summary>Failed drains after which a listing's entries are set aside as a dead letter.</summary>
    public const int MaxAttempts = 5;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _failingSinceTicks;

    /// <summary>
    /// When the drains started failing (UTC), if the last drain failed; null once one completes.
    /// While set, the index is behind the database (a full index disk, an engine that is down):
    /// searches answer from what was indexed before, and the writes wait in the outbox. Thread-safe.
    /// </summary>
    public DateTimeOffset? FailingSince =>
        Interlocked.Read(ref _failingSinceTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>
    /// Applies every pending entry, batch after batch, until the outbox holds only entries that
    /// failed in this drain. Returns how many entries it applied (failed ones are not counted).
    /// Throws when the engine itself fails; nothing is lost then, the entries wait for the next drain
    /// (and <see cref="FailingSince"/> says so until a drain completes).
    /// </summary>
    public async Task<int> DrainAsync(int batchSize = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        Activity? activity = null;
        var failed = new HashSet<long>();
        AsyncServiceScope? leaseScope = null;
        DatabaseLease? lease = null;
        try
        {
            // Instances sharing a PostgreSQL database (and an Elasticsearch index) drain one at a
            // time; the others find the lease taken and leave the work to its holder.
            leaseScope = scopes.CreateAsyncScope();
            lease = await DatabaseLease.TryTakeAsync(leaseScope.Value.ServiceProvider.GetRequiredService<AppDbContext>(), DatabaseLease.OutboxDrain, cancellationToken);
            if (lease is null)
            {
                return 0;
            }

            if (!await AnyPendingAsync(cancellationToken))
            {
                Interlocked.Exchange(ref _failingSinceTicks, 0);
                SearchTelemetry.OutboxPending.Record(0);
                return 0;
            }

            activity = SearchTelemetry.ActivitySource.StartActivity("indexing.drain");
            var total = 0;
            var batches = 0;
            BatchOutcome outcome;
            while ((outcome = await DrainBatchAsync(batchSize, failed, cancellationToken)).Read > 0)
            {
                total += outcome.Applied;
                batches++;
            }

            if (total > 0)
            {
                LogDrained(logger, total);
            }

            Interlocked.Exchange(ref _failingSinceTicks, 0);

            // The outbox now holds what failed in this drain, and whatever was written since its last read.
            SearchTelemetry.OutboxPending.Record(failed.Count);
            activity?.SetTag(SearchTelemetry.Tags.Applied, total).SetTag(SearchTelemetry.Tags.Batches, batches).SetTag(SearchTelemetry.Tags.Pending, failed.Count);
            return total;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Interlocked.CompareExchange(ref _failingSinceTicks, time.GetUtcNow().UtcTicks, 0);
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            await RecordPendingAsync();
            throw;
        }
        finally
        {
            activity?.Dispose();
            if (lease is not null)
            {
                await lease.DisposeAsync();
            }

            if (leaseScope is { } scope)
            {
                await scope.DisposeAsync();
            }

            _gate.Release();
        }
    }

    private async Task<bool> AnyPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Outbox.AnyAsync(cancellationToken);
    }

    /// <summary>After a failed drain: how many entries wait, if the database still answers (the drain's own failure is what matters).</summary>
    private async Task RecordPendingAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            SearchTelemetry.OutboxPending.Record(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Outbox.LongCountAsync());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPendingUnknown(logger, exception);
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>One batch, leaving out the entries in <paramref name="failed"/> (and adding this batch's failures to it).</summary>
    private async Task<BatchOutcome> DrainBatchAsync(int batchSize, HashSet<long> failed, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var skipped = failed.ToList();
        var entries = await db.Outbox.AsNoTracking()
            .Where(e => !skipped.Contains(e.Id))
            .OrderBy(e => e.Id)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        if (entries.Count == 0)
        {
            return new BatchOutcome(0, 0);
        }

        using var activity = SearchTelemetry.ActivitySource.StartActivity("indexing.batch");
        activity?.SetTag(SearchTelemetry.Tags.Read, entries.Count);
        var latest = entries
            .GroupBy(e => (e.Kind, e.ListingId))
            .Select(g => g.OrderByDescending(e => e.Version).ThenByDescending(e => e.Id).First())
            .ToList();

        try
        {
            await ApplyAsync(db, latest, cancellationToken);
            await engine.CommitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogBatchFailed(logger, exception, entries.Count);
            var outcome = await ApplyOneByOneAsync(db, entries, latest, failed, cancellationToken);
            activity?.SetTag(SearchTelemetry.Tags.Applied, outcome.Applied).SetTag(SearchTelemetry.Tags.Failures, outcome.Failures).SetTag(SearchTelemetry.Tags.DeadLetters, outcome.DeadLetters);
            return outcome;
        }

        await RemoveAsync(db, entries.Select(e => e.Id).ToList(), cancellationToken);
        RecordApplied(entries);
        activity?.SetTag(SearchTelemetry.Tags.Applied, entries.Count);
        return new BatchOutcome(entries.Count, entries.Count);
    }

    /// <summary>Counts entries now in the index, and how long each waited since its listing was written.</summary>
    private void RecordApplied(IEnumerable<OutboxEntry> applied)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var count = 0;
        foreach (var entry in applied)
        {
            // SQLite hands the UTC instant back without a kind.
            SearchTelemetry.IndexingLag.Record(Math.Max(0, (now - DateTime.SpecifyKind(entry.CreatedAt, DateTimeKind.Utc)).TotalSeconds));
            count++;
        }

        SearchTelemetry.IndexingApplied.Add(count);
    }

    /// <summary>Upserts and deletes these entries; the caller commits.</summary>
    private async Task ApplyAsync(AppDbContext db, List<OutboxEntry> latest, CancellationToken cancellationToken)
    {
        var upserts = new List<SearchDocument>();
        var unlisted = new List<(ListingKind Kind, long Id, int Version)>();
        foreach (var kindGroup in latest.Where(e => e.Operation == OutboxOperation.Upsert).GroupBy(e => e.Kind))
        {
            var kind = ListingKinds.Get(kindGroup.Key);
            var ids = kindGroup.Select(e => e.ListingId).ToList();
            var popularity = await PopularityCounts.OfAsync(db, kind.Kind, ids, cancellationToken);
            // A row deleted since its upsert entry is simply missing here; its delete entry follows.
            foreach (var listing in await kind.LoadAsync(db, ids, cancellationToken))
            {
                if (kind.IsListed(listing))
                {
                    upserts.Add(kind.BuildDocument(listing, places).WithPopularity(popularity));
                }
                else
                {
                    // Not listed (a CV no longer discoverable): out of the index, as if deleted, at this version.
                    unlisted.Add((kind.Kind, listing.Id, listing.Version));
                }
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

        foreach (var (kind, id, version) in unlisted)
        {
            await engine.DeleteAsync(kind, id, version, cancellationToken);
        }
    }

    /// <summary>
    /// After a failed batch: each listing on its own, one commit at the end. A listing that fails
    /// again gets an attempt counted (or is set aside), once the engine is known to be healthy.
    /// </summary>
    private async Task<BatchOutcome> ApplyOneByOneAsync(
        AppDbContext db, List<OutboxEntry> entries, List<OutboxEntry> latest, HashSet<long> failed, CancellationToken cancellationToken)
    {
        var failures = new List<(OutboxEntry Latest, Exception Error)>();
        foreach (var entry in latest)
        {
            try
            {
                await ApplyAsync(db, [entry], cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failures.Add((entry, exception));
            }
        }

        // Throws when the engine is down: then no listing is to blame and nothing is counted.
        await engine.CountAsync(cancellationToken: cancellationToken);
        await engine.CommitAsync(cancellationToken);

        var failedKeys = failures.Select(f => (f.Latest.Kind, f.Latest.ListingId)).ToHashSet();
        var applied = entries.Where(e => !failedKeys.Contains((e.Kind, e.ListingId))).ToList();
        await RemoveAsync(db, applied.Select(e => e.Id).ToList(), cancellationToken);
        RecordApplied(applied);

        var deadLetters = 0;
        foreach (var (entry, error) in failures)
        {
            var own = entries.Where(e => e.Kind == entry.Kind && e.ListingId == entry.ListingId).ToList();
            failed.UnionWith(own.Select(e => e.Id));
            if (await CountAttemptAsync(db, entry, own, error, cancellationToken))
            {
                deadLetters++;
            }
        }

        SearchTelemetry.IndexingFailures.Add(failures.Count - deadLetters);
        SearchTelemetry.IndexingDeadLetters.Add(deadLetters);
        return new BatchOutcome(entries.Count, applied.Count, failures.Count, deadLetters);
    }

    /// <summary>
    /// Counts one more failed attempt on a listing's entries, or sets them aside as a dead letter at
    /// <see cref="MaxAttempts"/>; returns whether it did the latter.
    /// </summary>
    private async Task<bool> CountAttemptAsync(AppDbContext db, OutboxEntry latest, List<OutboxEntry> own, Exception error, CancellationToken cancellationToken)
    {
        var ids = own.Select(e => e.Id).ToList();
        var attempts = own.Max(e => e.Attempts) + 1;
        if (attempts < MaxAttempts)
        {
            await db.Outbox.Where(e => ids.Contains(e.Id)).ExecuteUpdateAsync(set => set.SetProperty(e => e.Attempts, attempts), cancellationToken);
            LogListingFailed(logger, error, latest.Kind, latest.ListingId, attempts, MaxAttempts);
            return false;
        }

        var message = $"{error.GetType().FullName}: {error.Message}";
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.IndexingDeadLetters.Add(new IndexingDeadLetter
        {
            Kind = latest.Kind,
            ListingId = latest.ListingId,
            Version = latest.Version,
            Operation = latest.Operation,
            Attempts = attempts,
            Error = message.Length <= IndexingDeadLetter.MaxErrorLength ? message : message[..IndexingDeadLetter.MaxErrorLength],
            DeadLetteredAt = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        await db.Outbox.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogDeadLettered(logger, error, latest.Kind, latest.ListingId, attempts);
        return true;
    }

    private static Task<int> RemoveAsync(AppDbContext db, List<long> ids, CancellationToken cancellationToken) =>
        ids.Count == 0 ? Task.FromResult(0) : db.Outbox.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} outbox entries to the search index")]
    private static partial void LogDrained(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} outbox entries failed; applying them listing by listing")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indexing {Kind} {ListingId} failed (attempt {Attempt} of {MaxAttempts}); it is retried on the next drain")]
    private static partial void LogListingFailed(ILogger logger, Exception exception, ListingKind kind, long listingId, int attempt, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Indexing {Kind} {ListingId} failed {Attempts} times; its outbox entries were set aside as a dead letter")]
    private static partial void LogDeadLettered(ILogger logger, Exception exception, ListingKind kind, long listingId, int attempts);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Counting the outbox after a failed drain failed too; the pending gauge keeps its last value")]
    private static partial void LogPendingUnknown(ILogger logger, Exception exception);

    /// <summary>How many entries a batch read, how many of them it applied, and how many listings failed or were set aside.</summary>
    private readonly record struct BatchOutcome(int Read, int Applied, int Failures = 0, int DeadLetters = 0);
}
