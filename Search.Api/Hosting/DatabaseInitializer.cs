using DongNai.Domain;
using DongNai.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DongNai.Search.Api.Hosting;

/// <summary>
/// Brings the database to the current schema before the host serves a request: applies migrations,
/// turns on WAL, writes reference places, creates the configured admin, and seeds demo listings on
/// a first start. Safe to run on every start: each step is idempotent.
/// </summary>
public static partial class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));

        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

        var admin = scope.ServiceProvider.GetRequiredService<IOptions<AdminOptions>>().Value;
        if (await scope.ServiceProvider.GetRequiredService<AccountService>().EnsureAdminAsync(admin, cancellationToken))
        {
            LogAdminCreated(logger);
        }

        SqliteConnection.ClearAllPools();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the configured administrator account")]
    private static partial void LogAdminCreated(ILogger logger);
}
