using System.Globalization;

namespace DongNai.Relevance;

/// <summary>
/// <c>dotnet run -c Release --project bench/Relevance -- [--listings 20000] [--seed 2025] [--queries path] [--json path] [--details]</c>:
/// prints the before/after table in Markdown (and, with --details, every query's line); --json
/// writes the whole report. Exit code 0 when the run finished, 2 on bad arguments.
/// </summary>
public static class RelevanceCommand
{
    public static async Task<int> Main(string[] args)
    {
        var options = new EvaluationOptions();
        string? jsonPath = null;
        var details = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            try
            {
                switch (args[i])
                {
                    case "--listings":
                        options = options with { Listings = int.Parse(Next(), CultureInfo.InvariantCulture) };
                        break;
                    case "--seed":
                        options = options with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) };
                        break;
                    case "--queries":
                        options = options with { QueriesPath = Path.GetFullPath(Next()) };
                        break;
                    case "--json":
                        jsonPath = Path.GetFullPath(Next());
                        break;
                    case "--details":
                        details = true;
                        break;
                    default:
                        throw new ArgumentException($"Unknown argument '{args[i]}'.");
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
            {
                await Console.Error.WriteLineAsync(e.Message);
                await Console.Error.WriteLineAsync("Usage: [--listings 20000] [--seed 2025] [--queries path] [--json path] [--details]");
                return 2;
            }
        }

        var report = await RelevanceEvaluator.RunAsync(options, Console.Out);
        Console.WriteLine(report.ToMarkdown(details));
        if (jsonPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(jsonPath)!);
            await File.WriteAllTextAsync(jsonPath, report.ToJson());
            Console.WriteLine($"Wrote {jsonPath}");
        }

        return 0;
    }
}
