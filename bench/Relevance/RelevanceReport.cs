using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DongNai.Relevance;

/// <summary>What one run measured and how long each phase took.</summary>
public sealed record RunInfo(
    int Listings,
    int Seed,
    int ListingsRead,
    double ReadySeconds,
    double GradingSeconds,
    double QueryingSeconds,
    double TotalSeconds,
    int ProcessorCount);

/// <summary>One answer (before or after) to one query. <see cref="Error"/> is set when the service did not answer 200.</summary>
public sealed record AnswerOutcome(
    int Total,
    double Ndcg,
    double PrecisionAt5,
    IReadOnlyList<int> Grades,
    IReadOnlyList<string> Understood,
    string? Relaxed,
    string? Error)
{
    public bool ZeroResults => Total == 0;

    public static AnswerOutcome Failed(string error) => new(0, 0, 0, [], [], null, error);
}

/// <summary>Both answers to one query, with how many listings its rule grades 2 (<see cref="Perfect"/>) and 1 (<see cref="Partial"/>).</summary>
public sealed record QueryOutcome(
    string Id,
    string Group,
    string Text,
    string Endpoint,
    int Perfect,
    int Partial,
    AnswerOutcome Before,
    AnswerOutcome After)
{
    /// <summary>A query whose rule no listing meets fully cannot be judged at this size; it is left out of every mean.</summary>
    public bool Judgeable => Perfect > 0;
}

/// <summary>Means over the judgeable queries of a group (or of the whole set): NDCG@10, precision@5, zero-result rate, relaxed answers.</summary>
public sealed record GroupSummary(
    string Group,
    int Queries,
    double NdcgBefore,
    double NdcgAfter,
    double PrecisionBefore,
    double PrecisionAfter,
    double ZeroBefore,
    double ZeroAfter,
    int RelaxedBefore,
    int RelaxedAfter,
    int Errors)
{
    public static GroupSummary Of(string group, IReadOnlyList<QueryOutcome> outcomes)
    {
        double Mean(Func<QueryOutcome, double> value) => outcomes.Count == 0 ? 0 : outcomes.Average(value);

        return new GroupSummary(
            group,
            outcomes.Count,
            Mean(o => o.Before.Ndcg),
            Mean(o => o.After.Ndcg),
            Mean(o => o.Before.PrecisionAt5),
            Mean(o => o.After.PrecisionAt5),
            Mean(o => o.Before.ZeroResults ? 1 : 0),
            Mean(o => o.After.ZeroResults ? 1 : 0),
            outcomes.Count(o => o.Before.Relaxed is not null),
            outcomes.Count(o => o.After.Relaxed is not null),
            outcomes.Count(o => o.Before.Error is not null || o.After.Error is not null));
    }
}

/// <summary>A run's results: per group and overall, and every query's answers. Immutable.</summary>
public sealed record RelevanceReport(RunInfo Run, GroupSummary Overall, IReadOnlyList<GroupSummary> Groups, IReadOnlyList<QueryOutcome> Queries)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public IEnumerable<QueryOutcome> Unjudgeable => Queries.Where(q => !q.Judgeable);

    public static RelevanceReport From(RunInfo run, IReadOnlyList<QueryOutcome> outcomes)
    {
        var judged = outcomes.Where(o => o.Judgeable).ToList();
        var groups = judged.GroupBy(o => o.Group, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => GroupSummary.Of(g.Key, g.ToList()))
            .ToList();
        return new RelevanceReport(run, GroupSummary.Of("overall", judged), groups, outcomes);
    }

    /// <summary>The before/after table in Markdown, groups then the overall line, with the run's size and timings.</summary>
    public string ToMarkdown(bool details = false)
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"Judged queries: {Overall.Queries} of {Queries.Count} ({Run.Listings} demo listings, seed {Run.Seed}; before = understand=false, after = understand=true).");
        text.AppendLine();
        text.AppendLine("| group | queries | NDCG@10 before | NDCG@10 after | P@5 before | P@5 after | zero-result before | zero-result after | relaxed after |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in Groups.Append(Overall))
        {
            var name = group == Overall ? "**overall**" : group.Group;
            text.AppendLine(culture,
                $"| {name} | {group.Queries} | {group.NdcgBefore:F3} | {group.NdcgAfter:F3} | {group.PrecisionBefore:F3} | {group.PrecisionAfter:F3} | {group.ZeroBefore:P0} | {group.ZeroAfter:P0} | {group.RelaxedAfter} |");
        }

        var errors = Queries.Where(q => q.Before.Error is not null || q.After.Error is not null).ToList();
        if (errors.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(culture, $"Errors ({errors.Count}):");
            foreach (var q in errors)
            {
                text.AppendLine(culture, $"- {q.Id} `{q.Text}`: {q.Before.Error ?? q.After.Error}");
            }
        }

        var unjudgeable = Unjudgeable.ToList();
        if (unjudgeable.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(culture, $"No listing meets the rule at this size, so not judged ({unjudgeable.Count}): {string.Join(", ", unjudgeable.Select(q => q.Id))}");
        }

        if (details)
        {
            text.AppendLine();
            text.AppendLine("| id | endpoint | q | grade 2 / 1 | NDCG before | NDCG after | total before | total after | top 10 after | understood |");
            text.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---|---|");
            foreach (var q in Queries)
            {
                text.AppendLine(culture,
                    $"| {q.Id} | {q.Endpoint} | {q.Text} | {q.Perfect} / {q.Partial} | {q.Before.Ndcg:F2} | {q.After.Ndcg:F2} | {q.Before.Total} | {q.After.Total} | {string.Concat(q.After.Grades)} | {string.Join("; ", q.After.Understood)} |");
            }
        }

        text.AppendLine();
        text.AppendLine(culture,
            $"Run: {Run.ListingsRead} listings read back; seeded and indexed in {Run.ReadySeconds:F1} s, graded in {Run.GradingSeconds:F1} s, {Queries.Count * 2} searches in {Run.QueryingSeconds:F1} s; {Run.TotalSeconds:F1} s in all on {Run.ProcessorCount} cores.");
        return text.ToString();
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
