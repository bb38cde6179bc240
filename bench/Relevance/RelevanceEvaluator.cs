using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Places;
using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Relevance;

/// <summary>How to run the evaluation.</summary>
public sealed record EvaluationOptions
{
    public int Listings { get; init; } = 20_000;

    public int Seed { get; init; } = 2025;

    /// <summary>The judged set's file; the one beside the binary when null.</summary>
    public string? QueriesPath { get; init; }
}

/// <summary>
/// Runs the judged set against the real service: hosts it (<see cref="RelevanceHost"/>), waits until
/// the demo data is indexed, grades every listing of the database by every rule, then sends each
/// query twice over HTTP, with <c>understand=false</c> (before the interpreter) and
/// <c>understand=true</c> (after), and measures both answers (<see cref="RelevanceMetrics"/>).
/// </summary>
public static class RelevanceEvaluator
{
    /// <summary>Hits asked for: the NDCG depth.</summary>
    public const int PageSize = RelevanceMetrics.NdcgDepth;

    public static async Task<RelevanceReport> RunAsync(EvaluationOptions options, TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.StartNew();
        using var host = new RelevanceHost(options.Listings, options.Seed);
        using var client = host.CreateClient();
        await WaitUntilReadyAsync(client, cancellationToken);
        var readySeconds = started.Elapsed.TotalSeconds;
        log?.WriteLine($"Service seeded and indexed with {options.Listings} listings in {readySeconds:F1} s.");

        var places = host.Services.GetRequiredService<PlaceCatalog>();
        var set = options.QueriesPath is null ? JudgedSet.LoadDefault(places) : JudgedSet.Load(options.QueriesPath, places);
        var gradeClock = Stopwatch.StartNew();
        var listings = await ReadListingsAsync(host, places, cancellationToken);
        var now = RelevanceHost.Now.UtcDateTime;
        var judgements = set.Queries.ToDictionary(q => q.Id, q => JudgeAll(q.Rule, listings, now), StringComparer.Ordinal);
        var gradeSeconds = gradeClock.Elapsed.TotalSeconds;

        var queryClock = Stopwatch.StartNew();
        var outcomes = new List<QueryOutcome>();
        foreach (var query in set.Queries)
        {
            var judged = judgements[query.Id];
            var before = await AskAsync(client, query, understand: false, judged, cancellationToken);
            var after = await AskAsync(client, query, understand: true, judged, cancellationToken);
            outcomes.Add(new QueryOutcome(query.Id, query.Group, query.Text, query.Endpoint?.Slug() ?? "all", judged.Perfect, judged.Partial, before, after));
        }

        var querySeconds = queryClock.Elapsed.TotalSeconds;
        return RelevanceReport.From(
            new RunInfo(options.Listings, options.Seed, listings.Count, readySeconds, gradeSeconds, querySeconds, started.Elapsed.TotalSeconds, Environment.ProcessorCount),
            outcomes);
    }

    private static async Task WaitUntilReadyAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(20))
        {
            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException("The service did not report ready within 20 minutes.");
    }

    private static async Task<List<JudgedListing>> ReadListingsAsync(RelevanceHost host, PlaceCatalog places, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var listings = new List<JudgedListing>();
        foreach (var kind in ListingKinds.Descriptors)
        {
            // Only what the service may show: an unlisted row (a report not approved) is never an answer.
            await foreach (var listing in kind.StreamAllAsync(db, cancellationToken))
            {
                if (kind.IsListed(listing))
                {
                    listings.Add(JudgedListing.From(listing, places));
                }
            }
        }

        return listings;
    }

    private static Judgements JudgeAll(JudgingRule rule, List<JudgedListing> listings, DateTime now)
    {
        var grades = new Dictionary<(ListingKind, long), int>();
        foreach (var listing in listings)
        {
            var grade = Judge.Grade(rule, listing, now);
            if (grade > 0)
            {
                grades[(listing.Kind, listing.Id)] = grade;
            }
        }

        return new Judgements(grades);
    }

    private static async Task<AnswerOutcome> AskAsync(HttpClient client, JudgedQuery query, bool understand, Judgements judged, CancellationToken cancellationToken)
    {
        var uri = string.Create(
            CultureInfo.InvariantCulture,
            $"{query.Path}?q={Uri.EscapeDataString(query.Text)}&size={PageSize}&understand={(understand ? "true" : "false")}");
        using var response = await client.GetAsync(new Uri(uri, UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return AnswerOutcome.Failed($"{(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var hits = root.GetProperty("hits").EnumerateArray()
            .Select(hit => (Kind: hit.GetProperty("kind").GetString()!, Id: hit.GetProperty("id").GetInt64()))
            .ToList();
        var grades = hits
            .Select(hit => ListingKinds.TryParseSlug(hit.Kind, out var kind) ? judged.Grades.GetValueOrDefault((kind, hit.Id)) : 0)
            .ToList();
        var understood = root.TryGetProperty("understood", out var u) && u.ValueKind == JsonValueKind.Object && u.TryGetProperty("parts", out var parts)
            ? parts.EnumerateArray().Select(p => p.GetProperty("field").GetString() + ":" + p.GetProperty("source").GetString()).ToList()
            : [];
        return new AnswerOutcome(
            root.GetProperty("total").GetInt32(),
            RelevanceMetrics.Ndcg(grades, judged.Grades.Values),
            RelevanceMetrics.PrecisionAt5(grades),
            grades,
            understood,
            Relaxed(root),
            null);
    }

    /// <summary>The response's <c>relaxed</c> as text when it is there and not empty (the "no dead ends" step); absent today.</summary>
    private static string? Relaxed(JsonElement root)
    {
        if (!root.TryGetProperty("relaxed", out var relaxed))
        {
            return null;
        }

        return relaxed.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.Array when relaxed.GetArrayLength() == 0 => null,
            JsonValueKind.Object when !relaxed.EnumerateObject().Any() => null,
            JsonValueKind.String when string.IsNullOrEmpty(relaxed.GetString()) => null,
            JsonValueKind.False => null,
            _ => relaxed.GetRawText(),
        };
    }

    private sealed record Judgements(Dictionary<(ListingKind, long), int> Grades)
    {
        public int Perfect { get; } = Grades.Values.Count(g => g == 2);

        public int Partial { get; } = Grades.Values.Count(g => g == 1);
    }
}
