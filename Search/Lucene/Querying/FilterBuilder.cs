using DongNai.Domain.Listings;
using DongNai.Domain.Places;
using DongNai.Search.Lucene.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DongNai.Search.Lucene.Querying;

/// <summary>
/// The filters of a query as non-scoring clauses (constant score, boost 0) of one Boolean query, so
/// Lucene intersects them with the text match by leapfrogging postings. A radius becomes its
/// enclosing box here; the exact circle is checked on doc values by <see cref="ListingCollector"/>.
/// Stateless; thread-safe.
/// </summary>
internal static class FilterBuilder
{
    private const int LastMinuteOfDay = (24 * 60) - 1;

    /// <summary>The clauses every search and related-items query shares: kind (or any live listing), not expired, not sold out.</summary>
    public static void AddVisibility(BooleanQuery query, ListingKind? kind, DateTime now)
    {
        query.Add(Filter(kind is { } k ? new TermQuery(new Term(FieldNames.Kind, k.Slug())) : new TermQuery(new Term(FieldNames.Live, "1"))), Occur.MUST);
        query.Add(Filter(NumericRangeQuery.NewInt64Range(FieldNames.Expires, UnixTime.Milliseconds(now), null, false, true)), Occur.MUST);
        query.Add(new TermQuery(new Term(FieldNames.SoldOut, "1")), Occur.MUST_NOT);
    }

    public static void AddFilters(BooleanQuery query, SearchQuery search)
    {
        switch (search.Geo)
        {
            case GeoRadius radius:
                var around = GeoBox.Around(radius.Centre, radius.Km);
                AddBox(query, around.MinLatitude, around.MinLongitude, around.MaxLatitude, around.MaxLongitude);
                break;
            case GeoBoundingBox box:
                AddBox(query, box.MinLatitude, box.MinLongitude, box.MaxLatitude, box.MaxLongitude);
                break;
        }

        // A listing's price range [min, max] overlaps the wanted [from, to] when min <= to and max >= from.
        if (search.MinPrice is { } minPrice)
        {
            query.Add(Filter(NumericRangeQuery.NewInt64Range(FieldNames.PriceMax, minPrice, null, true, true)), Occur.MUST);
        }

        if (search.MaxPrice is { } maxPrice)
        {
            query.Add(Filter(NumericRangeQuery.NewInt64Range(FieldNames.PriceMin, null, maxPrice, true, true)), Occur.MUST);
        }

        if (search.MinArea.HasValue || search.MaxArea.HasValue)
        {
            query.Add(Filter(NumericRangeQuery.NewDoubleRange(FieldNames.Area, search.MinArea, search.MaxArea, true, true)), Occur.MUST);
        }

        foreach (var (field, values) in search.Filters)
        {
            var anyOf = new BooleanQuery(disableCoord: true);
            foreach (var value in values)
            {
                anyOf.Add(new TermQuery(new Term(FieldNames.Keyword(field), value)), Occur.SHOULD);
            }

            query.Add(Filter(anyOf), Occur.MUST);
        }

        if (search.DepartureFrom.HasValue || search.DepartureTo.HasValue)
        {
            query.Add(Filter(DepartureWindow(search.DepartureFrom, search.DepartureTo)), Occur.MUST);
        }
    }

    private static Query DepartureWindow(TimeOnly? from, TimeOnly? to)
    {
        var start = from is { } f ? (f.Hour * 60) + f.Minute : 0;
        var end = to is { } t ? (t.Hour * 60) + t.Minute : LastMinuteOfDay;
        if (start <= end)
        {
            return NumericRangeQuery.NewInt32Range(FieldNames.Departure, start, end, true, true);
        }

        return new BooleanQuery(disableCoord: true)
        {
            { NumericRangeQuery.NewInt32Range(FieldNames.Departure, start, LastMinuteOfDay, true, true), Occur.SHOULD },
            { NumericRangeQuery.NewInt32Range(FieldNames.Departure, 0, end, true, true), Occur.SHOULD },
        };
    }

    private static void AddBox(BooleanQuery query, double minLatitude, double minLongitude, double maxLatitude, double maxLongitude)
    {
        query.Add(Filter(NumericRangeQuery.NewDoubleRange(FieldNames.Latitude, minLatitude, maxLatitude, true, true)), Occur.MUST);
        query.Add(Filter(NumericRangeQuery.NewDoubleRange(FieldNames.Longitude, minLongitude, maxLongitude, true, true)), Occur.MUST);
    }

    private static ConstantScoreQuery Filter(Query query) => new(query) { Boost = 0 };
}

/// <summary>A latitude/longitude box; <see cref="Around"/> gives the smallest one that holds a circle.</summary>
internal readonly record struct GeoBox(double MinLatitude, double MinLongitude, double MaxLatitude, double MaxLongitude)
{
    /// <summary>Slack against rounding, about 1 cm: the box must never cut off a point the exact check would accept.</summary>
    private const double SlackDegrees = 1e-7;

    public static GeoBox Around(GeoPoint centre, double km)
    {
        var angular = km / GeoMath.EarthRadiusKm;
        var deltaLatitude = (angular * 180 / Math.PI) + SlackDegrees;
        var minLatitude = centre.Latitude - deltaLatitude;
        var maxLatitude = centre.Latitude + deltaLatitude;
        if (minLatitude <= -90 || maxLatitude >= 90)
        {
            return new GeoBox(Math.Max(-90, minLatitude), -180, Math.Min(90, maxLatitude), 180);
        }

        // The widest longitude of a spherical cap: asin(sin r / cos latitude).
        var ratio = Math.Sin(angular) / Math.Cos(GeoMath.ToRadians(centre.Latitude));
        if (ratio >= 1)
        {
            return new GeoBox(minLatitude, -180, maxLatitude, 180);
        }

        var deltaLongitude = (Math.Asin(ratio) * 180 / Math.PI) + SlackDegrees;
        return new GeoBox(minLatitude, centre.Longitude - deltaLongitude, maxLatitude, centre.Longitude + deltaLongitude);
    }
}
