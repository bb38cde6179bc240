using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Outbox;
using DongNai.Domain.People;
using DongNai.Search;
using DongNai.Search.Lucene;
using DongNai.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Indexers.Tests;

/// <summary>
/// The indexers over a real SQLite file and a real Lucene index, wired as the service wires them
/// (<c>AddDataStore</c>, <c>AddLuceneSearchEngine</c>, <c>AddIndexing</c>): a rebuild and an outbox
/// drain reach every registered kind.
/// </summary>
public sealed class IndexingPipelineTests : IAsyncLifetime
{
    private static readonly DateTime SeededAt = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dongnai-indexers-tests", Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataStore(Path.Combine(_folder, "dongnai.db"));
        services.AddLuceneSearchEngine(Path.Combine(_folder, "index"));
        services.AddIndexing();
        _services = services.BuildServiceProvider();

        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
        await DemoDatabaseSeeder.SeedDemoAsync(db, 400, seed: 3, SeededAt);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The kinds the demo data holds (every kind with a demo share; CVs have none).</summary>
    private static IReadOnlyList<ListingKindDescriptor> DemoKinds => [.. ListingKinds.Descriptors.Where(d => d.DemoShare > 0)];

    [Fact]
    public async Task Rebuild_IndexesEveryListingOfEveryKind()
    {
        var rebuilt = await _services.GetRequiredService<IndexRebuilder>().RebuildAsync();

        var engine = _services.GetRequiredService<ISearchEngine>();
        await engine.RefreshAsync();
        Assert.Equal(400, rebuilt);
        foreach (var kind in DemoKinds)
        {
            var stored = await WithDbAsync(db => kind.CountAsync(db, CancellationToken.None));
            Assert.True(stored > 0, $"The demo data has no {kind.Slug}.");
            Assert.Equal(stored, await engine.CountAsync(kind.Kind));
        }
    }

    [Fact]
    public async Task Drain_AppliesUpsertsAndDeletesOfEveryKind_AndEmptiesTheOutbox()
    {
        await _services.GetRequiredService<IndexRebuilder>().RebuildAsync();
        var engine = _services.GetRequiredService<ISearchEngine>();
        await engine.RefreshAsync();
        var before = new Dictionary<ListingKind, long>();
        foreach (var kind in DemoKinds)
        {
            before[kind.Kind] = await engine.CountAsync(kind.Kind);
        }

        // One delete per kind: the row goes, and its tombstone outranks the indexed version.
        await WithDbAsync(async db =>
        {
            foreach (var kind in DemoKinds)
            {
                var victim = await kind.StreamAllAsync(db, CancellationToken.None).FirstAsync();
#pragma warning disable EF1002 // The table name comes from the kind's descriptor, not from input.
                await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"{kind.Table}\" WHERE Id = {victim.Id}");
#pragma warning restore EF1002
                db.Outbox.Add(new OutboxEntry { Kind = kind.Kind, ListingId = victim.Id, Version = victim.Version + 1, Operation = OutboxOperation.Delete, CreatedAt = DateTime.UtcNow });
            }

            return await db.SaveChangesAsync();
        });

        var applied = await _services.GetRequiredService<OutboxDrainer>().DrainAsync();

        await engine.RefreshAsync();
        Assert.Equal(DemoKinds.Count, applied);
        Assert.Equal(0, await WithDbAsync(db => db.Outbox.CountAsync()));
        foreach (var kind in DemoKinds)
        {
            Assert.Equal(before[kind.Kind] - 1, await engine.CountAsync(kind.Kind));
        }
    }

    [Fact]
    public async Task Rebuild_IndexesTheStoredInteractionCounts_AndARefreshWithADrainBringsNewOnes()
    {
        var job = await WithDbAsync(db => ListingKinds.Get(ListingKind.Job).StreamAllAsync(db, CancellationToken.None).FirstAsync().AsTask());
        var rental = await WithDbAsync(db => ListingKinds.Get(ListingKind.Rental).StreamAllAsync(db, CancellationToken.None).FirstAsync().AsTask());
        var jobKey = new ListingKey(ListingKind.Job, job.Id);
        var rentalKey = new ListingKey(ListingKind.Rental, rental.Id);
        await AppendEventsAsync("first", jobKey, InteractionType.Impression, InteractionType.Impression, InteractionType.Impression, InteractionType.Click, InteractionType.Apply);
        await AppendEventsAsync("first", new ListingKey(ListingKind.Job, job.Id + 100_000), InteractionType.Click);
        var engine = _services.GetRequiredService<ISearchEngine>();

        await _services.GetRequiredService<IndexRebuilder>().RebuildAsync();

        await engine.RefreshAsync();
        var rebuilt = await PopularityAsync(engine, jobKey, rentalKey);
        Assert.Equal(new ListingPopularity { Impressions = 3, Clicks = 1, Applies = 1 }, rebuilt[jobKey]);
        Assert.Equal(ListingPopularity.None, rebuilt[rentalKey]);

        await AppendEventsAsync("second", jobKey, InteractionType.Impression, InteractionType.Save);
        await AppendEventsAsync("second", rentalKey, InteractionType.Impression, InteractionType.View, InteractionType.Contact);
        var queued = await _services.GetRequiredService<PopularityRefresher>().RefreshAsync();
        await _services.GetRequiredService<OutboxDrainer>().DrainAsync();

        await engine.RefreshAsync();
        var refreshed = await PopularityAsync(engine, jobKey, rentalKey);
        Assert.Equal(new ListingPopularity { Impressions = 4, Clicks = 1, Saves = 1, Applies = 1 }, refreshed[jobKey]);
        Assert.Equal(new ListingPopularity { Impressions = 1, Views = 1, Contacts = 1 }, refreshed[rentalKey]);
        Assert.Equal(3, queued);
        Assert.Equal(0, await WithDbAsync(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task PopularityRefresh_QueuesOnlyListingsWithEventsSinceTheLastRun()
    {
        var refresher = _services.GetRequiredService<PopularityRefresher>();
        await AppendEventsAsync("old", new ListingKey(ListingKind.Rental, 1), InteractionType.Click);
        await AppendEventsAsync("old", new ListingKey(ListingKind.Voucher, 2), InteractionType.Claim);
        var first = await refresher.RefreshAsync();
        await AppendEventsAsync("new", new ListingKey(ListingKind.Voucher, 2), InteractionType.Save, InteractionType.Save);

        var second = await refresher.RefreshAsync();
        var third = await refresher.RefreshAsync();

        var pending = await WithDbAsync(db => db.Outbox.OrderBy(e => e.Id).Select(e => new { e.Kind, e.ListingId, e.Operation }).ToListAsync());
        Assert.Equal((2, 1, 0), (first, second, third));
        Assert.Equal(3, pending.Count);
        Assert.All(pending, entry => Assert.Equal(OutboxOperation.Upsert, entry.Operation));
        Assert.Equal((ListingKind.Voucher, 2L), (pending[^1].Kind, pending[^1].ListingId));
    }

    /// <summary>Stores one event per type for the listing, as one anonymous device would send them.</summary>
    [Fact]
    public async Task Drain_IndexesACvOnlyWhileItIsDiscoverable_AndDeletesItWhenItStopsBeing()
    {
        var engine = _services.GetRequiredService<ISearchEngine>();
        var drainer = _services.GetRequiredService<OutboxDrainer>();
        var id = await WithDbAsync(async db =>
        {
            var cv = NewCv(discoverable: false);
            db.Add(cv);
            await db.SaveChangesAsync();
            db.Outbox.Add(Upsert(cv));
            await db.SaveChangesAsync();
            return cv.Id;
        });

        await drainer.DrainAsync();
        await engine.RefreshAsync();
        var whileHidden = await engine.CountAsync(ListingKind.Cv);
        await SetDiscoverableAsync(id, true);
        await drainer.DrainAsync();
        await engine.RefreshAsync();
        var whileShown = await engine.CountAsync(ListingKind.Cv);
        await SetDiscoverableAsync(id, false);
        await drainer.DrainAsync();
        await engine.RefreshAsync();
        var afterHiding = await engine.CountAsync(ListingKind.Cv);

        Assert.Equal((0, 1, 0), (whileHidden, whileShown, afterHiding));
        Assert.Equal(0, await WithDbAsync(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task Rebuild_SkipsCvsThatAreNotDiscoverable_AndLeavesThemOutOfTheSearchAcrossKinds()
    {
        await WithDbAsync(async db =>
        {
            db.AddRange(NewCv(discoverable: true), NewCv(discoverable: false), NewCv(discoverable: false));
            return await db.SaveChangesAsync();
        });
        var engine = _services.GetRequiredService<ISearchEngine>();

        var rebuilt = await _services.GetRequiredService<IndexRebuilder>().RebuildAsync();
        await engine.RefreshAsync();

        Assert.Equal(401, rebuilt);
        Assert.Equal(1, await engine.CountAsync(ListingKind.Cv));
        Assert.Equal(400, await engine.CountAsync());
        var acrossKinds = await engine.SearchAsync(new SearchQuery { Text = "hàn điện", Now = SeededAt });
        Assert.DoesNotContain(acrossKinds.Hits, hit => hit.Kind == ListingKind.Cv);
        var ownKind = await engine.SearchAsync(new SearchQuery { Kind = ListingKind.Cv, Text = "han dien", Now = SeededAt });
        Assert.Single(ownKind.Hits);
    }

    private static Domain.Listings.Cvs.Cv NewCv(bool discoverable) => new()
    {
        OwnerId = 1,
        Title = "Thợ hàn điện",
        Skills = ["Hàn điện", "Đọc bản vẽ"],
        SalaryExpectationVnd = 9_000_000,
        Availability = Domain.Listings.Cvs.CvAvailability.Immediately,
        IndustrialParkCode = "amata",
        Latitude = 10.951,
        Longitude = 106.869,
        CreatedAt = SeededAt,
        UpdatedAt = SeededAt,
        Version = 1,
        Discoverable = discoverable,
    };

    private static OutboxEntry Upsert(Listing listing) =>
        new() { Kind = listing.Kind, ListingId = listing.Id, Version = listing.Version, Operation = OutboxOperation.Upsert, CreatedAt = SeededAt };

    private Task<int> SetDiscoverableAsync(long id, bool discoverable) => WithDbAsync(async db =>
    {
        var cv = await db.Set<Domain.Listings.Cvs.Cv>().SingleAsync(c => c.Id == id);
        cv.Discoverable = discoverable;
        cv.Version++;
        db.Outbox.Add(Upsert(cv));
        return await db.SaveChangesAsync();
    });

    private Task<int> AppendEventsAsync(string batch, ListingKey listing, params InteractionType[] types) =>
        WithDbAsync(db => InteractionLog.AppendAsync(
            db,
            [.. types.Select((type, i) => new InteractionEvent
            {
                DeviceId = "device-1",
                ClientEventId = $"{batch}-{listing.Kind}-{listing.Id}-{i}",
                ListingKind = listing.Kind,
                ListingId = listing.Id,
                Type = type,
                OccurredAt = SeededAt.AddHours(1),
            })],
            CancellationToken.None));

    private static async Task<Dictionary<ListingKey, ListingPopularity>> PopularityAsync(ISearchEngine engine, params ListingKey[] listings)
    {
        var result = await engine.SearchAsync(new SearchQuery { Now = SeededAt, Listings = listings, Size = listings.Length });
        Assert.Equal(listings.Length, result.Hits.Count);
        return result.Hits.ToDictionary(h => new ListingKey(h.Kind, h.Id), h => h.Signals.Popularity);
    }

    private async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
