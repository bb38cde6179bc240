namespace DongNai.Search.Scoring;

/// <summary>
/// How relevance blends the text score with distance and freshness, shared by every engine so that
/// both order alike: the embedded engine multiplies these factors in its collector, Elasticsearch
/// sends the same constants to the <c>function_score</c> scripts of
/// <c>Search.Elasticsearch/Scoring/RelevanceFactors</c> and recovers a hit's text score with the
/// same functions. Multiplicative, so text stays the main signal: distance can cost at most half
/// the score and age a quarter. Pure functions; thread-safe.
/// </summary>
public static class RelevanceBlend
{
    /// <summary>At this distance the distance factor is halfway between 1 and its floor.</summary>
    public const double DistanceHalfLifeKm = 5;

    /// <summary>The distance factor of a listing infinitely far away, or without a location, when the query has a reference point.</summary>
    public const double DistanceFloor = 0.5;

    /// <summary>At this age the freshness factor is halfway between 1 and its floor.</summary>
    public const double FreshnessHalfLifeDays = 14;

    /// <summary>The freshness factor of a listing infinitely old.</summary>
    public const double FreshnessFloor = 0.75;

    public const double MillisecondsPerDay = 86_400_000;

    /// <summary>
    /// The blended score. <paramref name="distanceKm"/> is null when the query has no reference
    /// point (no distance factor) and <see cref="double.PositiveInfinity"/> for a listing without a location.
    /// </summary>
    public static double Score(double textScore, double? distanceKm, double ageDays) =>
        textScore * DistanceFactor(distanceKm) * FreshnessFactor(ageDays);

    /// <summary>Days from an update to the scoring instant, both as Unix milliseconds (negative when updated after it).</summary>
    public static double AgeDays(long scoringNowMs, long updatedMs) => (scoringNowMs - updatedMs) / MillisecondsPerDay;

    /// <summary><c>floor + (1 − floor)·2^(−km / half-life)</c>; 1 when the query has no reference point (null).</summary>
    public static double DistanceFactor(double? distanceKm) => distanceKm is { } km
        ? DistanceFloor + ((1 - DistanceFloor) * Math.Pow(2, -km / DistanceHalfLifeKm))
        : 1;

    /// <summary><c>floor + (1 − floor)·2^(−days / half-life)</c>, a listing dated in the future counting as new.</summary>
    public static double FreshnessFactor(double ageDays) =>
        FreshnessFloor + ((1 - FreshnessFloor) * Math.Pow(2, -Math.Max(0, ageDays) / FreshnessHalfLifeDays));
}
