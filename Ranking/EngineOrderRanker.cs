using DongNai.Search;

namespace DongNai.Ranking;

/// <summary>
/// The default ranker: the engine's own relevance score, so the order is exactly the engine's
/// (its score descending, ties by kind then id, as the engine breaks them). Stateless; thread-safe.
/// </summary>
public sealed class EngineOrderRanker : IRanker
{
    public IReadOnlyList<double> Score(RankingContext context, IReadOnlyList<SearchHit> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var scores = new double[candidates.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = candidates[i].Score;
        }

        return scores;
    }
}
