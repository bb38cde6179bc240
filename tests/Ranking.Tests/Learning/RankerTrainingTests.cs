using DongNai.Ranking.Features;
using DongNai.Ranking.Learning;
using Microsoft.Extensions.Logging.Abstractions;

namespace DongNai.Ranking.Tests.Learning;

/// <summary>Training, evaluation on the later window, and promotion into a real model folder.</summary>
public sealed class RankerTrainingTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly TemporaryFolder _folder = new();
    private readonly LearnedRankerHolder _holder = new();
    private readonly RankingModelHost _host;

    public RankerTrainingTests()
    {
        _host = new RankingModelHost(new RankingModelStore(_folder.Path), _holder, new FeatureExtractor(new ListingStatisticsHolder()));
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TrainAndPromote_PromotesAModelThatBeatsTheBaselines_AndSwapsItIn()
    {
        var info = Training(Start.AddDays(40)).TrainAndPromote(Groups(seed: 1, invertEarlier: false));

        Assert.NotNull(info);
        Assert.True(info.Promoted, $"candidate {info.Metrics[RankerTraining.Candidate].Ndcg10:F3}, engine {info.Metrics[RankerTraining.Engine].Ndcg10:F3}");
        Assert.Equal(info.Version, _host.Store.CurrentVersion());
        Assert.Equal(info.Version, (_holder.Current as LearnedRanker)?.Version);
        Assert.Equal(info.Version, Assert.Single(_host.Store.List()).Version);
        Assert.True(info.DataTo < info.EvaluatedTo);
    }

    [Fact]
    public void TrainAndPromote_RefusesAWorseModel_AndKeepsTheCurrentOne()
    {
        var good = Training(Start.AddDays(40)).TrainAndPromote(Groups(seed: 1, invertEarlier: false))!;

        var worse = Training(Start.AddDays(41)).TrainAndPromote(Groups(seed: 2, invertEarlier: true))!;

        Assert.True(good.Promoted);
        Assert.False(worse.Promoted);
        Assert.True(worse.Metrics[RankerTraining.Candidate].Ndcg10 < worse.Metrics[RankerTraining.Current].Ndcg10);
        Assert.Equal(good.Version, _host.Store.CurrentVersion());
        Assert.Equal(good.Version, (_holder.Current as LearnedRanker)?.Version);
        Assert.Equal(2, _host.Store.List().Count);
    }

    [Fact]
    public void TrainAndPromote_RefusesAModelThatDoesNotBeatTheHeuristic_WhichServesWhileNoModelIs()
    {
        // Logs whose grades follow the heuristic's own order: it ranks them perfectly.
        var logged = Groups(seed: 3, invertEarlier: false).ConvertAll(logged =>
        {
            const int width = FeatureCatalog.Count;
            var group = logged.Group;
            var order = Enumerable.Range(0, group.Count)
                .OrderByDescending(i => HeuristicRanker.Combine(group.Features.AsSpan(i * width, width)))
                .ToList();
            var grades = new int[group.Count];
            for (var rank = 0; rank < order.Count; rank++)
            {
                grades[order[rank]] = rank switch { < 2 => 4, < 5 => 3, < 10 => 1, _ => 0 };
            }

            return logged with { Group = group with { Grades = grades } };
        });

        var info = Training(Start.AddDays(40)).TrainAndPromote(logged)!;

        Assert.False(info.Promoted);
        Assert.Equal(1.0, info.Metrics[RankerTraining.Heuristic].Ndcg10, 6);
        Assert.True(info.Metrics[RankerTraining.Candidate].Ndcg10 > info.Metrics[RankerTraining.Engine].Ndcg10, "The model should still beat the engine's order here.");
        Assert.Null(_holder.Current);
        Assert.Null(_host.Store.CurrentVersion());
    }

    [Fact]
    public void Activate_RollsBackToAStoredVersion_AndDeactivateGoesBackToTheHeuristic()
    {
        var first = Training(Start.AddDays(40)).TrainAndPromote(Groups(seed: 1, invertEarlier: false))!;
        var second = Training(Start.AddDays(41)).TrainAndPromote(Groups(seed: 3, invertEarlier: false))!;

        _host.Activate(first.Version);
        var afterRollBack = (_holder.Current as LearnedRanker)?.Version;
        _host.Deactivate();

        Assert.NotEqual(first.Version, second.Version);
        Assert.Equal(first.Version, afterRollBack);
        Assert.Null(_holder.Current);
        Assert.Null(_host.Store.CurrentVersion());
        Assert.Throws<ArgumentException>(() => _host.Activate("20990101-000000"));
    }

    [Fact]
    public void Wins_IsFalse_WhenAnyBaselineIsAsGood()
    {
        var metrics = new Dictionary<string, RankingQuality>
        {
            [RankerTraining.Candidate] = new(0.5, 0.5, 0.5, 10),
            [RankerTraining.Engine] = new(0.4, 0.4, 0.4, 10),
            [RankerTraining.Popularity] = new(0.5, 0.3, 0.3, 10),
        };

        Assert.False(RankerTraining.Wins(metrics));
        Assert.True(RankerTraining.Wins(new Dictionary<string, RankingQuality>(metrics) { [RankerTraining.Popularity] = new(0.49, 0.3, 0.3, 10) }));
    }

    private RankerTraining Training(DateTime now) => new(_host, _holder, new FixedTime(now), NullLogger<RankerTraining>.Instance);

    /// <summary>
    /// 300 requests of 20 candidates in a random engine order, graded by closeness to the work
    /// park and by money fit (with noise); with <paramref name="invertEarlier"/>, the earlier 80 %
    /// (the training part) are graded the other way round, so a model trained on them is worse
    /// on the later part than any sensible ranker.
    /// </summary>
    private static List<LoggedGroup> Groups(int seed, bool invertEarlier)
    {
        var random = new Random(seed);
        const int width = FeatureCatalog.Count;
        var groups = new List<LoggedGroup>();
        for (var g = 0; g < 300; g++)
        {
            const int n = 20;
            var features = new float[n * width];
            var grades = new int[n];
            var weights = new float[n];
            var ranks = Enumerable.Range(0, n).OrderBy(_ => random.Next()).ToArray();
            for (var i = 0; i < n; i++)
            {
                var row = features.AsSpan(i * width, width);
                row.Fill(float.NaN);
                var km = (float)(random.NextDouble() * 20);
                var fit = (float)random.NextDouble();
                row[(int)RankingFeature.TextScore] = (float)random.NextDouble();
                row[(int)RankingFeature.TextScoreShare] = row[(int)RankingFeature.TextScore];
                row[(int)RankingFeature.EngineRankReciprocal] = 1f / (1 + ranks[i]);
                row[(int)RankingFeature.DistanceToWorkParkKm] = km;
                row[(int)RankingFeature.MoneyFit] = fit;
                row[(int)RankingFeature.AgeDays] = (float)(random.NextDouble() * 30);
                row[(int)RankingFeature.LogEngagement] = (float)(random.NextDouble() * 3);
                row[(int)RankingFeature.DebiasedClickThrough] = 0.05f;
                row[(int)RankingFeature.KindAffinity] = 0;
                row[(int)RankingFeature.CategoryAffinity] = 0;
                row[(int)RankingFeature.VerifiedOwner] = 0;
                var utility = (2.5 * Math.Exp(-km / 4)) + fit + (0.3 * random.NextDouble());
                var truth = utility switch { > 2.6 => 4, > 2.0 => 3, > 1.5 => 1, _ => 0 };
                grades[i] = invertEarlier && g < 240 ? 4 - truth : truth;
                weights[i] = 1;
            }

            groups.Add(new LoggedGroup(Start.AddHours(g), new TrainingGroup(features, grades, weights)));
        }

        return groups;
    }

    private sealed class FixedTime(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }
}
