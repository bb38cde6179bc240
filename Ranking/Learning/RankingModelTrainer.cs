using DongNai.Ranking.Features;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace DongNai.Ranking.Learning;

/// <summary>
/// Trains the learned ranker: LightGBM LambdaRank over <see cref="TrainingGroup"/>s (one group per
/// logged request), graded labels, inverse-propensity example weights (decision 0016). One thread
/// and a fixed seed, so the same groups give the same model. Stateless; thread-safe.
/// </summary>
public static class RankingModelTrainer
{
    public const int Iterations = 120;
    public const int Leaves = 8;
    public const int MinExamplesPerLeaf = 50;
    public const double LearningRate = 0.05;

    private const string GroupKey = "GroupKey";

    /// <summary>Fits a model; the groups must hold at least one group with two candidates.</summary>
    /// <exception cref="ArgumentException">No group can teach an order (none has two candidates with different grades).</exception>
    public static ITransformer Train(MLContext ml, IReadOnlyList<TrainingGroup> groups, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(groups);
        if (!groups.Any(g => g.Grades.Distinct().Skip(1).Any()))
        {
            throw new ArgumentException("No request has candidates with different labels: nothing to learn an order from.", nameof(groups));
        }

        var data = ml.Data.LoadFromEnumerable(Rows(groups));
        var pipeline = ml.Transforms.Conversion.MapValueToKey(GroupKey, nameof(RankingRow.GroupId))
            .Append(ml.Ranking.Trainers.LightGbm(new LightGbmRankingTrainer.Options
            {
                LabelColumnName = nameof(RankingRow.Label),
                FeatureColumnName = nameof(RankingRow.Features),
                RowGroupColumnName = GroupKey,
                ExampleWeightColumnName = nameof(RankingRow.Weight),
                NumberOfIterations = Iterations,
                NumberOfLeaves = Leaves,
                MinimumExampleCountPerLeaf = MinExamplesPerLeaf,
                LearningRate = LearningRate,
                NumberOfThreads = 1,
                Seed = seed,
                Silent = true,
            }));
        return pipeline.Fit(data);
    }

    /// <summary>Writes a model as a zip with its input schema.</summary>
    public static void Save(MLContext ml, ITransformer model, string path)
    {
        ArgumentNullException.ThrowIfNull(ml);
        var schema = ml.Data.LoadFromEnumerable(Array.Empty<RankingRow>()).Schema;
        using var stream = File.Create(path);
        ml.Model.Save(model, schema, stream);
    }

    public static ITransformer Load(MLContext ml, string path)
    {
        ArgumentNullException.ThrowIfNull(ml);
        using var stream = File.OpenRead(path);
        return ml.Model.Load(stream, out _);
    }

    /// <summary>
    /// Writes the model's input for one feature row into <paramref name="input"/> (<see cref="RankingRow.Width"/>
    /// values), the same at training and prediction: the catalog's features, with the engine's
    /// position blanked, then <see cref="HeuristicRanker.Combine"/> of the row as a prior the trees
    /// refine. The position is blanked because the logs were shown mostly in the engine's or the
    /// heuristic's order, where it decided whether a listing was looked at at all: a model given it
    /// learns the position bias back instead of what people want (decision 0016).
    /// </summary>
    public static void ModelInput(ReadOnlySpan<float> features, Span<float> input)
    {
        features[..FeatureCatalog.Count].CopyTo(input);
        input[(int)RankingFeature.EngineRankReciprocal] = 0;
        input[FeatureCatalog.Count] = (float)HeuristicRanker.Combine(features);
    }

    private static IEnumerable<RankingRow> Rows(IReadOnlyList<TrainingGroup> groups)
    {
        const int width = FeatureCatalog.Count;
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            for (var i = 0; i < group.Count; i++)
            {
                var features = new float[RankingRow.Width];
                ModelInput(group.Features.AsSpan(i * width, width), features);
                yield return new RankingRow
                {
                    Features = features,
                    Label = group.Grades[i],
                    GroupId = (uint)g + 1,
                    Weight = group.Weights[i],
                };
            }
        }
    }
}
