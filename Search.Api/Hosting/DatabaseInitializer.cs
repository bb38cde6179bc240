using DongNai.Civic.PublicServices;
using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Places;
using DongNai.Seeding;
using DongNai.Identity;
using Hangfire;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DongNai.Search.Api.Hosting;

/// <summary>
/// Brings the database to the current schema before the host serves a request: applies migrations,
/// turns on WAL (SQLite), writes reference places, creates the configured admin, and seeds demo listings when
/// the database has none, and marks jobs a stopped process left Processing as failed
/// (<see cref="InterruptedJobs"/>). Safe to run on every start: each step is idempotent, and on a
/// shared PostgreSQL one instance at a time runs them (<see cref="DatabaseLease.Startup"/>).
/// </summary>
public static partial class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, bool seedDemo, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));

        // Several instances may start together on one PostgreSQL: one at a time migrates, writes the
        // reference data and seeds; the next finds the work done (every step below is idempotent).
        await using var lease = await DatabaseLease.TakeAsync(db, DatabaseLease.Startup, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await scope.ServiceProvider.GetRequiredService<PlaceCatalog>().WriteToDatabaseAsync(db, cancellationToken);
        await DongNai.Civic.Feedback.FeedbackRouting.SeedAsync(db, cancellationToken);

        var admin = scope.ServiceProvider.GetRequiredService<IOptions<AdminOptions>>().Value;
        if (await scope.ServiceProvider.GetRequiredService<AccountService>().EnsureAdminAsync(admin, cancellationToken))
        {
            LogAdminCreated(logger);
        }

        var seed = scope.ServiceProvider.GetRequiredService<IOptions<SeedOptions>>().Value;
        if (seedDemo && seed.DemoListings > 0 && await CountListingsAsync(db, cancellationToken) == 0)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var today = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.Date;
            var result = await DemoDatabaseSeeder.SeedDemoAsync(db, seed.DemoListings, seed.Seed, today, cancellationToken: cancellationToken);
            var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
            LogSeeded(logger, result.Listings.Total, seconds);
        }

        // After the demo data, which is written only into an empty database: the catalogue is there on every start.
        if (seed.PublicServiceCatalogue)
        {
            await PublicServiceCatalogue.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), cancellationToken);
        }

        InterruptedJobs.FailLeftovers(
            scope.ServiceProvider.GetRequiredService<JobStorage>(), scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>(), logger);

        SqliteConnection.ClearAllPools();
    }

    public static async Task<long> CountListingsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var total = 0L;
        foreach (var kind in ListingKinds.Descriptors)
        {
            total += await kind.CountAsync(db, cancellationToken);
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} demo listings in {Seconds:F1} s on first start")]
    private static partial void LogSeeded(ILogger logger, int count, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the configured administrator account")]
    private static partial void LogAdminCreated(ILogger logger);
}
