using DongNai.Search;

namespace DongNai.Ranking;

/// <summary>
/// A baseline: the most engaged-with listings first (log of clicks, saves, applications, claims and
/// contacts from <see cref="RankingSignals.Popularity"/>), the engine's score breaking ties. The
/// same for everyone. Stateless; thread-safe.
/// </summary>
public sealed class PopularityRanker : IRanker
{
    public IReadOnlyList<double> Score(RankingContext context, IReadOnlyList<SearchHit> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var best = 0.0;
        foreach (var hit in candidates)
        {
            best = Math.Max(best, hit.Score);
        }

        var scores = new double[candidates.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            var p = candidates[i].Signals.Popularity;
            var engagements = p.Clicks + p.Saves + p.Applies + p.Claims + p.Contacts;
            scores[i] = Math.Log(1 + Math.Max(0, engagements)) + (best > 0 ? 1e-3 * candidates[i].Score / best : 0);
        }

        return scores;
    }
}
