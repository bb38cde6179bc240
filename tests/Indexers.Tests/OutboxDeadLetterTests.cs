using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Outbox;
using DongNai.Search;
using DongNai.Search.Lucene;
using DongNai.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Indexers.Tests;

/// <summary>
/// One listing the engine will not take must not hold back the others, must not be retried
/// forever, and must end, with its reason, in the dead letters; an engine that is down is nobody's
/// fault and sets nothing aside. Real SQLite file, real Lucene index behind a refusing port double.
/// </summary>
public sealed class OutboxDeadLetterTests : IAsyncLifetime
{
    private static readonly DateTime SeededAt = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dongnai-indexers-tests", Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;
    private List<long> _rentals = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataStore(Path.Combine(_folder, "dongnai.db"));
        var indexPath = Path.Combine(_folder, "index");
        services.AddSingleton<ISearchEngine>(_ => new RefusingSearchEngine(new LuceneSearchEngine(new LuceneOptions { IndexPath = indexPath })));
        services.AddIndexing();
        _services = services.BuildServiceProvider();

        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
        await DemoDatabaseSeeder.SeedDemoAsync(db, 200, seed: 5, SeededAt);
        _rentals = await ListingKinds.Get(ListingKind.Rental).StreamAllAsync(db, CancellationToken.None).Select(l => l.Id).ToListAsync();
        db.Outbox.AddRange(_rentals.Select(id => new OutboxEntry { Kind = ListingKind.Rental, ListingId = id, Version = 1, Operation = OutboxOperation.Upsert, CreatedAt = SeededAt }));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Drain_IndexesTheOtherListings_WhenTheEngineRefusesOne()
    {
        var refused = _rentals[_rentals.Count / 2];
        Engine.Refused.Add((ListingKind.Rental, refused));

        var applied = await Drainer.DrainAsync();

        await Engine.RefreshAsync();
        Assert.True(_rentals.Count > 10, "The demo data has too few rentals for this test.");
        Assert.Equal(_rentals.Count - 1, applied);
        Assert.Equal(_rentals.Count - 1, await Engine.CountAsync(ListingKind.Rental));
        var left = Assert.Single(await WithDbAsync(db => db.Outbox.ToListAsync()));
        Assert.Equal(refused, left.ListingId);
        Assert.Equal(1, left.Attempts);
        Assert.Empty(await WithDbAsync(db => db.IndexingDeadLetters.ToListAsync()));
    }

    [Fact]
    public async Task Drain_SetsARefusedListingAsideAsADeadLetter_AfterMaxAttempts()
    {
        var refused = _rentals[0];
        Engine.Refused.Add((ListingKind.Rental, refused));
        for (var attempt = 1; attempt < OutboxDrainer.MaxAttempts; attempt++)
        {
            await Drainer.DrainAsync();
        }

        var beforeLast = await WithDbAsync(db => db.IndexingDeadLetters.CountAsync());

        await Drainer.DrainAsync();

        Assert.Equal(0, beforeLast);
        Assert.Equal(0, await WithDbAsync(db => db.Outbox.CountAsync()));
        var deadLetter = Assert.Single(await WithDbAsync(db => db.IndexingDeadLetters.ToListAsync()));
        Assert.Equal((ListingKind.Rental, refused, OutboxOperation.Upsert), (deadLetter.Kind, deadLetter.ListingId, deadLetter.Operation));
        Assert.Equal(OutboxDrainer.MaxAttempts, deadLetter.Attempts);
        Assert.Contains($"The engine refused Rental {refused}.", deadLetter.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drain_ThrowsAndCountsNoAttempt_WhenTheEngineIsDown()
    {
        Engine.Down = true;
        for (var attempt = 0; attempt <= OutboxDrainer.MaxAttempts; attempt++)
        {
            await Assert.ThrowsAsync<IOException>(() => Drainer.DrainAsync());
        }

        Engine.Down = false;
        var applied = await Drainer.DrainAsync();

        Assert.Equal(_rentals.Count, applied);
        Assert.Equal(0, await WithDbAsync(db => db.Outbox.CountAsync()));
        Assert.Empty(await WithDbAsync(db => db.IndexingDeadLetters.ToListAsync()));
    }

    private RefusingSearchEngine Engine => (RefusingSearchEngine)_services.GetRequiredService<ISearchEngine>();

    private OutboxDrainer Drainer => _services.GetRequiredService<OutboxDrainer>();

    private async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
