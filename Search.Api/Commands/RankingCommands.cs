using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DongNai.Domain;
using DongNai.Domain.People;
using DongNai.Domain.Places;
using DongNai.Ranking.Simulation;
using DongNai.Search.Lucene;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace DongNai.Search.Api.Commands;

/// <summary>
/// <c>evaluate</c>: the offline evaluation of the rankers on simulated workers (docs/ranking.md), in
/// a temporary folder of its own (a Lucene index and a SQLite event store), never the service's data.
/// </summary>
public static class RankingCommands
{
    public static async Task<int> EvaluateAsync(IServiceProvider services, int seed, int users, string? jsonPath, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "dongnai-evaluate", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            EvaluationReport report;
            await using (var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={Path.Combine(folder, "events.db")};Pooling=False").Options))
            {
                await db.Database.MigrateAsync(cancellationToken);
                using var engine = new LuceneSearchEngine(new LuceneOptions { IndexPath = Path.Combine(folder, "index") });
                (report, _) = await OfflineEvaluation.RunAsync(
                    engine,
                    services.GetRequiredService<PlaceCatalog>(),
                    new EvaluationOptions(seed, users),
                    async (events, ct) => await InteractionLog.AppendAsync(db, events, ct),
                    async ct => await db.Interactions.AsNoTracking().ToListAsync(ct),
                    cancellationToken);
            }

            var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
            var table = new Table().AddColumns("ranker", "NDCG@10", "recall@10", "MRR");
            foreach (var (name, quality) in report.Rankers)
            {
                table.AddRow(name, F(quality.Ndcg10), F(quality.Recall10), F(quality.Mrr));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture,
                "seed {0}, {1} training and {1} held-out users, {2:N0} listings; {3:N0} events, {4:N0} training requests ({5:N0} rows); "
                + "{6} searches judged; learned/engine [green]{7:F2}[/], learned/popularity [green]{8:F2}[/]; {9:F1} s",
                seed, users, report.Options.Listings, report.TrainingEvents, report.TrainingGroups, report.TrainingRows,
                report.Rankers[EvaluationReport.Learned].Lists, report.LearnedOverEngine, report.LearnedOverPopularity, seconds);
            if (jsonPath is not null)
            {
                await File.WriteAllTextAsync(jsonPath, Json(report, seconds).ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
            }

            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static JsonObject Json(EvaluationReport report, double seconds)
    {
        var rankers = new JsonObject();
        foreach (var (name, quality) in report.Rankers)
        {
            rankers[name] = new JsonObject
            {
                ["ndcg10"] = Math.Round(quality.Ndcg10, 4),
                ["recall10"] = Math.Round(quality.Recall10, 4),
                ["mrr"] = Math.Round(quality.Mrr, 4),
                ["lists"] = quality.Lists,
            };
        }

        return new JsonObject
        {
            ["seed"] = report.Options.Seed,
            ["users"] = report.Options.Users,
            ["listings"] = report.Options.Listings,
            ["trainingEvents"] = report.TrainingEvents,
            ["trainingRequests"] = report.TrainingGroups,
            ["trainingRows"] = report.TrainingRows,
            ["rankers"] = rankers,
            ["ratios"] = new JsonObject
            {
                ["learnedOverEngine"] = Math.Round(report.LearnedOverEngine, 3),
                ["learnedOverPopularity"] = Math.Round(report.LearnedOverPopularity, 3),
            },
            ["seconds"] = Math.Round(seconds, 1),
        };
    }

    private static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
