using System.Globalization;
using DongNai.Domain;
using DongNai.Seeding;
using DongNai.Indexers;
using DongNai.Search.Api.Hosting;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace DongNai.Search.Api.Commands;

/// <summary>
/// The maintenance commands run instead of the web host: <c>seed</c> adds demo listings and
/// rebuilds the index; <c>reindex</c> rebuilds the index from the database. Both use the host's
/// configuration and services, and show progress bars.
/// </summary>
public static class ServiceCommands
{
    public const string Usage = """
        Usage (configuration overrides such as --Storage:DataPath=/srv/data may follow):
          dotnet run --project Search.Api -- seed [--listings N] [--seed S]   add N demo listings (default 20000), then rebuild the index
          dotnet run --project Search.Api -- reindex                          rebuild the search index from the database
        """;

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "seed" or "reindex" or "help" or "--help";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args[0] is "help" or "--help")
        {
            Console.WriteLine(Usage);
            return 0;
        }

        var options = ParseOptions(args[1..]);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var stopping = app.Lifetime.ApplicationStopping;
        await DatabaseInitializer.InitializeAsync(app.Services, seedDemo: false, stopping);
        if (args[0] == "seed")
        {
            var seed = options.TryGetValue("--seed", out var s) ? s : app.Services.GetRequiredService<IOptions<SeedOptions>>().Value.Seed;
            var count = options.TryGetValue("--listings", out var n) ? n : 20_000;
            await SeedAsync(app.Services, count, seed, stopping);
        }

        await ReindexAsync(app.Services, stopping);
        return 0;
    }

    private static async Task SeedAsync(IServiceProvider services, int count, int seed, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var today = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.Date;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        DemoSeedResult? result = null;
        await AnsiConsole.Progress().StartAsync(async context =>
        {
            var task = context.AddTask($"Seeding {count:N0} listings (seed {seed})", maxValue: count);
            result = await DemoDatabaseSeeder.SeedDemoAsync(db, count, seed, today, new Progress<int>(written => task.Value = written), cancellationToken);
            task.Value = count;
        });
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "Seeded [green]{0:N0}[/] listings, {1:N0} accounts, {2:N0} employers in {3:F1} s.",
            result!.Listings.Total, result.Accounts, result.Employers, seconds);
    }

    private static async Task ReindexAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var rebuilder = services.GetRequiredService<IndexRebuilder>();
        long total;
        await using (var scope = services.CreateAsyncScope())
        {
            total = await DatabaseInitializer.CountListingsAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), cancellationToken);
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        long indexed = 0;
        await AnsiConsole.Progress().StartAsync(async context =>
        {
            var task = context.AddTask($"Indexing {total:N0} listings", maxValue: Math.Max(1, total));
            indexed = await rebuilder.RebuildAsync(new Progress<long>(done => task.Value = done), cancellationToken);
            task.Value = task.MaxValue;
        });
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "Indexed [green]{0:N0}[/] listings in {1:F1} s ({2:N0} listings/s).",
            indexed, seconds, indexed / Math.Max(seconds, 0.001));
    }

    private static Dictionary<string, int>? ParseOptions(string[] args)
    {
        var options = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && args[i].Contains(':', StringComparison.Ordinal))
            {
                // A configuration override such as --Storage:DataPath=/srv/data, read by the host's configuration.
                i -= args[i].Contains('=', StringComparison.Ordinal) ? 1 : 0;
                continue;
            }

            if (args[i] is not ("--listings" or "--seed") || i + 1 >= args.Length
                || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                || (args[i] == "--listings" && value is < 1 or > 10_000_000))
            {
                return null;
            }

            options[args[i]] = value;
        }

        return options;
    }
}
