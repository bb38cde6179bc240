using DongNai.Ranking.Features;
using Microsoft.Extensions.Logging;
using Microsoft.ML;

namespace DongNai.Ranking.Learning;

/// <summary>A training group with the instant of its request, so the data set can be split by time.</summary>
public sealed record LoggedGroup(DateTime At, TrainingGroup Group);

/// <summary>
/// Trains a candidate model on the earlier part of the logged requests, evaluates it on the later
/// part (<see cref="EvaluationShare"/> of them, by time) against the current model, the heuristic
/// ranker (what signed-in users get while no model is promoted), the engine's order and popularity,
/// stores it as a new version with its metrics and data range, and promotes
/// it only when its NDCG@10 beats every one of them (decision 0016). Thread-safe only in that the
/// swap is atomic; run one training at a time (the recurring job, or the command).
/// </summary>
public sealed partial class RankerTraining(RankingModelHost host, LearnedRankerHolder holder, TimeProvider time, ILogger<RankerTraining> logger)
{
    public const double EvaluationShare = 0.2;

    /// <summary>Fewer logged requests with a positive event than this, and nothing is trained.</summary>
    public const int MinRequests = 50;

    public const string Candidate = "candidate";
    public const string Current = "current";
    public const string Heuristic = "heuristic";
    public const string Engine = "engine";
    public const string Popularity = "popularity";

    /// <summary>Trains, evaluates, stores and maybe promotes; null when there are too few requests to train on.</summary>
    public RankingModelInfo? TrainAndPromote(IReadOnlyList<LoggedGroup> logged)
    {
        ArgumentNullException.ThrowIfNull(logged);
        if (logged.Count < MinRequests)
        {
            LogTooFew(logger, logged.Count, MinRequests);
            return null;
        }

        var ordered = logged.OrderBy(g => g.At).ToList();
        var split = (int)Math.Ceiling(ordered.Count * (1 - EvaluationShare));
        var training = ordered.Take(split).ToList();
        var evaluation = ordered.Skip(split).ToList();
        var ml = new MLContext(seed: 1);
        var model = RankingModelTrainer.Train(ml, training.Select(g => g.Group).ToList());
        var version = RankingModelStore.VersionAt(time.GetUtcNow().UtcDateTime);
        var candidate = new LearnedRanker(ml, model, new FeatureExtractor(new ListingStatisticsHolder()), version);
        var metrics = Evaluate(candidate, holder.Current as LearnedRanker, evaluation.Select(g => g.Group).ToList());
        var promoted = Wins(metrics);
        var info = new RankingModelInfo(
            version,
            time.GetUtcNow().UtcDateTime,
            training[0].At,
            training[^1].At,
            evaluation.Count > 0 ? evaluation[^1].At : training[^1].At,
            training.Count,
            evaluation.Count,
            metrics,
            promoted,
            FeatureCatalog.All.Select(f => f.Name).Append("heuristicScore").ToList());
        host.Store.Save(ml, model, info);
        if (promoted)
        {
            host.Activate(version);
        }

        LogTrained(logger, version, metrics[Candidate].Ndcg10, promoted);
        return info;
    }

    /// <summary>Whether the candidate's NDCG@10 is strictly above every other entry's.</summary>
    public static bool Wins(IReadOnlyDictionary<string, RankingQuality> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var candidate = metrics[Candidate];
        return candidate.Lists > 0 && metrics.Where(m => m.Key != Candidate).All(m => candidate.Ndcg10 > m.Value.Ndcg10);
    }

    /// <summary>
    /// Each ranker's quality on logged groups, by their logged grades: the candidate, the current
    /// model (when there is one), the heuristic ranker (<see cref="HeuristicRanker.Combine"/> of each
    /// row), the engine's order (its position feature) and popularity.
    /// </summary>
    public static Dictionary<string, RankingQuality> Evaluate(LearnedRanker candidate, LearnedRanker? current, IReadOnlyList<TrainingGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(groups);
        const int width = FeatureCatalog.Count;
        var lists = new Dictionary<string, List<IReadOnlyList<int>>>(StringComparer.Ordinal)
        {
            [Candidate] = [],
            [Heuristic] = [],
            [Engine] = [],
            [Popularity] = [],
        };
        if (current is not null)
        {
            lists[Current] = [];
        }

        foreach (var group in groups)
        {
            var scores = new double[group.Count];
            candidate.ScoreRows(group.Features, group.Count, scores);
            lists[Candidate].Add(Grades(group, scores));
            if (current is not null)
            {
                current.ScoreRows(group.Features, group.Count, scores);
                lists[Current].Add(Grades(group, scores));
            }

            for (var i = 0; i < group.Count; i++)
            {
                scores[i] = HeuristicRanker.Combine(group.Features.AsSpan(i * width, width));
            }

            lists[Heuristic].Add(Grades(group, scores));
            for (var i = 0; i < group.Count; i++)
            {
                scores[i] = group.Features[(i * width) + (int)RankingFeature.EngineRankReciprocal];
            }

            lists[Engine].Add(Grades(group, scores));
            for (var i = 0; i < group.Count; i++)
            {
                scores[i] = group.Features[(i * width) + (int)RankingFeature.LogEngagement] + (1e-3 * group.Features[(i * width) + (int)RankingFeature.EngineRankReciprocal]);
            }

            lists[Popularity].Add(Grades(group, scores));
        }

        return lists.ToDictionary(pair => pair.Key, pair => RankingMetrics.Mean(pair.Value), StringComparer.Ordinal);
    }

    private static List<int> Grades(TrainingGroup group, double[] scores) =>
        Enumerable.Range(0, group.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).Select(i => group.Grades[i]).ToList();

    [LoggerMessage(Level = LogLevel.Information, Message = "Ranker training skipped: {Requests} logged requests with engagement, {Minimum} needed")]
    private static partial void LogTooFew(ILogger logger, int requests, int minimum);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trained ranking model {Version}: NDCG@10 {Ndcg:F4} on the later window, promoted: {Promoted}")]
    private static partial void LogTrained(ILogger logger, string version, double ndcg, bool promoted);
}
