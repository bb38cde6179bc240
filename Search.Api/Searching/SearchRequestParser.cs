using System.Globalization;
using DongNai.Domain.Listings;
using DongNai.Domain.Places;
using DongNai.Domain.Text;
using DongNai.Domain.Validation;
using DongNai.Search.Api.Parameters;
using DongNai.Search.Understanding;

namespace DongNai.Search.Api.Searching;

/// <summary>
/// Reads a search request's query string into a <see cref="SearchQuery"/>, by the definitions in
/// <see cref="SearchParameters"/> that the OpenAPI document is written from, refusing what it does
/// not understand: unknown parameters, repeated single-valued parameters, values out of range or
/// of the wrong form, and combinations that mean nothing. Every refusal names its parameter. Pure;
/// thread-safe.
/// </summary>
public sealed class SearchRequestParser(PlaceCatalog places, QueryInterpreter interpreter)
{
    /// <summary>
    /// How much a kind the words point at is favoured in a search across kinds: its scores are
    /// multiplied by 1 + this × the intent's weight (so "phòng trọ" doubles rentals' scores); the
    /// other kinds keep theirs and still show where they match strongly.
    /// </summary>
    public const double IntentBoost = 1.0;

    /// <summary>
    /// Parses a request for one kind or, when <paramref name="kind"/> is null, across all kinds.
    /// Unless <c>understand=false</c>, the text goes through the <see cref="QueryInterpreter"/> and
    /// what it understood becomes filters, except where the request gave the same thing explicitly;
    /// <c>Understood</c> is what was applied (null when the interpreter was off or had no text).
    /// </summary>
    public (SearchQuery? Query, Interpretation? Understood, FieldErrors Errors) Parse(IQueryCollection parameters, ListingKindDescriptor? kind, DateTime now)
    {
        var definitions = SearchParameters.For(kind);
        var errors = new FieldErrors();
        var reader = new QueryReader(parameters, errors);
        if (!reader.RejectUnknown(definitions))
        {
            return (null, null, errors);
        }

        // A kind without money (news) has no price parameters; RejectUnknown has refused them already.
        long? Amount(string name) => definitions.FirstOrDefault(p => p.Name == name) is { } amount ? reader.WholeNumber(amount) : null;

        var text = reader.Text(SearchParameters.Text);
        var latitude = reader.Number(SearchParameters.Latitude);
        var longitude = reader.Number(SearchParameters.Longitude);
        errors.When(latitude.HasValue != longitude.HasValue, latitude.HasValue ? "lon" : "lat", "Give lat and lon together.");
        var radius = reader.Number(SearchParameters.RadiusKm);
        var near = reader.Text(SearchParameters.Near);
        var bbox = BoundingBox(reader.Text(SearchParameters.BoundingBox), errors);
        var polygon = Polygon(reader.Text(SearchParameters.Polygon), errors);
        var minPrice = Amount("minPrice");
        var maxPrice = Amount("maxPrice");
        errors.When(minPrice > maxPrice, "minPrice", "Must not exceed maxPrice.");
        var minArea = reader.Number(SearchParameters.MinArea);
        var maxArea = reader.Number(SearchParameters.MaxArea);
        errors.When(minArea > maxArea, "minArea", "Must not exceed maxArea.");
        var size = reader.WholeNumber(SearchParameters.Size) ?? 20;
        var cursor = reader.Text(SearchParameters.Cursor);
        var departFrom = reader.TimeOfDay(SearchParameters.DepartFrom);
        var departTo = reader.TimeOfDay(SearchParameters.DepartTo);
        var understand = reader.Boolean(SearchParameters.Understand) ?? true;
        _ = reader.Boolean(SearchParameters.Personalize); // checked here with the rest; read by the endpoint (it is not part of the query)
        var sort = reader.Choice(SearchParameters.Sort) is { } sortName ? SearchParameters.Sorts[sortName] : SearchSort.Relevance;

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
                radius ??= SearchParameters.DefaultNearRadiusKm;
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

        if (polygon is not null)
        {
            errors.When(geo is not null || near is not null, "polygon", "Give either a polygon or a radius, near or bbox, not both.");
            geo ??= polygon;
        }

        errors.When(sort == SearchSort.Distance && point is null, "sort", "Sorting by distance needs lat and lon, or near.");

        var filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var filter in kind?.Search.Filters ?? [])
        {
            var values = reader.List(definitions.First(p => p.Name == filter.Name));
            if (values.Count > 0)
            {
                // Free names are folded the way the index folds them; codes are kept.
                filters[filter.Name] = filter.FoldsValues ? values.Select(VietnameseText.FoldKey).ToList() : values;
            }
        }

        if (!errors.IsEmpty)
        {
            return (null, null, errors);
        }

        var query = new SearchQuery
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
            Facets = kind?.Search.Facets ?? [],
            PriceBands = kind?.Search.PriceBands is { Count: > 0 } bands ? bands : null,
            Now = now,
        };
        if (!understand || text is null)
        {
            return (query, null, errors);
        }

        var (understood, applied) = Understand(interpreter.Interpret(text, kind?.Kind), parameters, kind, query);
        return (applied, understood, errors);
    }

    /// <summary>
    /// Applies what the interpreter understood to <paramref name="query"/>, explicit parameters
    /// winning. In a search across kinds, needs, areas and departures belong to one kind, and as
    /// filters they would hide every other kind; there their words stay text to match instead.
    /// </summary>
    private static (Interpretation Understood, SearchQuery Query) Understand(
        Interpretation understood, IQueryCollection parameters, ListingKindDescriptor? kind, SearchQuery query)
    {
        bool Given(params string[] names) => names.Any(parameters.ContainsKey);

        var backToText = new List<string>();
        if (Given("minPrice", "maxPrice"))
        {
            understood = understood.Without(UnderstoodField.Money);
        }

        if (Given("lat", "lon", "near", "bbox", "radiusKm", "polygon"))
        {
            understood = understood.Without(UnderstoodField.Place);
        }

        if (Given("sort"))
        {
            understood = understood.Without(UnderstoodField.Cheap);
        }

        if (Given("minArea", "maxArea"))
        {
            understood = understood.Without(UnderstoodField.Area);
        }

        if (Given("departFrom", "departTo"))
        {
            understood = understood.Without(UnderstoodField.Departure);
        }

        foreach (var filter in kind?.Search.Filters ?? [])
        {
            if (Given(filter.Name))
            {
                understood = understood.Without(UnderstoodField.Need, filter.Name);
            }
        }

        if (kind is null)
        {
            foreach (var field in (UnderstoodField[])[UnderstoodField.Need, UnderstoodField.Area, UnderstoodField.Departure])
            {
                backToText.AddRange(understood.Parts.Where(p => p.Field == field).Select(p => p.Source).Distinct(StringComparer.Ordinal));
                understood = understood.Without(field);
            }
        }

        var filters = new Dictionary<string, IReadOnlyList<string>>(query.Filters, StringComparer.Ordinal);
        if (kind is not null)
        {
            foreach (var (name, values) in understood.FiltersFor(kind.Kind))
            {
                filters[name] = values;
            }
        }

        var text = string.Join(' ', backToText.Prepend(understood.RemainingText).Where(t => t.Length > 0));
        var place = understood.Place;
        return (understood, query with
        {
            Text = text.Length == 0 ? null : text,
            MinPrice = understood.Money?.MinVnd ?? query.MinPrice,
            MaxPrice = understood.Money?.MaxVnd ?? query.MaxPrice,
            Geo = place is null ? query.Geo : new GeoRadius(place.Point, place.RadiusKm),
            ReferencePoint = place?.Point ?? query.ReferencePoint,
            MinArea = understood.Area?.MinM2 ?? query.MinArea,
            MaxArea = understood.Area?.MaxM2 ?? query.MaxArea,
            DepartureFrom = understood.Departure?.From ?? query.DepartureFrom,
            DepartureTo = understood.Departure?.To ?? query.DepartureTo,
            Filters = filters,
            KindWeights = kind is null && understood.KindWeights.Count > 0
                ? understood.KindWeights.ToDictionary(pair => pair.Key, pair => 1 + (IntentBoost * pair.Value))
                : query.KindWeights,
            FavourLowPrices = understood.Cheap && query.Sort == SearchSort.Relevance,
        });
    }

    /// <summary>
    /// lon,lat;lon,lat;… (the GeoJSON order, as bbox), a closed ring: checked as the engines check
    /// it (<see cref="GeoPolygon.Problem"/>) and, besides, every vertex in or near the province.
    /// </summary>
    private static GeoPolygon? Polygon(string? raw, FieldErrors errors)
    {
        const string name = "polygon";
        if (raw is null)
        {
            return null;
        }

        var vertices = raw.Split(';', StringSplitOptions.TrimEntries).ToList();
        if (vertices.Count > 1 && vertices[^1].Length == 0)
        {
            vertices.RemoveAt(vertices.Count - 1);
        }

        if (vertices.Count > GeoPolygon.MaxVertices)
        {
            errors.Add(name, $"At most {GeoPolygon.MaxVertices} vertices.");
            return null;
        }

        var ring = new List<GeoPoint>(vertices.Count);
        foreach (var vertex in vertices)
        {
            var parts = vertex.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                || !double.IsFinite(lon) || !double.IsFinite(lat))
            {
                errors.Add(name, "Must be vertices lon,lat separated by semicolons: 106.80,10.90;106.95,10.90;106.90,11.00;106.80,10.90.");
                return null;
            }

            ring.Add(new GeoPoint(lat, lon));
        }

        var polygon = new GeoPolygon(ring);
        if (polygon.Problem() is { } problem)
        {
            errors.Add(name, problem);
            return null;
        }

        if (!ring.All(point => ProvinceBounds.Contains(point.Latitude, point.Longitude)))
        {
            errors.Add(name, "Every vertex must lie in or near the province of Đồng Nai.");
            return null;
        }

        return polygon;
    }

    /// <summary>minLon,minLat,maxLon,maxLat, the GeoJSON order.</summary>
    private static GeoBoundingBox? BoundingBox(string? raw, FieldErrors errors)
    {
        const string name = "bbox";
        if (raw is null)
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
}
