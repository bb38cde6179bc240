using System.Globalization;
using DongNai.Domain.Listings;
using DongNai.Domain.Listings.Jobs;
using DongNai.Domain.Listings.Rentals;
using DongNai.Domain.Places;
using DongNai.Domain.Text;
using DongNai.Search;

namespace DongNai.Bench;

/// <summary>The query types of the mix (the two personalisation types, rerank and feed, are drawn in WorkloadGenerator.Ranking.cs).</summary>
internal enum QueryType
{
    TextGeoPrice,
    Text,
    RadiusPriceDistance,
    BroadFacets,
    Viewport,
    Polygon,
    Autocomplete,
    Related,
    Rerank,
    Feed,
}

internal static class QueryTypes
{
    public static IReadOnlyList<QueryType> All { get; } = Enum.GetValues<QueryType>();

    public static string Slug(this QueryType type) => type switch
    {
        QueryType.TextGeoPrice => "text-geo-price",
        QueryType.Text => "text",
        QueryType.RadiusPriceDistance => "radius-price-distance",
        QueryType.BroadFacets => "broad-facets",
        QueryType.Viewport => "viewport-bbox",
        QueryType.Polygon => "polygon",
        QueryType.Autocomplete => "autocomplete",
        QueryType.Related => "related",
        QueryType.Rerank => "rerank",
        QueryType.Feed => "feed",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string Describe(this QueryType type) => type switch
    {
        QueryType.TextGeoPrice => "rentals near a park: accent-free text + radius 2–8 km + price range, relevance, facets + price bands",
        QueryType.Text => "text only (jobs, classifieds, rentals), relevance, the kind's facets",
        QueryType.RadiusPriceDistance => "filter only: radius 1–10 km + price range (+ a category in 40%), nearest first",
        QueryType.BroadFacets => "no filter but the kind: every live listing of a kind, newest first, all of the kind's facets",
        QueryType.Viewport => "map viewport: bounding box of a few km (+ a category in 25%), 100 hits, newest first",
        QueryType.Polygon => "drawn area: a star-shaped polygon of 5–12 vertices (concave in half), 2–10 km across (+ a category in 25%), 100 hits, newest first",
        QueryType.Autocomplete => "2–4 letter prefix of a title word, any kind or one kind, 8 completions",
        QueryType.Related => "more like this for a random listing, 10 hits",
        QueryType.Rerank => RankingWorkload.RerankDescription,
        QueryType.Feed => RankingWorkload.FeedDescription,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Filter-only types: both systems must return identical id sets.</summary>
    public static bool IsFilterOnly(this QueryType type) => type is QueryType.RadiusPriceDistance or QueryType.BroadFacets or QueryType.Viewport or QueryType.Polygon;

    /// <summary>Types the HTTP phase sends: re-ranking needs a signed-in user, so it is measured in process only.</summary>
    public static bool OverHttp(this QueryType type) => type is not QueryType.Rerank;

    /// <summary>Types whose query is an engine search parsed from the API's query string.</summary>
    public static bool IsSearch(this QueryType type) => type is not (QueryType.Autocomplete or QueryType.Related or QueryType.Feed);
}

/// <summary>
/// One query of the mix, in neutral terms: each system turns it into its own request (the HTTP
/// query string, the engine's <see cref="SearchQuery"/> parsed from that same string, or SQL).
/// Coordinates are written with round-trip precision, so all three see the same doubles.
/// </summary>
internal sealed record BenchQuery
{
    public required QueryType Type { get; init; }

    public required int Number { get; init; }

    public ListingKind? Kind { get; init; }

    public string? Text { get; init; }

    public GeoPoint? Centre { get; init; }

    public double? RadiusKm { get; init; }

    public GeoBoundingBox? Box { get; init; }

    public GeoPolygon? Polygon { get; init; }

    public long? MinPrice { get; init; }

    public long? MaxPrice { get; init; }

    public IReadOnlyDictionary<string, string[]> Filters { get; init; } = new Dictionary<string, string[]>();

    /// <summary>The API's sort name: relevance, distance, priceAsc, priceDesc, newest.</summary>
    public string Sort { get; init; } = "relevance";

    public int Size { get; init; } = 20;

    public string? Prefix { get; init; }

    public long? RelatedId { get; init; }

    /// <summary>The request path and query string the service answers.</summary>
    public string HttpPath()
    {
        switch (Type)
        {
            case QueryType.Autocomplete:
                return "/api/suggest?q=" + Uri.EscapeDataString(Prefix!) + (Kind is { } k ? "&kind=" + k.Slug() : "");
            case QueryType.Related:
                return $"/api/{Kind!.Value.Slug()}/{RelatedId!.Value.ToString(CultureInfo.InvariantCulture)}/related";
            case QueryType.Feed:
                return $"/api/feed?lat={Invariant(Centre!.Value.Latitude)}&lon={Invariant(Centre.Value.Longitude)}" + (Size != 20 ? "&size=" + Size.ToString(CultureInfo.InvariantCulture) : "");
            default:
                return $"/api/search/{Kind!.Value.Slug()}?{QueryString()}";
        }
    }

    /// <summary>The search parameters as the API takes them (search types only).</summary>
    public string QueryString()
    {
        var parts = new List<string>();
        void Add(string name, string value) => parts.Add(name + "=" + Uri.EscapeDataString(value));
        if (Text is not null)
        {
            Add("q", Text);
        }

        if (Centre is { } centre)
        {
            Add("lat", Invariant(centre.Latitude));
            Add("lon", Invariant(centre.Longitude));
        }

        if (RadiusKm is { } km)
        {
            Add("radiusKm", Invariant(km));
        }

        if (Box is { } box)
        {
            Add("bbox", string.Join(',', Invariant(box.MinLongitude), Invariant(box.MinLatitude), Invariant(box.MaxLongitude), Invariant(box.MaxLatitude)));
        }

        if (Polygon is { } polygon)
        {
            Add("polygon", string.Join(';', polygon.Ring.Select(point => Invariant(point.Longitude) + "," + Invariant(point.Latitude))));
        }

        if (MinPrice is { } min)
        {
            Add("minPrice", min.ToString(CultureInfo.InvariantCulture));
        }

        if (MaxPrice is { } max)
        {
            Add("maxPrice", max.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var (field, values) in Filters.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            Add(field, string.Join(',', values));
        }

        if (Sort != "relevance")
        {
            Add("sort", Sort);
        }

        if (Size != 20)
        {
            Add("size", Size.ToString(CultureInfo.InvariantCulture));
        }

        // The text is matched as text, as the peer matches it: the query interpreter would take
        // prices, places and needs out of it, which the peer's SQL does not (its own cost is
        // measured apart, InterpreterCost).
        if (Text is not null)
        {
            Add("understand", "false");
        }

        return string.Join('&', parts);
    }

    public override string ToString() => $"{Type.Slug()}#{Number} {HttpPath()}";

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// Draws the query mix from templates with random parameters, deterministic from a seed: places
/// are the province's industrial parks and towns, texts are what workers type (without accents),
/// prefixes come from a sample of real titles, related ids from the listings that exist.
/// </summary>
internal sealed partial class WorkloadGenerator(PlaceCatalog places, ReferenceIndex data)
{
    private static readonly string[] RentalTexts =
    [
        "phong tro", "phong tro gac lung", "phong tro gia re", "phong tro may lanh", "cho thue phong", "phong tro khep kin",
        "nha nguyen can", "can ho", "ky tuc xa", "phong tro gan kcn", "phong tro wifi", "phong tro cong nhan", "phong moi xay",
    ];

    private static readonly string[] JobTexts =
    [
        "cong nhan may", "cong nhan dien tu", "tuyen cong nhan", "tho han", "cong nhan giay da", "nhan vien kho", "bao ve",
        "ky thuat vien", "cong nhan ca dem", "tuyen gap", "lao dong pho thong", "xe dua ruoc", "cong nhan go", "nhan vien qc",
    ];

    private static readonly string[] ClassifiedTexts =
    [
        "xe honda wave", "xe may cu", "dien thoai", "tu lanh", "may giat", "xe dap", "ban gap", "thanh ly", "iphone", "quat dien",
    ];

    public IReadOnlyList<BenchQuery> Generate(QueryType type, int count, int seed)
    {
        // Not HashCode.Combine: it is seeded per process, and the same --seed must draw the same queries in every run.
        var random = new Random(unchecked((seed * 397) ^ (((int)type + 1) * 0x51ED)));
        return Enumerable.Range(0, count).Select(number => Draw(type, number, random)).ToList();
    }

    private BenchQuery Draw(QueryType type, int number, Random random) => type switch
    {
        QueryType.TextGeoPrice => TextGeoPrice(number, random),
        QueryType.Text => TextOnly(number, random),
        QueryType.RadiusPriceDistance => RadiusPriceDistance(number, random),
        QueryType.BroadFacets => new BenchQuery { Type = type, Number = number, Kind = Pick(random, KindShares), Sort = "newest" },
        QueryType.Viewport => Viewport(number, random),
        QueryType.Polygon => Polygon(number, random),
        QueryType.Autocomplete => Autocomplete(number, random),
        QueryType.Related => Related(number, random),
        QueryType.Rerank => Rerank(number, random),
        QueryType.Feed => Feed(number, random),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static readonly (ListingKind Kind, double Weight)[] KindShares =
        [(ListingKind.Job, 0.30), (ListingKind.Rental, 0.30), (ListingKind.Classified, 0.25), (ListingKind.Voucher, 0.10), (ListingKind.BusRoute, 0.05)];

    private BenchQuery TextGeoPrice(int number, Random random)
    {
        var park = places.IndustrialParks[random.Next(places.IndustrialParks.Count)];
        var (min, max) = RentalPrice(random);
        return new BenchQuery
        {
            Type = QueryType.TextGeoPrice,
            Number = number,
            Kind = ListingKind.Rental,
            Text = RentalTexts[random.Next(RentalTexts.Length)],
            Centre = new GeoPoint(park.Latitude, park.Longitude),
            RadiusKm = Pick(random, [(2.0, 1), (3.0, 1), (5.0, 2), (8.0, 1)]),
            MinPrice = min,
            MaxPrice = max,
        };
    }

    private static BenchQuery TextOnly(int number, Random random)
    {
        var kind = Pick(random, [(ListingKind.Job, 0.5), (ListingKind.Classified, 0.25), (ListingKind.Rental, 0.25)]);
        var texts = kind switch { ListingKind.Job => JobTexts, ListingKind.Classified => ClassifiedTexts, _ => RentalTexts };
        return new BenchQuery { Type = QueryType.Text, Number = number, Kind = kind, Text = texts[random.Next(texts.Length)] };
    }

    private BenchQuery RadiusPriceDistance(int number, Random random)
    {
        var kind = Pick(random, [(ListingKind.Rental, 0.4), (ListingKind.Job, 0.35), (ListingKind.Classified, 0.25)]);
        var (min, max) = kind switch
        {
            ListingKind.Rental => RentalPrice(random),
            ListingKind.Job => (Maybe(random, 0.7, () => 5_000_000 + (500_000 * random.NextInt64(0, 11))), Maybe(random, 0.6, () => 9_000_000 + (1_000_000 * random.NextInt64(0, 12)))),
            _ => (Maybe(random, 0.6, () => 200_000 * random.NextInt64(1, 11)), (long?)(1_000_000 * random.NextInt64(2, 21))),
        };
        if (min is null && max is null)
        {
            max = kind == ListingKind.Job ? 12_000_000 : 3_000_000;
        }
        else if (min > max)
        {
            (min, max) = (max, min);
        }

        var filters = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (random.NextDouble() < 0.4)
        {
            switch (kind)
            {
                case ListingKind.Rental when random.NextDouble() < 0.5:
                    filters[RentalKind.Amenities] = [Pick(random, [("loft", 1.0), ("airConditioner", 1), ("wifi", 1), ("privateBathroom", 1)])];
                    break;
                case ListingKind.Rental:
                    filters[RentalKind.RentalType] = Values(random, ["room", "dormitory", "wholeHouse", "apartment"]);
                    break;
                case ListingKind.Job:
                    filters[JobKind.Shift] = Values(random, ["day", "night", "rotating"]);
                    break;
                default:
                    filters[KeywordFields.Category] = Values(random, ["motorbikes", "phones", "furniture", "homeAppliances", "electronics", "bicycles"]);
                    break;
            }
        }

        return new BenchQuery
        {
            Type = QueryType.RadiusPriceDistance,
            Number = number,
            Kind = kind,
            Centre = Near(random, 1.0),
            RadiusKm = Math.Round(1 + (random.NextDouble() * 9), 1),
            MinPrice = min,
            MaxPrice = max,
            Filters = filters,
            Sort = "distance",
        };
    }

    private BenchQuery Viewport(int number, Random random)
    {
        var kind = Pick(random, [(ListingKind.Rental, 0.4), (ListingKind.Job, 0.25), (ListingKind.Classified, 0.2), (ListingKind.Voucher, 0.15)]);
        var centre = Near(random, 2.0);
        var halfLatitude = 0.015 + (random.NextDouble() * 0.045);
        var halfLongitude = halfLatitude * 0.6;
        var filters = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (random.NextDouble() < 0.25)
        {
            filters[kind switch { ListingKind.Rental => RentalKind.RentalType, ListingKind.Job => JobKind.JobType, _ => KeywordFields.Category }] = kind switch
            {
                ListingKind.Rental => Values(random, ["room", "dormitory", "wholeHouse"]),
                ListingKind.Job => Values(random, ["fullTime", "partTime", "seasonal"]),
                ListingKind.Classified => Values(random, ["motorbikes", "phones", "furniture", "clothing"]),
                _ => Values(random, ["foodAndDrink", "shopping", "beauty"]),
            };
        }

        return new BenchQuery
        {
            Type = QueryType.Viewport,
            Number = number,
            Kind = kind,
            Box = new GeoBoundingBox(
                Math.Round(centre.Latitude - halfLatitude, 6),
                Math.Round(centre.Longitude - halfLongitude, 6),
                Math.Round(centre.Latitude + halfLatitude, 6),
                Math.Round(centre.Longitude + halfLongitude, 6)),
            Filters = filters,
            Sort = "newest",
            Size = 100,
        };
    }

    /// <summary>
    /// A star-shaped ring around a place: vertices at increasing angles, so it never crosses
    /// itself; in half of the polygons every other vertex is pulled in, which makes it concave.
    /// </summary>
    private BenchQuery Polygon(int number, Random random)
    {
        var kind = Pick(random, [(ListingKind.Rental, 0.4), (ListingKind.Job, 0.25), (ListingKind.Classified, 0.2), (ListingKind.Voucher, 0.15)]);
        var centre = Near(random, 2.0);
        var vertices = random.Next(5, 13);
        var radius = 0.01 + (random.NextDouble() * 0.035);
        var concave = random.NextDouble() < 0.5;
        var ring = new List<GeoPoint>(vertices + 1);
        for (var i = 0; i < vertices; i++)
        {
            var angle = (i + (random.NextDouble() * 0.6)) * 2 * Math.PI / vertices;
            var reach = radius * (concave && i % 2 == 1 ? 0.35 + (random.NextDouble() * 0.25) : 0.8 + (random.NextDouble() * 0.2));
            ring.Add(new GeoPoint(Math.Round(centre.Latitude + (reach * Math.Sin(angle)), 6), Math.Round(centre.Longitude + (reach * Math.Cos(angle)), 6)));
        }

        ring.Add(ring[0]);
        var filters = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (random.NextDouble() < 0.25)
        {
            filters[kind switch { ListingKind.Rental => RentalKind.RentalType, ListingKind.Job => JobKind.JobType, _ => KeywordFields.Category }] = kind switch
            {
                ListingKind.Rental => Values(random, ["room", "dormitory", "wholeHouse"]),
                ListingKind.Job => Values(random, ["fullTime", "partTime", "seasonal"]),
                ListingKind.Classified => Values(random, ["motorbikes", "phones", "furniture", "clothing"]),
                _ => Values(random, ["foodAndDrink", "shopping", "beauty"]),
            };
        }

        return new BenchQuery
        {
            Type = QueryType.Polygon,
            Number = number,
            Kind = kind,
            Polygon = new GeoPolygon(ring),
            Filters = filters,
            Sort = "newest",
            Size = 100,
        };
    }

    private BenchQuery Autocomplete(int number, Random random)
    {
        string prefix;
        do
        {
            var words = VietnameseText.FoldKey(data.TitleSample[random.Next(data.TitleSample.Count)])
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Where(word => word.Length >= 2 && word.All(char.IsAsciiLetter))
                .ToArray();
            if (words.Length == 0)
            {
                prefix = "";
                continue;
            }

            var word = words[random.Next(words.Length)];
            prefix = word[..Math.Min(word.Length, random.Next(2, 5))];
        }
        while (prefix.Length < 2);

        return new BenchQuery
        {
            Type = QueryType.Autocomplete,
            Number = number,
            Kind = random.NextDouble() < 0.5 ? null : Pick(random, KindShares),
            Prefix = prefix,
            Size = 8,
        };
    }

    private BenchQuery Related(int number, Random random)
    {
        var kind = Pick(random, KindShares.Where(share => data.ByKind[share.Kind].Count > 0).ToArray());
        var listings = data.ByKind[kind];
        return new BenchQuery { Type = QueryType.Related, Number = number, Kind = kind, RelatedId = listings[random.Next(listings.Count)].Id, Size = 10 };
    }

    /// <summary>A park (70%) or a town, moved up to <paramref name="jitterKm"/> in each axis.</summary>
    private GeoPoint Near(Random random, double jitterKm)
    {
        var (latitude, longitude) = random.NextDouble() < 0.7
            ? Point(places.IndustrialParks[random.Next(places.IndustrialParks.Count)])
            : Point(places.Towns[random.Next(places.Towns.Count)]);
        var dLat = ((random.NextDouble() * 2) - 1) * jitterKm / 111.32;
        var dLon = ((random.NextDouble() * 2) - 1) * jitterKm / (111.32 * Math.Cos(GeoMath.ToRadians(latitude)));
        return new GeoPoint(Math.Round(latitude + dLat, 6), Math.Round(longitude + dLon, 6));
    }

    private static (double, double) Point(IndustrialPark park) => (park.Latitude, park.Longitude);

    private static (double, double) Point(Town town) => (town.Latitude, town.Longitude);

    private static (long? Min, long? Max) RentalPrice(Random random)
    {
        long? min = Pick(random, [(0L, 2.0), (500_000L, 1), (1_000_000L, 2), (1_500_000L, 1), (2_000_000L, 1)]);
        var max = Math.Max(min.Value + 500_000, 1_500_000 + (500_000 * random.NextInt64(0, 8)));
        return (min == 0 ? null : min, max);
    }

    private static long? Maybe(Random random, double chance, Func<long> value) => random.NextDouble() < chance ? value() : null;

    private static string[] Values(Random random, string[] choices)
    {
        var first = choices[random.Next(choices.Length)];
        if (random.NextDouble() < 0.3)
        {
            var second = choices[random.Next(choices.Length)];
            return second == first ? [first] : [first, second];
        }

        return [first];
    }

    private static T Pick<T>(Random random, IReadOnlyList<(T Value, double Weight)> choices)
    {
        var total = choices.Sum(choice => choice.Weight);
        var draw = random.NextDouble() * total;
        foreach (var (value, weight) in choices)
        {
            draw -= weight;
            if (draw < 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }
}
