namespace DongNai.Domain.Listings;

/// <summary>How a hit names the kind's money: <c>salaryMinVnd</c>/<c>salaryMaxVnd</c>, <c>priceVnd</c> or <c>fareVnd</c>.</summary>
public enum MoneyField
{
    /// <summary>The kind has no money (news): no price parameters, no price bands, money words in a query stay text.</summary>
    None = 0,

    Salary = 1,
    Price = 2,
    Fare = 3,
}

/// <summary>
/// One keyword filter of a kind's search: the index field it reads (also the query parameter's
/// name), the values it accepts (null: free values such as park codes or brands), and whether free
/// values are folded the way the index folds them (brands, place names) or kept as exact codes.
/// </summary>
public sealed record KeywordFilter(string Name, IReadOnlySet<string>? Values, bool FoldsValues, string Description)
{
    /// <summary>The enum whose codes <see cref="Values"/> are, by name (documents name the value list after it); null for free values.</summary>
    public string? CodesName { get; init; }

    /// <summary>A filter whose values are the camelCase codes of <typeparamref name="TEnum"/> (flags: each single flag).</summary>
    public static KeywordFilter Codes<TEnum>(string name, string description)
        where TEnum : struct, Enum =>
        new(name, Enum.GetValues<TEnum>()
            .Where(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) != 0)
            .Select(ListingVocabulary.Code)
            .ToHashSet(StringComparer.Ordinal), FoldsValues: false, description)
        {
            CodesName = typeof(TEnum).Name,
        };

    /// <summary>A filter on exact codes of a catalog (GSO commune codes, park codes).</summary>
    public static KeywordFilter ExactCodes(string name, string description) => new(name, null, FoldsValues: false, description);

    /// <summary>A filter on free names, folded (no accents, lower case) as the document builder folds them.</summary>
    public static KeywordFilter FoldedNames(string name, string description) => new(name, null, FoldsValues: true, description);
}

/// <summary>Keyword fields that several kinds share; each kind's own fields are named in its descriptor.</summary>
public static class KeywordFields
{
    public const string Commune = "commune";
    public const string Park = "park";
    public const string Category = "category";

    public static KeywordFilter CommuneFilter { get; } = KeywordFilter.ExactCodes(Commune, "GSO code of the 2025 commune or ward (see GET /api/places/communes).");

    public static KeywordFilter ParkFilter { get; } = KeywordFilter.ExactCodes(Park, "Industrial park code (see GET /api/places/industrial-parks).");
}

/// <summary>
/// What the search API offers for one kind: its keyword filters, the facets it returns (each one
/// of its filters), its price bands, its money field and what that money means, and whether it
/// filters by area and by departure time. Immutable.
/// </summary>
public sealed record KindSearchProfile(
    IReadOnlyList<KeywordFilter> Filters,
    IReadOnlyList<string> Facets,
    IReadOnlyList<long> PriceBands,
    MoneyField Money,
    string MoneyMeaning,
    bool HasArea = false,
    bool HasDepartures = false)
{
    /// <summary>
    /// How far to search, in km, around a place the query names: around a park, and around a commune
    /// or town (a larger area). Walking or a short ride for a room, a commute for a job, a trip across
    /// town for a second-hand item; a search across kinds uses (5, 8).
    /// </summary>
    public (double Park, double Area) NearRadiusKm { get; init; } = (5, 8);

    /// <summary>
    /// How fast a listing of the kind fades in the home feed: the feed's freshness lift falls by a
    /// factor e every this many days. A job or a room stays worth showing for weeks; news is stale in days.
    /// </summary>
    public double FeedFreshnessDays { get; init; } = 7;

    /// <summary>Past this age, in days, a listing of the kind no longer enters the home feed (it stays searchable); null for no limit.</summary>
    public double? FeedMaxAgeDays { get; init; }

    public KeywordFilter? Filter(string name) => Filters.FirstOrDefault(f => f.Name == name);
}
