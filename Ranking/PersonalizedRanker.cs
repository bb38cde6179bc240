using DongNai.Search;

namespace DongNai.Ranking;

/// <summary>
/// The ranker the service uses: the engine's order for a request without a user profile
/// (anonymous, or personalisation off), the promoted learned model when there is one
/// (<see cref="LearnedRankerHolder"/>), and <see cref="HeuristicRanker"/> otherwise. Thread-safe:
/// the model is read once per call from the holder, so a swap mid-call is not seen half-way.
/// </summary>
public sealed class PersonalizedRanker(HeuristicRanker heuristic, LearnedRankerHolder learned) : IRanker
{
    public IReadOnlyList<double> Score(RankingContext context, IReadOnlyList<SearchHit> candidates)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(candidates);
        if (context.User is null)
        {
            var scores = new double[candidates.Count];
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = candidates[i].Score;
            }

            return scores;
        }

        return (learned.Current ?? (IRanker)heuristic).Score(context, candidates);
    }
}

/// <summary>Holds the promoted learned ranker, or null while none is; a promotion or roll-back swaps the reference atomically. Thread-safe.</summary>
public sealed class LearnedRankerHolder
{
    private IRanker? _current;

    public IRanker? Current => Volatile.Read(ref _current);

    /// <summary>Replaces the ranker (null: back to the heuristic) for every request that starts after this call.</summary>
    public void Swap(IRanker? ranker) => Volatile.Write(ref _current, ranker);
}
