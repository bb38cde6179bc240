using DongNai.Domain.Listings;
using DongNai.Domain.Places;
using DongNai.Search;

namespace DongNai.Ranking.Features;

/// <summary>
/// Writes the <see cref="FeatureCatalog.Count"/> features of each candidate of a window into a
/// caller's buffer, from the hit's <see cref="SearchHit.Signals"/>, the request, the user's cached
/// <see cref="UserRankingProfile"/> and the current <see cref="ListingStatistics"/>. Allocates
/// nothing per candidate (per-kind lookups are arrays built once). Thread-safe: holds only
/// immutable tables and the statistics holder.
/// </summary>
public sealed class FeatureExtractor
{
    /// <summary>Prior click-through rate that a listing with few examinations is pulled towards.</summary>
    public const double PriorClickThrough = 0.05;

    /// <summary>How many examinations the prior weighs as.</summary>
    public const double PriorExaminations = 20;

    private static readonly int Slots = ListingKinds.MaxCode + 1;

    private readonly ListingStatisticsHolder _statistics;
    private readonly MoneyField[] _money;
    private readonly string?[] _categoryField;

    public FeatureExtractor(ListingStatisticsHolder statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        _statistics = statistics;
        _money = new MoneyField[Slots];
        _categoryField = new string?[Slots];
        foreach (var kind in ListingKinds.All)
        {
            _money[(int)kind] = ListingKinds.Get(kind).Search.Money;
            _categoryField[(int)kind] = UserRankingProfile.CategoryField(kind);
        }
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with one row of <see cref="FeatureCatalog.Count"/> values per
    /// candidate, in the candidates' order (which must be the engine's order: position is a feature).
    /// A value that cannot be known (no location, no budget) is NaN.
    /// </summary>
    public void Extract(RankingContext context, IReadOnlyList<SearchHit> candidates, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(candidates);
        const int width = FeatureCatalog.Count;
        if (destination.Length < candidates.Count * width)
        {
            throw new ArgumentException($"The buffer needs {candidates.Count * width} values.", nameof(destination));
        }

        var statistics = _statistics.Current;
        var user = context.User;
        var query = context.Query;
        double bestText = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            bestText = Math.Max(bestText, candidates[i].Signals.TextScore);
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            var hit = candidates[i];
            var signals = hit.Signals;
            var row = destination.Slice(i * width, width);
            var slot = (int)hit.Kind;
            var knownKind = slot > 0 && slot < Slots;
            row[(int)RankingFeature.TextScore] = (float)signals.TextScore;
            row[(int)RankingFeature.TextScoreShare] = bestText > 0 ? (float)(signals.TextScore / bestText) : 1;
            row[(int)RankingFeature.EngineRankReciprocal] = 1f / (1 + i);
            row[(int)RankingFeature.DistanceToWorkParkKm] = Distance(signals.Location, user?.WorkPark);
            row[(int)RankingFeature.DistanceToHomeKm] = Distance(signals.Location, user?.Home);
            row[(int)RankingFeature.MoneyFit] = knownKind ? MoneyFit(_money[slot], signals, query, user, hit.Kind) : float.NaN;
            row[(int)RankingFeature.AgeDays] = (float)signals.AgeDays;
            var popularity = signals.Popularity;
            var engagements = popularity.Clicks + popularity.Saves + popularity.Applies + popularity.Claims + popularity.Contacts;
            row[(int)RankingFeature.LogEngagement] = (float)Math.Log(1 + Math.Max(0, engagements));
            var examinations = statistics.Examinations(new ListingKey(hit.Kind, hit.Id)) ?? popularity.Impressions;
            row[(int)RankingFeature.DebiasedClickThrough] =
                (float)((popularity.Clicks + (PriorClickThrough * PriorExaminations)) / (Math.Max(0, examinations) + PriorExaminations));
            row[(int)RankingFeature.KindAffinity] = user?.KindShare(hit.Kind) ?? 0;
            row[(int)RankingFeature.CategoryAffinity] = user is not null && knownKind && _categoryField[slot] is { } field
                && signals.Categories.TryGetValue(field, out var values) && values.Count > 0
                ? user.CategoryShare(hit.Kind, values[0])
                : 0;
            row[(int)RankingFeature.PriceLevelMatch] = user is not null && Price(signals) is { } price && price > 0
                && user.UsualLogPrice(hit.Kind) is var usual && !double.IsNaN(usual)
                ? (float)Math.Exp(-Math.Abs(Math.Log(price) - usual))
                : float.NaN;
            row[(int)RankingFeature.VerifiedOwner] = statistics.IsOwnerVerified(new ListingKey(hit.Kind, hit.Id)) ? 1 : 0;
        }
    }

    /// <summary>
    /// 1 within the budget (or at or above the salary expectation), falling off exponentially
    /// beyond it; the request's price filter wins over the profile's target. NaN when no target
    /// is known, 0.5 for a listing without a price.
    /// </summary>
    internal static float MoneyFit(MoneyField money, RankingSignals signals, SearchQuery query, UserRankingProfile? user, ListingKind kind)
    {
        if (money == MoneyField.Salary)
        {
            var floor = query.MinPrice is { } min ? min : user?.MoneyTarget(kind) ?? double.NaN;
            if (double.IsNaN(floor) || floor <= 0)
            {
                return float.NaN;
            }

            if ((signals.PriceMax ?? signals.PriceMin) is not { } salary)
            {
                return 0.5f;
            }

            return salary >= floor ? 1 : (float)Math.Exp(-4 * (1 - (salary / floor)));
        }

        var budget = query.MaxPrice is { } max ? max : user?.MoneyTarget(kind) ?? double.NaN;
        if (double.IsNaN(budget) || budget <= 0)
        {
            return float.NaN;
        }

        if (signals.PriceMin is not { } price)
        {
            return 0.5f;
        }

        return price <= budget ? 1 : (float)Math.Exp(-3 * ((price / budget) - 1));
    }

    private static long? Price(RankingSignals signals) => signals.PriceMin ?? signals.PriceMax;

    private static float Distance(GeoPoint? listing, GeoPoint? place) =>
        listing is { } a && place is { } b ? (float)GeoMath.HaversineKm(a.Latitude, a.Longitude, b.Latitude, b.Longitude) : float.NaN;
}
