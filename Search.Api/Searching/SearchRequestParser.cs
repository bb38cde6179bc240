using System.Globalization;
using DongNai.Domain.Places;
using DongNai.Domain.Text;
using DongNai.Domain.Validation;
using DongNai.Domain.Listings;

namespace DongNai.Search.Api.Searching;

/// <summary>
/// Reads a search request's query string into a <see cref="SearchQuery"/>, refusing what it does
/// not understand: unknown parameters, repeated single-valued parameters, values out of range or
/// of the wrong form. Every refusal names its parameter. Pure; thread-safe.
/// </summary>
public sealed class SearchRequestParser(PlaceCatalog places)
{
    /// <summary>The radius used with <c>near=</c> when no <c>radiusKm</c> is given.</summary>
    public const double DefaultNearRadiusKm = 5;

    public const double MaxRadiusKm = 300;

    private static readonly string[] CommonParameters =
        ["q", "lat", "lon", "radiusKm", "near", "bbox", "minPrice", "maxPrice", "sort", "size", "cursor"];

    private static readonly Dictionary<string, SearchSort> Sorts = new(StringComparer.Ordinal)
    {
        ["relevance"] = SearchSort.Relevance,
        ["distance"] = SearchSort.Distance,
        ["priceAsc"] = SearchSort.PriceAscending,
        ["priceDesc"] = SearchSort.PriceDescending,
        ["newest"] = SearchSort.Newest,
    };

    /// <summary>Parses a request for one kind or, when <paramref name="kind"/> is null, across all kinds.</summary>
    public (SearchQuery? Query, FieldErrors Errors) Parse(IQueryCollection parameters, ListingKindDescriptor? kind, DateTime now)
    {
        var profile = kind?.Search;
        var errors = new FieldErrors();
        var allowed = new HashSet<string>(CommonParameters, StringComparer.Ordinal);
        if (profile is not null)
        {
            allowed.UnionWith(profile.Filters.Select(f => f.Name));
            if (profile.HasArea)
            {
                allowed.UnionWith(["minArea", "maxArea"]);
            }

            if (profile.HasDepartures)
            {
                allowed.UnionWith(["departFrom", "departTo"]);
            }
        }

        foreach (var (name, values) in parameters)
        {
            if (!allowed.Contains(name))
            {
                errors.Add(name, $"Unknown parameter. Allowed: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}.");
            }
            else if (values.Count > 1 && profile?.Filter(name) is null)
            {
                errors.Add(name, "Give this parameter once.");
            }
        }

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        var reader = new Reader(parameters, errors);
        var text = reader.Text("q", 200);
        var latitude = reader.Double("lat", -90, 90);
        var longitude = reader.Double("lon", -180, 180);
        errors.When(latitude.HasValue != longitude.HasValue, latitude.HasValue ? "lon" : "lat", "Give lat and lon together.");
        var radius = reader.Double("radiusKm", double.Epsilon, MaxRadiusKm);
        var near = reader.Text("near", 100);
        var bbox = reader.BoundingBox("bbox");
        var minPrice = reader.Long("minPrice", 0, long.MaxValue);
        var maxPrice = reader.Long("maxPrice", 0, long.MaxValue);
        errors.When(minPrice > maxPrice, "minPrice", "Must not exceed maxPrice.");
        var minArea = reader.Double("minArea", 0, 1_000_000);
        var maxArea = reader.Double("maxArea", 0, 1_000_000);
        errors.When(minArea > maxArea, "minArea", "Must not exceed maxArea.");
        var size = reader.Long("size", 1, SearchQuery.MaxSize) ?? 20;
        var cursor = reader.Text("cursor", 2000);
        var departFrom = reader.Time("departFrom");
        var departTo = reader.Time("departTo");

        SearchSort sort = SearchSort.Relevance;
        if (reader.Text("sort", 20) is { } sortName && !Sorts.TryGetValue(sortName, out sort))
        {
            errors.Add("sort", $"Unknown sort. Use one of: {string.Join(", ", Sorts.Keys)}.");
        }

        GeoPoint? point = latitude is { } lat && longitude is { } lon ? new GeoPoint(lat, lon) : null;
        if (near is not null)
        {
            if (point is not null)
            {
                errors.Add("near", "Give either near or lat/lon, not both.");
            }
            else if (places.ResolvePlace(near) is { } place)
            {
                point = new GeoPoint(place.Latitude, place.Longitude);
                radius ??= DefaultNearRadiusKm;
            }
            else
            {
                errors.Add("near", "Unknown place: give an industrial park (amata, KCN Amata), a commune or ward, or a town.");
            }
        }

        GeoFilter? geo = null;
        if (radius is { } km)
        {
            if (point is null)
            {
                errors.When(near is null, "radiusKm", "Needs a centre: give lat and lon, or near.");
            }
            else
            {
                geo = new GeoRadius(point.Value, km);
            }
        }

        if (bbox is not null)
        {
            errors.When(geo is not null, "bbox", "Give either a bounding box or a radius, not both.");
            geo ??= bbox;
        }

        errors.When(sort == SearchSort.Distance && point is null, "sort", "Sorting by distance needs lat and lon, or near.");

        var filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (profile is not null)
        {
            foreach (var filter in profile.Filters)
            {
                if (reader.List(filter) is { Count: > 0 } values)
                {
                    filters[filter.Name] = values;
                }
            }
        }

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        return (new SearchQuery
        {
            Kind = kind?.Kind,
            Text = text,
            Geo = geo,
            ReferencePoint = point,
            MinPrice = minPrice,
            MaxPrice = maxPrice,
            MinArea = minArea,
            MaxArea = maxArea,
            Filters = filters,
            DepartureFrom = departFrom,
            DepartureTo = departTo,
            Sort = sort,
            Size = (int)size,
            Cursor = cursor,
            Facets = profile?.Facets ?? [],
            PriceBands = profile?.PriceBands,
            Now = now,
        }, errors);
    }

    /// <summary>Reads typed values from the query string, adding an error naming the parameter for each bad one.</summary>
    private sealed class Reader(IQueryCollection parameters, FieldErrors errors)
    {
        public string? Text(string name, int maxLength)
        {
            var value = parameters[name].ToString();
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            return errors.When(value.Length > maxLength, name, $"At most {maxLength} characters.") ? null : value.Trim();
        }

        public double? Double(string name, double min, double max)
        {
            if (Text(name, 40) is not { } raw)
            {
                return null;
            }

            if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                errors.Add(name, "Must be a number, with a dot for decimals.");
                return null;
            }

            return errors.When(value < min || value > max, name, $"Must be between {Show(min)} and {Show(max)}.") ? null : value;
        }

        public long? Long(string name, long min, long max)
        {
            if (Text(name, 40) is not { } raw)
            {
                return null;
            }

            if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                errors.Add(name, "Must be a whole number.");
                return null;
            }

            return errors.When(value < min || value > max, name, $"Must be between {min} and {max}.") ? null : value;
        }

        public TimeOnly? Time(string name)
        {
            if (Text(name, 10) is not { } raw)
            {
                return null;
            }

            if (TimeOnly.TryParseExact(raw, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                return time;
            }

            errors.Add(name, "Must be a time of day as HH:mm.");
            return null;
        }

        /// <summary>minLon,minLat,maxLon,maxLat, the GeoJSON order.</summary>
        public GeoBoundingBox? BoundingBox(string name)
        {
            if (Text(name, 200) is not { } raw)
            {
                return null;
            }

            var parts = raw.Split(',');
            var numbers = new double[4];
            var ok = parts.Length == 4 && parts.Select((p, i) =>
                double.TryParse(p.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) && double.IsFinite(numbers[i])).All(x => x);
            if (!ok)
            {
                errors.Add(name, "Must be four numbers: minLon,minLat,maxLon,maxLat.");
                return null;
            }

            var (minLon, minLat, maxLon, maxLat) = (numbers[0], numbers[1], numbers[2], numbers[3]);
            if (minLat is < -90 or > 90 || maxLat is < -90 or > 90 || minLon is < -180 or > 180 || maxLon is < -180 or > 180)
            {
                errors.Add(name, "Latitudes must be within ±90 and longitudes within ±180.");
                return null;
            }

            if (minLat > maxLat || minLon > maxLon)
            {
                errors.Add(name, "The minimum corner must come before the maximum: minLon,minLat,maxLon,maxLat.");
                return null;
            }

            return new GeoBoundingBox(minLat, minLon, maxLat, maxLon);
        }

        /// <summary>Values of a filter, repeated or comma-separated. Free names are folded like the index folds them; codes are kept.</summary>
        public List<string> List(KeywordFilter filter)
        {
            var (name, accepted) = (filter.Name, filter.Values);
            var values = parameters[name]
                .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToList();
            var result = new List<string>();
            foreach (var value in values)
            {
                if (accepted is null)
                {
                    result.Add(filter.FoldsValues ? VietnameseText.FoldKey(value) : value);
                }
                else if (accepted.Contains(value))
                {
                    result.Add(value);
                }
                else
                {
                    errors.Add(name, $"Unknown value '{value}'. Use one of: {string.Join(", ", accepted.Order(StringComparer.Ordinal))}.");
                }
            }

            return result;
        }

        private static string Show(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
    }
}
