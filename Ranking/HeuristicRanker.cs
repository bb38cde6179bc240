using System.Buffers;
using DongNai.Ranking.Features;
using DongNai.Search;

namespace DongNai.Ranking;

/// <summary>
/// A transparent ranker for signed-in users while no learned model is promoted: a weighted sum of
/// features (<see cref="FeatureExtractor"/>), each weight documented below and in docs/ranking.md.
/// Without a <see cref="RankingContext.User"/> it gives the engine's order. Deterministic;
/// thread-safe (the feature buffer is rented per call).
/// </summary>
/// <remarks>
/// Terms, all between 0 and about 1 before weighting, so a weight reads as "how many text-score
/// shares this is worth": the text score relative to the window's best (<see cref="TextWeight"/>);
/// the engine's position as 1 / (1 + position) (<see cref="EngineRankWeight"/>); closeness to the
/// work park and to home as exp(−km / <see cref="ProximityScaleKm"/>) (<see cref="WorkParkWeight"/>,
/// <see cref="HomeWeight"/>); the money fit (<see cref="MoneyFitWeight"/>); freshness as
/// exp(−days / <see cref="FreshnessScaleDays"/>) (<see cref="FreshnessWeight"/>); the debiased
/// click-through relative to the prior, capped at 3× (<see cref="ClickThroughWeight"/>); the user's
/// kind, category and price-level affinities; a verified owner. A feature that is unknown (NaN)
/// adds nothing, so it favours no candidate.
/// </remarks>
public sealed class HeuristicRanker(FeatureExtractor features) : IRanker
{
    public const double TextWeight = 1.0;
    public const double EngineRankWeight = 0.3;
    public const double WorkParkWeight = 1.2;
    public const double HomeWeight = 0.6;
    public const double ProximityScaleKm = 5;
    public const double MoneyFitWeight = 1.0;
    public const double FreshnessWeight = 0.2;
    public const double FreshnessScaleDays = 30;
    public const double ClickThroughWeight = 0.15;
    public const double KindAffinityWeight = 0.3;
    public const double CategoryAffinityWeight = 0.5;
    public const double PriceLevelWeight = 0.4;
    public const double VerifiedOwnerWeight = 0.15;

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
        try
        {
            features.Extract(context, candidates, buffer);
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = Combine(buffer.AsSpan(i * width, width));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }

        return scores;
    }

    /// <summary>The weighted sum of one feature row.</summary>
    public static double Combine(ReadOnlySpan<float> row)
    {
        var clickThrough = Math.Min(3, Known(row, RankingFeature.DebiasedClickThrough) / FeatureExtractor.PriorClickThrough);
        return (TextWeight * Known(row, RankingFeature.TextScoreShare))
            + (EngineRankWeight * Known(row, RankingFeature.EngineRankReciprocal))
            + (WorkParkWeight * Closeness(row, RankingFeature.DistanceToWorkParkKm))
            + (HomeWeight * Closeness(row, RankingFeature.DistanceToHomeKm))
            + (MoneyFitWeight * Known(row, RankingFeature.MoneyFit))
            + (FreshnessWeight * Math.Exp(-Math.Max(0, Known(row, RankingFeature.AgeDays)) / FreshnessScaleDays))
            + (ClickThroughWeight * clickThrough)
            + (KindAffinityWeight * Known(row, RankingFeature.KindAffinity))
            + (CategoryAffinityWeight * Known(row, RankingFeature.CategoryAffinity))
            + (PriceLevelWeight * Known(row, RankingFeature.PriceLevelMatch))
            + (VerifiedOwnerWeight * Known(row, RankingFeature.VerifiedOwner));
    }

    private static double Known(ReadOnlySpan<float> row, RankingFeature feature) => float.IsNaN(row[(int)feature]) ? 0 : row[(int)feature];

    private static double Closeness(ReadOnlySpan<float> row, RankingFeature feature) =>
        float.IsNaN(row[(int)feature]) ? 0 : Math.Exp(-row[(int)feature] / ProximityScaleKm);
}
