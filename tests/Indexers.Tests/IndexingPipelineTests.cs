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
/// The indexers over a real SQLite file and a real Lucene index, wired as the service wires them
/// (<c>AddDataStore</c>, <c>AddLuceneSearchEngine</c>, <c>AddIndexing</c>): a rebuild and an outbox
/// drain reach every registered kind.
/// </summary>
public sealed class IndexingPipelineTests : IAsyncLifetime
{
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
        await DemoDatabaseSeeder.SeedDemoAsync(db, 400, seed: 3, new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Rebuild_IndexesEveryListingOfEveryKind()
    {
        var rebuilt = await _services.GetRequiredService<IndexRebuilder>().RebuildAsync();

        var engine = _services.GetRequiredService<ISearchEngine>();
        await engine.RefreshAsync();
        Assert.Equal(400, rebuilt);
        foreach (var kind in ListingKinds.Descriptors)
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
        foreach (var kind in ListingKinds.Descriptors)
        {
            before[kind.Kind] = await engine.CountAsync(kind.Kind);
        }

        // One delete per kind: the row goes, and its tombstone outranks the indexed version.
        await WithDbAsync(async db =>
        {
            foreach (var kind in ListingKinds.Descriptors)
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
        Assert.Equal(ListingKinds.Descriptors.Count, applied);
        Assert.Equal(0, await WithDbAsync(db => db.Outbox.CountAsync()));
        foreach (var kind in ListingKinds.Descriptors)
        {
            Assert.Equal(before[kind.Kind] - 1, await engine.CountAsync(kind.Kind));
        }
    }

    private async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
