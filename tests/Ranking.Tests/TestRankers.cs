using DongNai.Search;

namespace DongNai.Ranking.Tests;

/// <summary>Cheapest first by the low end of the price range; listings without a price last.</summary>
internal sealed class CheapestFirstRanker : IRanker
{
    public IReadOnlyList<double> Score(RankingContext context, IReadOnlyList<SearchHit> candidates) =>
        candidates.Select(hit => hit.Signals.PriceMin is { } price ? -(double)price : double.MinValue).ToList();
}

/// <summary>The engine's order turned around: the window's last candidate first.</summary>
internal sealed class ReverseRanker : IRanker
{
    public IReadOnlyList<double> Score(RankingContext context, IReadOnlyList<SearchHit> candidates) =>
        candidates.Select((_, index) => (double)index).ToList();
}

/// <summary>Reverses, and remembers every context it was asked to score for.</summary>
internal sealed class RecordingRanker : IRanker
{
    private readonly Lock _lock = new();
    private readonly List<RankingContext> _contexts = [];
    private readonly List<int> _candidateCounts = [];

    /// <summary>How many candidates each call scored.</summary>
    public IReadOnlyList<int> CandidateCounts
    {
        get
        {
            lock (_lock)
            {
                return _candidateCounts.ToList();
            }
        }
    }

    public IReadOnlyList<RankingContext> Contexts
    {
        get
        {
            lock (_lock)
            {
                return _contexts.ToList();
            }
        }
    }

    public IReadOnlyList<double> Score(RankingContext context, IReadOnlyList<SearchHit> candidates)
    {
        lock (_lock)
        {
            _contexts.Add(context);
            _candidateCounts.Add(candidates.Count);
        }

        return new ReverseRanker().Score(context, candidates);
    }
}

/// <summary>Breaks the ranker contract: one score too few.</summary>
internal sealed class OneScoreShortRanker : IRanker
{
    public IReadOnlyList<double> Score(RankingContext context, IReadOnlyList<SearchHit> candidates) =>
        candidates.Skip(1).Select(hit => hit.Score).ToList();
}
