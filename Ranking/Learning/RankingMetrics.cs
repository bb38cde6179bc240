namespace DongNai.Ranking.Learning;

/// <summary>Mean ranking quality over lists: NDCG@10, recall@10 and MRR.</summary>
public sealed record RankingQuality(double Ndcg10, double Recall10, double Mrr, int Lists)
{
    public static RankingQuality Empty { get; } = new(0, 0, 0, 0);
}

/// <summary>
/// Offline ranking metrics over graded relevance lists (grades in the order a ranker put the
/// items). Gains are 2^grade − 1 with a log2 discount; an item is relevant for recall and MRR at
/// grade ≥ <see cref="RelevantGrade"/>. Lists without any relevant item are left out of every
/// mean (no ranker can do anything with them). Pure; thread-safe.
/// </summary>
public static class RankingMetrics
{
    public const int K = 10;

    public const int RelevantGrade = 2;

    public static double Ndcg(IReadOnlyList<int> gradesInRankedOrder, int k = K)
    {
        ArgumentNullException.ThrowIfNull(gradesInRankedOrder);
        var ideal = Dcg(gradesInRankedOrder.OrderDescending().ToList(), k);
        return ideal <= 0 ? 0 : Dcg(gradesInRankedOrder, k) / ideal;
    }

    public static double Recall(IReadOnlyList<int> gradesInRankedOrder, int k = K)
    {
        ArgumentNullException.ThrowIfNull(gradesInRankedOrder);
        var relevant = gradesInRankedOrder.Count(g => g >= RelevantGrade);
        return relevant == 0 ? 0 : (double)gradesInRankedOrder.Take(k).Count(g => g >= RelevantGrade) / relevant;
    }

    public static double ReciprocalRank(IReadOnlyList<int> gradesInRankedOrder)
    {
        ArgumentNullException.ThrowIfNull(gradesInRankedOrder);
        for (var i = 0; i < gradesInRankedOrder.Count; i++)
        {
            if (gradesInRankedOrder[i] >= RelevantGrade)
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }

    /// <summary>The means over the lists that have a relevant item.</summary>
    public static RankingQuality Mean(IEnumerable<IReadOnlyList<int>> lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        double ndcg = 0, recall = 0, mrr = 0;
        var count = 0;
        foreach (var list in lists.Where(l => l.Any(g => g >= RelevantGrade)))
        {
            ndcg += Ndcg(list);
            recall += Recall(list);
            mrr += ReciprocalRank(list);
            count++;
        }

        return count == 0 ? RankingQuality.Empty : new RankingQuality(ndcg / count, recall / count, mrr / count, count);
    }

    private static double Dcg(IReadOnlyList<int> grades, int k)
    {
        double sum = 0;
        for (var i = 0; i < Math.Min(k, grades.Count); i++)
        {
            sum += (Math.Pow(2, grades[i]) - 1) / Math.Log2(i + 2);
        }

        return sum;
    }
}
