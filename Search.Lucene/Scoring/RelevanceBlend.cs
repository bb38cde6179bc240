namespace DongNai.Search.Lucene.Scoring;

/// <summary>
/// How relevance blends the text score with distance and freshness. Multiplicative, so text
/// stays the main signal: distance can cost at most half the score and age a quarter.
/// Pure functions; thread-safe.
/// </summary>
internal static class RelevanceBlend
{
    /// <summary>At this distance the distance factor is halfway between 1 and its floor.</summary>
    public const double DistanceHalfLifeKm = 5;

    public const double FreshnessHalfLifeDays = 14;

    private const double MillisecondsPerDay = 86_400_000;
    private const double DistanceFloor = 0.5;
    private const double FreshnessFloor = 0.75;

    /// <summary>
    /// The blended score. <paramref name="distanceKm"/> is null when the query has no reference
    /// point (no distance factor) and <see cref="double.PositiveInfinity"/> for a listing without a location.
    /// </summary>
    public static double Score(double textScore, double? distanceKm, double ageDays) =>
        textScore * DistanceFactor(distanceKm) * FreshnessFactor(ageDays);

    /// <summary>Days from an update to the scoring instant, both as Unix milliseconds (negative when updated after it).</summary>
    public static double AgeDays(long scoringNowMs, long updatedMs) => (scoringNowMs - updatedMs) / MillisecondsPerDay;

    public static double DistanceFactor(double? distanceKm) => distanceKm is { } km
        ? DistanceFloor + ((1 - DistanceFloor) * Math.Pow(2, -km / DistanceHalfLifeKm))
        : 1;

    public static double FreshnessFactor(double ageDays) =>
        FreshnessFloor + ((1 - FreshnessFloor) * Math.Pow(2, -Math.Max(0, ageDays) / FreshnessHalfLifeDays));
}
