namespace DongNai.Relevance;

/// <summary>
/// The measures of one ranked answer against graded judgements. Gains are 2^grade − 1 (3 for
/// grade 2, 1 for grade 1) with the log2(rank + 1) discount; the ideal ranking is every listing the
/// rule grades above 0, best first. Precision@5 counts grade-2 hits among the first five positions
/// (missing positions count as misses). Pure; thread-safe.
/// </summary>
public static class RelevanceMetrics
{
    public const int NdcgDepth = 10;

    public const int PrecisionDepth = 5;

    public static double Gain(int grade) => (1 << grade) - 1;

    /// <summary>DCG of <paramref name="grades"/> in rank order, over the first <see cref="NdcgDepth"/>.</summary>
    public static double Dcg(IEnumerable<int> grades) =>
        grades.Take(NdcgDepth).Select((grade, i) => Gain(grade) / Math.Log2(i + 2)).Sum();

    /// <summary>NDCG@10 of the answer's grades against every positive grade the rule gives; 0 when the ideal is 0.</summary>
    public static double Ndcg(IReadOnlyList<int> answerGrades, IEnumerable<int> positiveGrades)
    {
        var ideal = Dcg(positiveGrades.OrderDescending());
        return ideal == 0 ? 0 : Dcg(answerGrades) / ideal;
    }

    public static double PrecisionAt5(IReadOnlyList<int> answerGrades) =>
        answerGrades.Take(PrecisionDepth).Count(g => g == 2) / (double)PrecisionDepth;
}
