namespace DongNai.Search;

/// <summary>
/// The checks every engine makes of a <see cref="SearchQuery"/> before running it, so all engines
/// refuse the same queries with the same messages. Pure; thread-safe.
/// </summary>
public static class SearchQueryValidation
{
    /// <summary>Throws <see cref="ArgumentException"/> (or <see cref="ArgumentOutOfRangeException"/>) for a value out of range.</summary>
    public static void Validate(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Size, 1, nameof(query.Size));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Size, query.SizeLimit, nameof(query.Size));
        if (query.Sort == SearchSort.Distance && query.EffectiveReferencePoint is null)
        {
            throw new ArgumentException("Sorting by distance needs a reference point or a radius.", nameof(query));
        }

        switch (query.Geo)
        {
            case GeoRadius radius when !(radius.Km > 0) || !IsValid(radius.Centre):
                throw new ArgumentException("A radius needs a valid centre and a positive distance.", nameof(query));
            case GeoBoundingBox box when !IsValid(new GeoPoint(box.MinLatitude, box.MinLongitude))
                || !IsValid(new GeoPoint(box.MaxLatitude, box.MaxLongitude))
                || box.MinLatitude > box.MaxLatitude || box.MinLongitude > box.MaxLongitude:
                throw new ArgumentException("A bounding box needs valid corners, minimum before maximum.", nameof(query));
            case GeoPolygon polygon when polygon.Problem() is { } problem:
                throw new ArgumentException(problem, nameof(query));
        }

        if (query.ReferencePoint is { } reference && !IsValid(reference))
        {
            throw new ArgumentException("The reference point is not a valid location.", nameof(query));
        }

        if (query.MinPrice > query.MaxPrice || query.MinArea > query.MaxArea)
        {
            throw new ArgumentException("A range's minimum is above its maximum.", nameof(query));
        }

        if (query.Filters.Keys.Concat(query.Facets).Concat(query.HitKeywords).FirstOrDefault(field => !IsValidKeywordField(field)) is { } badField)
        {
            throw new ArgumentException($"'{badField}' is not a keyword field name.", nameof(query));
        }

        if (query.Listings is { } listings && (listings.Count > SearchQuery.MaxSize || listings.Any(listing => !Enum.IsDefined(listing.Kind))))
        {
            throw new ArgumentException($"Restrict to at most {SearchQuery.MaxSize} listings of known kinds.", nameof(query));
        }

        if (query.KindWeights is { } weights && weights.Any(pair => !Enum.IsDefined(pair.Key) || !double.IsFinite(pair.Value) || !(pair.Value > 0)))
        {
            throw new ArgumentException("Kind weights must be finite and positive, for known kinds.", nameof(query));
        }

        if (query.MaxMissingWords is < 0)
        {
            throw new ArgumentException("The number of words that may be missing cannot be negative.", nameof(query));
        }

        if (query.PriceBands is { } bands && (bands.Count == 0 || bands.Zip(bands.Skip(1)).Any(pair => pair.First >= pair.Second)))
        {
            throw new ArgumentException("Price bands must be a non-empty ascending list of edges.", nameof(query));
        }
    }

    private static bool IsValid(GeoPoint point) =>
        point.Latitude is >= -90 and <= 90 && point.Longitude is >= -180 and <= 180;

    /// <summary>A keyword field name both engines can store: 1 to 64 ASCII letters or digits.</summary>
    public static bool IsValidKeywordField(string field) =>
        field.Length is > 0 and <= 64 && field.All(char.IsAsciiLetterOrDigit);
}
