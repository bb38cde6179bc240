using DongNai.Domain.Listings;
using DongNai.Search;

namespace DongNai.Ranking.Features;

/// <summary>One thing the user engaged with recently, as the profile summarises it.</summary>
/// <param name="Kind">The listing's kind.</param>
/// <param name="Category">The listing's value of its kind's category field (<see cref="UserRankingProfile.CategoryField"/>), if any.</param>
/// <param name="Price">The low end of the listing's money field in VND, if any.</param>
/// <param name="Weight">How much the engagement says (an application more than a click).</param>
public readonly record struct Engagement(ListingKind Kind, string? Category, long? Price, double Weight);

/// <summary>
/// What ranking knows about one signed-in user, computed once and cached: where they work and
/// live, and what their recent engagements say about the kinds, categories and price levels they
/// care about. Immutable; thread-safe. Holds no personal data beyond the profile's place codes
/// turned into points, and nothing from the identity card (decision 0015).
/// </summary>
public sealed class UserRankingProfile
{
    private static readonly int Slots = ListingKinds.MaxCode + 1;

    private readonly float[] _kindShare;
    private readonly Dictionary<string, float>?[] _categoryShare;
    private readonly double[] _usualLogPrice;
    private readonly double[] _moneyTarget;

    private UserRankingProfile(
        long accountId, GeoPoint? workPark, GeoPoint? home, float[] kindShare, Dictionary<string, float>?[] categoryShare, double[] usualLogPrice, double[] moneyTarget, int engagements)
    {
        _moneyTarget = moneyTarget;
        AccountId = accountId;
        WorkPark = workPark;
        Home = home;
        _kindShare = kindShare;
        _categoryShare = categoryShare;
        _usualLogPrice = usualLogPrice;
        Engagements = engagements;
    }

    public long AccountId { get; }

    /// <summary>The industrial park the user works in or wants to, as a point.</summary>
    public GeoPoint? WorkPark { get; }

    /// <summary>The centre of the user's home commune.</summary>
    public GeoPoint? Home { get; }

    /// <summary>How many engagements the profile was built from.</summary>
    public int Engagements { get; }

    /// <summary>The keyword field whose value counts as a listing's category for its kind: the kind's first facet, or null.</summary>
    public static string? CategoryField(ListingKind kind) => ListingKinds.Get(kind).Search.Facets is [var first, ..] ? first : null;

    /// <summary>The distinct category fields of <paramref name="kinds"/> (<see cref="CategoryField"/>), for a search whose hits a ranker reads (<see cref="SearchQuery.HitKeywords"/>).</summary>
    public static IReadOnlyList<string> CategoryFields(IEnumerable<ListingKind> kinds) =>
        kinds.Select(CategoryField).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Priced engagements of a kind needed before its usual price stands in for a budget or salary expectation.</summary>
    public const int MinPricedEngagementsForTarget = 3;

    /// <summary>
    /// A budget inferred from the usual price is this much above it (people click a little below what they can pay);
    /// a salary floor this much below the usual salary.
    /// </summary>
    public const double InferredTargetMargin = 0.15;

    /// <summary>
    /// A profile from the user's places and recent engagements (any order). <paramref name="moneyTargets"/>
    /// are budgets (price and fare kinds) or salary expectations (salary kinds) the user stated;
    /// a kind without one gets one inferred from the usual price of at least
    /// <see cref="MinPricedEngagementsForTarget"/> priced engagements.
    /// </summary>
    public static UserRankingProfile Build(
        long accountId, GeoPoint? workPark, GeoPoint? home, IEnumerable<Engagement> engagements, IReadOnlyDictionary<ListingKind, long>? moneyTargets = null)
    {
        ArgumentNullException.ThrowIfNull(engagements);
        var kindWeight = new double[Slots];
        var categoryWeight = new Dictionary<string, double>?[Slots];
        var logPriceSum = new double[Slots];
        var priceWeight = new double[Slots];
        var pricedCount = new int[Slots];
        double total = 0;
        var count = 0;
        foreach (var engagement in engagements)
        {
            var slot = (int)engagement.Kind;
            if (slot <= 0 || slot >= Slots || !(engagement.Weight > 0))
            {
                continue;
            }

            count++;
            total += engagement.Weight;
            kindWeight[slot] += engagement.Weight;
            if (engagement.Category is { } category)
            {
                var byCategory = categoryWeight[slot] ??= new Dictionary<string, double>(StringComparer.Ordinal);
                byCategory[category] = byCategory.GetValueOrDefault(category) + engagement.Weight;
            }

            if (engagement.Price is > 0 and { } price)
            {
                logPriceSum[slot] += engagement.Weight * Math.Log(price);
                priceWeight[slot] += engagement.Weight;
                pricedCount[slot]++;
            }
        }

        var kindShare = new float[Slots];
        var categoryShare = new Dictionary<string, float>?[Slots];
        var usualLogPrice = new double[Slots];
        var moneyTarget = new double[Slots];
        for (var slot = 0; slot < Slots; slot++)
        {
            moneyTarget[slot] = double.NaN;
            kindShare[slot] = total > 0 ? (float)(kindWeight[slot] / total) : 0;
            usualLogPrice[slot] = priceWeight[slot] > 0 ? logPriceSum[slot] / priceWeight[slot] : double.NaN;
            if (categoryWeight[slot] is { } weights && kindWeight[slot] > 0)
            {
                categoryShare[slot] = weights.ToDictionary(pair => pair.Key, pair => (float)(pair.Value / kindWeight[slot]), StringComparer.Ordinal);
            }
        }

        foreach (var kind in ListingKinds.All)
        {
            var slot = (int)kind;
            if (moneyTargets is not null && moneyTargets.TryGetValue(kind, out var stated) && stated > 0)
            {
                moneyTarget[slot] = stated;
            }
            else if (pricedCount[slot] >= MinPricedEngagementsForTarget)
            {
                var usual = Math.Exp(usualLogPrice[slot]);
                moneyTarget[slot] = ListingKinds.Get(kind).Search.Money == MoneyField.Salary
                    ? usual * (1 - InferredTargetMargin)
                    : usual * (1 + InferredTargetMargin);
            }
        }

        return new UserRankingProfile(accountId, workPark, home, kindShare, categoryShare, usualLogPrice, moneyTarget, count);
    }

    /// <summary>The share of engagements with <paramref name="kind"/> (0–1).</summary>
    public float KindShare(ListingKind kind) => (int)kind is var slot && slot > 0 && slot < Slots ? _kindShare[slot] : 0;

    /// <summary>The share of <paramref name="kind"/>'s engagements in <paramref name="category"/> (0–1).</summary>
    public float CategoryShare(ListingKind kind, string category) =>
        (int)kind is var slot && slot > 0 && slot < Slots && _categoryShare[slot] is { } shares && shares.TryGetValue(category, out var share) ? share : 0;

    /// <summary>The user's budget (price and fare kinds) or salary expectation (salary kinds) for <paramref name="kind"/> in VND, or NaN.</summary>
    public double MoneyTarget(ListingKind kind) => (int)kind is var slot && slot > 0 && slot < Slots ? _moneyTarget[slot] : double.NaN;

    /// <summary>The weighted mean log price of the user's engagements with <paramref name="kind"/>, or NaN.</summary>
    public double UsualLogPrice(ListingKind kind) => (int)kind is var slot && slot > 0 && slot < Slots ? _usualLogPrice[slot] : double.NaN;
}
