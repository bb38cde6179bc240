using System.Collections.Concurrent;
using System.Buffers;
using DongNai.Ranking.Features;
using DongNai.Search;
using Microsoft.ML;

namespace DongNai.Ranking.Learning;

/// <summary>
/// Scores candidates with a trained LightGBM LambdaRank model (<see cref="RankingModelTrainer"/>)
/// over the features of <see cref="FeatureExtractor"/>. Without a <see cref="RankingContext.User"/> it
/// gives the engine's order. Thread-safe and cheap: ML.NET's PredictionEngine is not thread-safe,
/// so each call takes one from a pool (created on demand, returned after the call), and reuses
/// that engine's input and output objects for every candidate; the feature buffer is rented.
/// </summary>
public sealed class LearnedRanker : IRanker
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly FeatureExtractor _features;
    private readonly ConcurrentBag<Scorer> _pool = [];

    public LearnedRanker(MLContext ml, ITransformer model, FeatureExtractor features, string version)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(features);
        _ml = ml;
        _model = model;
        _features = features;
        Version = version;
    }

    /// <summary>The model version (its folder name), or a label for a model not yet saved.</summary>
    public string Version { get; }

    public IReadOnlyList<double> Score(RankingContext context, IReadOnlyList<SearchHit> candidates)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(candidates);
        var scores = new double[candidates.Count];
        if (context.User is null)
        {
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = candidates[i].Score;
            }

            return scores;
        }

        const int width = FeatureCatalog.Count;
        var buffer = ArrayPool<float>.Shared.Rent(Math.Max(1, candidates.Count * width));
        var scorer = _pool.TryTake(out var pooled) ? pooled : new Scorer(_ml.Model.CreatePredictionEngine<RankingRow, RankingPrediction>(_model));
        try
        {
            _features.Extract(context, candidates, buffer);
            ScoreRows(scorer, buffer, candidates.Count, scores);
        }
        finally
        {
            _pool.Add(scorer);
            ArrayPool<float>.Shared.Return(buffer);
        }

        return scores;
    }

    /// <summary>Scores feature rows that were extracted already (evaluation, training checks).</summary>
    public void ScoreRows(ReadOnlySpan<float> features, int count, Span<double> scores)
    {
        var scorer = _pool.TryTake(out var pooled) ? pooled : new Scorer(_ml.Model.CreatePredictionEngine<RankingRow, RankingPrediction>(_model));
        try
        {
            ScoreRows(scorer, features, count, scores);
        }
        finally
        {
            _pool.Add(scorer);
        }
    }

    private static void ScoreRows(Scorer scorer, ReadOnlySpan<float> features, int count, Span<double> scores)
    {
        const int width = FeatureCatalog.Count;
        for (var i = 0; i < count; i++)
        {
            RankingModelTrainer.ModelInput(features.Slice(i * width, width), scorer.Input.Features);
            scorer.Engine.Predict(scorer.Input, ref scorer.Output);
            // Tie-safe and finite: a NaN from the model would break the ranker contract.
            scores[i] = float.IsFinite(scorer.Output.Score) ? scorer.Output.Score : 0;
        }
    }

    private sealed class Scorer(PredictionEngine<RankingRow, RankingPrediction> engine)
    {
        public readonly PredictionEngine<RankingRow, RankingPrediction> Engine = engine;
        public readonly RankingRow Input = new();
        public RankingPrediction Output = new();
    }
}
