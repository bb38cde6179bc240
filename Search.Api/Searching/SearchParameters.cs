using DongNai.Domain.Listings;
using DongNai.Search.Api.Parameters;

namespace DongNai.Search.Api.Searching;

/// <summary>
/// The query parameters of search, suggest and related, defined once: <see cref="SearchRequestParser"/>
/// and the endpoints read values through these definitions, and the OpenAPI document describes them
/// from the same objects, so the two cannot disagree. Each kind's search adds its descriptor's filters.
/// </summary>
public static class SearchParameters
{
    /// <summary>The radius used with <c>near=</c> when no <c>radiusKm</c> is given.</summary>
    public const double DefaultNearRadiusKm = 5;

    public const double MaxRadiusKm = 300;

    public static readonly IReadOnlyDictionary<string, SearchSort> Sorts = new Dictionary<string, SearchSort>(StringComparer.Ordinal)
    {
        ["relevance"] = SearchSort.Relevance,
        ["distance"] = SearchSort.Distance,
        ["priceAsc"] = SearchSort.PriceAscending,
        ["priceDesc"] = SearchSort.PriceDescending,
        ["newest"] = SearchSort.Newest,
    };

    /// <summary>The name of the document's list of kind slugs.</summary>
    private const string KindSlugs = "ListingKindSlug";

    public static readonly QueryParameter Text = QueryParameter.Text(
        "q", 200, "Words to find, with or without accents (\"phong tro\" finds \"phòng trọ\").", "phong tro gan amata");

    public static readonly QueryParameter Latitude = QueryParameter.Number(
        "lat", -90, 90, "Latitude of the reference point (WGS 84), given with lon; results carry their distance from it.", 10.9574m);

    public static readonly QueryParameter Longitude = QueryParameter.Number(
        "lon", -180, 180, "Longitude of the reference point (WGS 84), given with lat.", 106.8427m);

    public static readonly QueryParameter RadiusKm = QueryParameter.Number(
        "radiusKm", 0.1m, (decimal)MaxRadiusKm,
        $"Only listings within this many kilometres of lat/lon or of near; {DefaultNearRadiusKm} km with near when not given.", 5m);

    public static readonly QueryParameter Near = QueryParameter.Text(
        "near", 100, "A place instead of lat/lon: an industrial park (amata, KCN Amata), a 2025 commune or ward, a pre-2025 ward, or a town.", "KCN Amata");

    public static readonly QueryParameter BoundingBox = new()
    {
        Name = "bbox",
        Description = "Only listings inside this box, as minLon,minLat,maxLon,maxLat (the GeoJSON order); not with a radius.",
        MaxLength = 200,
        Pattern = @"^\s*-?[0-9.]+\s*,\s*-?[0-9.]+\s*,\s*-?[0-9.]+\s*,\s*-?[0-9.]+\s*$",
        Example = "106.80,10.90,106.95,11.00",
    };

    public static readonly QueryParameter Polygon = new()
    {
        Name = "polygon",
        Description = "Only listings inside this area or on its edge: a closed ring of lon,lat vertices (the GeoJSON order) "
            + "separated by semicolons, the first repeated as the last; at least 3 corners, at most "
            + $"{GeoPolygon.MaxVertices} vertices, edges straight in longitude/latitude, not crossing or touching "
            + "each other, every vertex in or near the province; not with a radius, near or bbox. "
            + "lat/lon may still give the point distances are measured from.",
        MaxLength = 6000,
        Pattern = @"^\s*-?[0-9.]+\s*,\s*-?[0-9.]+(\s*;\s*-?[0-9.]+\s*,\s*-?[0-9.]+)*\s*;?\s*$",
        Example = "106.80,10.90;106.95,10.90;106.90,11.00;106.80,10.90",
    };

    public static readonly QueryParameter Sort = QueryParameter.Choice(
        "sort", "SearchSort", [.. Sorts.Keys], "Order of results; distance needs lat/lon or near.", "relevance");

    public static readonly QueryParameter Size = QueryParameter.WholeNumber(
        "size", 1, SearchQuery.MaxSize, "Results per page.", defaultValue: 20);

    public static readonly QueryParameter Cursor = QueryParameter.Text(
        "cursor", 2000, "The nextCursor of the previous page, with the same other parameters.");

    public static readonly QueryParameter Understand = QueryParameter.Boolean(
        "understand",
        "Whether prices, places, kinds and needs written in q (\"phòng trọ dưới 2 triệu gần Amata\") become filters; "
        + "the response's understood object says what was taken. A parameter given explicitly always wins over the same thing read from q.",
        defaultValue: true);

    public static readonly QueryParameter Personalize = QueryParameter.Boolean(
        "personalize",
        "For a signed-in user and sort=relevance, whether the best results are re-ranked for them (distance to their work park and home, "
        + "budget or salary fit, their recent interests); false gives the engine's order exactly. Anonymous searches and the other sorts "
        + "always come in the engine's order. Give the same value on every page of one search.",
        defaultValue: true);

    public static readonly QueryParameter MinArea = QueryParameter.Number("minArea", 0, 1_000_000, "Smallest floor area, in square metres.", 15m);

    public static readonly QueryParameter MaxArea = QueryParameter.Number("maxArea", 0, 1_000_000, "Largest floor area, in square metres.", 30m);

    public static readonly QueryParameter DepartFrom = QueryParameter.TimeOfDay("departFrom", "Routes with a departure at or after this time of day.", "06:00");

    public static readonly QueryParameter DepartTo = QueryParameter.TimeOfDay("departTo", "Routes with a departure at or before this time of day.", "08:30");

    public static readonly QueryParameter SuggestText =
        QueryParameter.Text("q", 100, "What the user has typed so far (1 to 100 characters), with or without accents.", "phong tr") with { Required = true };

    public static readonly QueryParameter SuggestKind =
        QueryParameter.Choice("kind", KindSlugs, [.. ListingKinds.Public.Select(k => k.Slug)], "Only suggestions from this kind of listing.");

    public static readonly QueryParameter SuggestSize = QueryParameter.WholeNumber("size", 1, SuggestQuery.MaxSize, "Suggestions to return.", defaultValue: 8);

    /// <summary>Suggest's parameters.</summary>
    public static readonly IReadOnlyList<QueryParameter> Suggest = [SuggestText, SuggestKind, SuggestSize];

    public static readonly QueryParameter RelatedSize = QueryParameter.WholeNumber("size", 1, RelatedQuery.MaxSize, "Similar listings to return.", defaultValue: 10);

    /// <summary>Related's parameters.</summary>
    public static readonly IReadOnlyList<QueryParameter> Related =
    [
        QueryParameter.Choice("kind", KindSlugs, [.. ListingKinds.Public.Select(k => k.Slug)], "The listing's kind.") with { InPath = true },
        RelatedSize,
    ];

    private static readonly Dictionary<string, string> FilterExamples = new(StringComparer.Ordinal)
    {
        [KeywordFields.Park] = "amata",
        [KeywordFields.Commune] = "26041",
        [Domain.Listings.Vouchers.VoucherKind.Brand] = "Bách Hóa Xanh",
        [Domain.Listings.BusRoutes.BusRouteKind.Origin] = "Biên Hòa",
        [Domain.Listings.BusRoutes.BusRouteKind.Destination] = "Long Thành",
        [Domain.Listings.BusRoutes.BusRouteKind.Stop] = "ngã tư Vũng Tàu",
    };

    /// <summary>Each kind's search parameters, built once (every search request reads them).</summary>
    private static readonly Dictionary<ListingKind, IReadOnlyList<QueryParameter>> ByKind =
        ListingKinds.Descriptors.ToDictionary(kind => kind.Kind, kind => (IReadOnlyList<QueryParameter>)Build(kind));

    private static readonly IReadOnlyList<QueryParameter> AcrossKinds = Build(null);

    /// <summary>The parameters of one kind's search or, when <paramref name="kind"/> is null, of the search across kinds.</summary>
    public static IReadOnlyList<QueryParameter> For(ListingKindDescriptor? kind) => kind is null ? AcrossKinds : ByKind[kind.Kind];

    private static List<QueryParameter> Build(ListingKindDescriptor? kind)
    {
        var money = kind?.Search.MoneyMeaning ?? "Price, salary or fare in VND, as each kind names its money.";
        List<QueryParameter> parameters = [Text, Latitude, Longitude, RadiusKm, Near, BoundingBox, Polygon];
        if (kind?.Search.Money is not MoneyField.None)
        {
            parameters.Add(QueryParameter.WholeNumber("minPrice", 0, long.MaxValue, $"Lowest amount. {money}", example: kind?.Search.PriceBands[0]));
            parameters.Add(QueryParameter.WholeNumber("maxPrice", 0, long.MaxValue, $"Highest amount. {money}", example: kind?.Search.PriceBands[^1]));
        }

        parameters.AddRange([Sort, Size, Cursor, Understand, Personalize]);
        if (kind is null)
        {
            return parameters;
        }

        parameters.AddRange(kind.Search.Filters.Select(filter => QueryParameter.List(
            filter.Name,
            filter.Values?.Order(StringComparer.Ordinal).ToList(),
            filter.CodesName,
            filter.Description,
            FilterExamples.GetValueOrDefault(filter.Name))));
        if (kind.Search.HasArea)
        {
            parameters.AddRange([MinArea, MaxArea]);
        }

        if (kind.Search.HasDepartures)
        {
            parameters.AddRange([DepartFrom, DepartTo]);
        }

        return parameters;
    }
}
