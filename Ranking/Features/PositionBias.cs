namespace DongNai.Ranking.Features;

/// <summary>
/// The estimated chance that a person looks at the listing shown at a 0-based position of a list:
/// (1 / (1 + position))^<see cref="Exponent"/>, the usual power-law examination model. Used to
/// weight impressions (a listing shown at position 30 was rarely seen, so not clicking it says
/// little) and as the inverse propensity of clicks when the learned ranker is trained (decision 0016).
/// Pure; thread-safe.
/// </summary>
public static class PositionBias
{
    public const double Exponent = 1.0;

    /// <summary>The smallest propensity used, so that a click far down the list weighs at most 1 / this (clipped: unclipped weights of 20 and more let a few deep clicks outweigh everything, a variance the small logs cannot carry).</summary>
    public const double MinPropensity = 0.2;

    public static double Examination(int position) =>
        position < 0 ? 1 : Math.Max(MinPropensity, Math.Pow(1.0 / (1 + position), Exponent));
}
