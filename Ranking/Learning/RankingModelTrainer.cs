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
    public const int Iterations = 150;
    public const int Leaves = 16;
    public const int MinExamplesPerLeaf = 20;
    public const double LearningRate = 0.08;

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
    /// Blanks the features the model must not learn from (the same at training and prediction):
    /// the engine's position. The logs were shown mostly in the engine's order, so that position is
    /// the very position that decided whether a listing was looked at; a model given it learns the
    /// position bias back instead of what people want (decision 0016). The text score stays.
    /// </summary>
    public static void MaskUnlearned(Span<float> row) => row[(int)RankingFeature.EngineRankReciprocal] = 0;

    private static IEnumerable<RankingRow> Rows(IReadOnlyList<TrainingGroup> groups)
    {
        const int width = FeatureCatalog.Count;
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            for (var i = 0; i < group.Count; i++)
            {
                var features = group.Features.AsSpan(i * width, width).ToArray();
                MaskUnlearned(features);
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
