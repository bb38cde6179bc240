using DongNai.Ranking.Features;
using Microsoft.ML.Data;

namespace DongNai.Ranking.Learning;

/// <summary>One candidate of one request as ML.NET reads it: its features, graded label, group and weight.</summary>
public sealed class RankingRow
{
    /// <summary>The model's inputs: <see cref="Width"/> values, the catalog's features then the heuristic's score of them.</summary>
    public const int Width = FeatureCatalog.Count + 1;

    [VectorType(Width)]
    public float[] Features { get; set; } = new float[Width];

    /// <summary>The graded relevance (<see cref="EngagementWeights.Grade"/>): 0 shown and skipped … 4 applied or claimed.</summary>
    public float Label { get; set; }

    /// <summary>The request the candidate was shown in.</summary>
    public uint GroupId { get; set; }

    /// <summary>The inverse-propensity weight of the example (decision 0016).</summary>
    public float Weight { get; set; } = 1;
}

/// <summary>What the model predicts for one row.</summary>
public sealed class RankingPrediction
{
    public float Score { get; set; }
}

/// <summary>
/// The candidates of one logged request with their features (row-major, <see cref="FeatureCatalog.Count"/>
/// values per candidate), graded labels and per-candidate weights.
/// </summary>
public sealed record TrainingGroup(float[] Features, int[] Grades, float[] Weights)
{
    public int Count => Grades.Length;
}
