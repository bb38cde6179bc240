using DongNai.Domain;
using DongNai.Domain.People;
using DongNai.Domain.Places;
using DongNai.Ranking.Learning;
using DongNai.Ranking.Simulation;
using DongNai.Search.Lucene;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Ranking.Tests.Learning;

/// <summary>
/// One offline evaluation on a fixed simulated data set (seed 11), shared by the tests that read
/// it: a real Lucene index and a real SQLite event store in a temporary folder, events written
/// through <see cref="InteractionLog"/> and read back to build the training set.
/// </summary>
public sealed class SimulatedEvaluationFixture : IAsyncLifetime, IDisposable
{
    public static readonly EvaluationOptions Options = new(Seed: 11, Users: 150, Listings: 2500);

    private readonly TemporaryFolder _folder = new();

    public EvaluationReport Report { get; private set; } = null!;

    public LearnedRanker Learned { get; private set; } = null!;

    /// <summary>The events the simulation stored, as read back from the database.</summary>
    public int StoredEvents { get; private set; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder.Path);
        await using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={Path.Combine(_folder.Path, "events.db")}").Options);
        await db.Database.MigrateAsync();
        using var engine = new LuceneSearchEngine(new LuceneOptions { IndexPath = Path.Combine(_folder.Path, "index") });
        (Report, Learned) = await OfflineEvaluation.RunAsync(
            engine,
            PlaceCatalog.Load(),
            Options,
            async (events, ct) => await InteractionLog.AppendAsync(db, events, ct),
            async ct => await db.Interactions.AsNoTracking().ToListAsync(ct),
            CancellationToken.None);
        StoredEvents = await db.Interactions.CountAsync();
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _folder.Dispose();
}
