using System.Globalization;
using DongNai.Domain;
using DongNai.Seeding;
using DongNai.Indexers;
using DongNai.Search.Api.Backups;
using DongNai.Search.Api.Hosting;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace DongNai.Search.Api.Commands;

/// <summary>
/// The maintenance commands run instead of the web host: <c>seed</c> adds demo listings and
/// rebuilds the index; <c>reindex</c> rebuilds the index from the database; <c>backup</c> copies
/// the database and keys while the service runs; <c>restore</c> puts a backup back (service
/// stopped). They use the host's configuration and services; seed and reindex show progress bars.
/// </summary>
public static class ServiceCommands
{
    public const string Usage = """
        Usage (configuration overrides such as --Storage:DataPath=/srv/data may follow):
          dotnet run --project Search.Api -- seed [--listings N] [--seed S]   add N demo listings (default 20000), then rebuild the index
          dotnet run --project Search.Api -- reindex                          rebuild the search index from the database
          dotnet run --project Search.Api -- backup [--to FOLDER]             copy the database and keys, also while the service runs
                                                                              (default FOLDER: <DataPath>/backups/<UTC time>)
          dotnet run --project Search.Api -- restore --from FOLDER            put a backup back (stop the service first); the index is
                                                                              rebuilt at the next start, replaced files are kept aside
          dotnet run -c Release --project Search.Api -- evaluate [--seed N] [--users N] [--json PATH]
                                                                              simulate workers, train a re-ranker on some, and print
                                                                              NDCG@10, recall@10 and MRR of each ranker on the others
          dotnet run --project Search.Api -- train                            train the re-ranker on the last 30 days of events now;
                                                                              promoted only if it beats the current model and baselines
        """;

    private static readonly string[] Commands = ["seed", "reindex", "backup", "restore", "evaluate", "train"];

    public static bool IsCommand(string[] args) => args.Length > 0 && (Commands.Contains(args[0]) || args[0] is "help" or "--help");

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args[0] is "help" or "--help")
        {
            Console.WriteLine(Usage);
            return 0;
        }

        var options = ParseOptions(args[0], args[1..]);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var stopping = app.Lifetime.ApplicationStopping;
        if (args[0] == "evaluate")
        {
            return await RankingCommands.EvaluateAsync(
                app.Services,
                options.TryGetValue("--seed", out var evaluationSeed) ? int.Parse(evaluationSeed, CultureInfo.InvariantCulture) : 1,
                options.TryGetValue("--users", out var users) ? int.Parse(users, CultureInfo.InvariantCulture) : 300,
                options.GetValueOrDefault("--json"),
                stopping);
        }

        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var time = app.Services.GetRequiredService<TimeProvider>();
        if (args[0] is "backup" or "restore"
            && app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider != DatabaseProvider.Sqlite)
        {
            await Console.Error.WriteLineAsync(
                $"{args[0]} copies the SQLite file and the keys of the data folder. On PostgreSQL, back the database up with pg_dump "
                + "(restore with pg_restore) and copy the key folder (Storage:DataPath/keys) with it; the search index rebuilds itself.");
            return 1;
        }

        try
        {
            switch (args[0])
            {
                case "backup":
                    var target = options.GetValueOrDefault("--to")
                        ?? Path.Combine(storage.DataPath, "backups", time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
                    var manifest = await DataBackup.CreateAsync(storage, target, time, stopping);
                    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                        $"Backed up [green]{manifest.Listings:N0}[/] listings and {manifest.Accounts:N0} accounts (schema {manifest.Schema}) with {manifest.Files.Count - 1} key file(s) to {Path.GetFullPath(target)}.");
                    return 0;
                case "restore":
                    var restored = await DataBackup.RestoreAsync(storage, options["--from"], time, stopping);
                    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                        $"Restored [green]{restored.Manifest.Listings:N0}[/] listings and {restored.Manifest.Accounts:N0} accounts taken at {restored.Manifest.CreatedAt:u}.");
                    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                        $"{(restored.SetAsideFolder is null ? "The data folder was empty." : $"What it replaced is in {Path.GetFullPath(restored.SetAsideFolder)}.")} Start the service: it rebuilds the search index from the restored database.");
                    return 0;
            }
        }
        catch (BackupException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 1;
        }

        await DatabaseInitializer.InitializeAsync(app.Services, seedDemo: false, stopping);
        if (args[0] == "train")
        {
            await using var scope = app.Services.CreateAsyncScope();
            app.Services.GetRequiredService<DongNai.Ranking.Learning.RankingModelHost>().LoadCurrent();
            var info = await scope.ServiceProvider.GetRequiredService<Ranking.RankerTrainingJob>().RunAsync(stopping);
            AnsiConsole.MarkupLine(info is null
                ? "Too few signed-in requests with engagement in the last 30 days to train on."
                : string.Create(
                    CultureInfo.InvariantCulture,
                    $"Trained model {info.Version} on {info.TrainingRequests:N0} requests; NDCG@10 on the {info.EvaluationRequests:N0} later ones: {string.Join(", ", info.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Value.Ndcg10:F4}")))}{(info.Promoted ? "; [green]promoted[/]." : "; not promoted (it did not beat them all).")}"));
            return 0;
        }

        if (args[0] == "seed")
        {
            var seed = options.TryGetValue("--seed", out var s) ? int.Parse(s, CultureInfo.InvariantCulture) : app.Services.GetRequiredService<IOptions<SeedOptions>>().Value.Seed;
            var count = options.TryGetValue("--listings", out var n) ? int.Parse(n, CultureInfo.InvariantCulture) : 20_000;
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

    /// <summary>The command's own options (configuration overrides skipped), or null when one is unknown, lacks its value or is out of range.</summary>
    private static Dictionary<string, string>? ParseOptions(string command, string[] args)
    {
        string[] allowed = command switch
        {
            "seed" => ["--listings", "--seed"],
            "backup" => ["--to"],
            "restore" => ["--from"],
            "evaluate" => ["--seed", "--users", "--json"],
            _ => [],
        };
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && args[i].Contains(':', StringComparison.Ordinal))
            {
                // A configuration override such as --Storage:DataPath=/srv/data, read by the host's configuration.
                i -= args[i].Contains('=', StringComparison.Ordinal) ? 1 : 0;
                continue;
            }

            if (!allowed.Contains(args[i]) || i + 1 >= args.Length || string.IsNullOrWhiteSpace(args[i + 1]))
            {
                return null;
            }

            options[args[i]] = args[i + 1];
        }

        var valid = options.All(option => option.Key switch
        {
            "--listings" => int.TryParse(option.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var listings) && listings is >= 1 and <= 10_000_000,
            "--seed" => int.TryParse(option.Value, NumberStyles.None, CultureInfo.InvariantCulture, out _),
            "--users" => int.TryParse(option.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var users) && users is >= 10 and <= 100_000,
            _ => true,
        });
        return valid && (command != "restore" || options.ContainsKey("--from")) ? options : null;
    }
}
