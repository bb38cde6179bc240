using DongNai.Domain.Listings;
using DongNai.Search.Lucene.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using Lucene.Net.Util;
using NetTopologySuite.Geometries.Prepared;
using LuceneFilter = Lucene.Net.Search.Filter;

namespace DongNai.Search.Lucene.Querying;

/// <summary>
/// The term-based filters of a query as non-scoring clauses (constant score, boost 0) of one
/// Boolean query, which the search intersects with the text match by leapfrogging postings: kind,
/// sold-out, keyword values, listing keys, departure window, and the geo cells that cover the wanted area.
/// Keyword values and cells use terms filters, which build one bit set per segment.
/// Numeric ranges (price, area, expiry) and the exact geo shape are checked on doc values by
/// <see cref="ListingCollector"/>. Stateless; thread-safe.
/// </summary>
internal static class FilterBuilder
{
    private const int LastMinuteOfDay = (24 * 60) - 1;

    /// <summary>The kind (or any live listing, never a tombstone) and not sold out.</summary>
    public static void AddVisibility(BooleanQuery query, ListingKind? kind)
    {
        query.Add(Filter(KindOrLive(kind)), Occur.MUST);
        query.Add(new TermQuery(new Term(FieldNames.SoldOut, "1")), Occur.MUST_NOT);
    }

    /// <summary>
    /// Visibility and every term filter of the search. Geo cells are per kind, so when they apply
    /// they also stand for the kind clause (one lookup less, and only the kind's postings read).
    /// </summary>
    public static void AddFilters(BooleanQuery query, SearchQuery search)
    {
        var kind = (int?)search.Kind;
        if (AreaOf(search.Geo) is { } area && Covering(search.Geo!, area, kind) is { } cells)
        {
            query.Add(Filter(AnyOf(FieldNames.GeoCell, cells)), Occur.MUST);
        }
        else
        {
            query.Add(Filter(KindOrLive(search.Kind)), Occur.MUST);
        }

        query.Add(new TermQuery(new Term(FieldNames.SoldOut, "1")), Occur.MUST_NOT);
        foreach (var (field, values) in search.Filters)
        {
            query.Add(Filter(AnyOf(FieldNames.Keyword(field), values)), Occur.MUST);
        }

        if (search.Listings is { } listings)
        {
            // No listing to keep matches nothing: an empty Boolean query.
            query.Add(
                listings.Count == 0 ? new BooleanQuery() : Filter(AnyOf(FieldNames.Key, listings.Select(l => DocumentMapper.KeyOf(l.Kind, l.Id)))),
                Occur.MUST);
        }

        if (search.DepartureFrom.HasValue || search.DepartureTo.HasValue)
        {
            query.Add(Filter(DepartureWindow(search.DepartureFrom, search.DepartureTo)), Occur.MUST);
        }
    }

    /// <summary>The box a geo filter needs listings to be in (for a radius, the box around its circle; for a polygon, its envelope).</summary>
    public static GeoBox? AreaOf(GeoFilter? geo) => geo switch
    {
        GeoRadius radius => GeoBox.Around(radius.Centre, radius.Km),
        GeoBoundingBox box => GeoBox.Of(box),
        GeoPolygon polygon => GeoBox.Of(polygon),
        _ => null,
    };

    /// <summary>The cells of the area; for a polygon only those its prepared geometry intersects (edges included).</summary>
    private static IReadOnlyList<string>? Covering(GeoFilter geo, GeoBox area, int? kind) => geo switch
    {
        GeoRadius radius => GeoCells.Covering(area, radius, kind),
        GeoPolygon polygon => GeoCells.Covering(area, PreparedGeometryFactory.Prepare(polygon.ToGeometry()), kind),
        _ => GeoCells.Covering(area, (GeoRadius?)null, kind),
    };

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

    private static TermQuery KindOrLive(ListingKind? kind) =>
        kind is { } k ? new TermQuery(new Term(FieldNames.Kind, k.Slug())) : new TermQuery(new Term(FieldNames.Live, "1"));

    /// <summary>A terms filter: one bit set per segment from the postings, cheaper than a Boolean disjunction of term queries.</summary>
    private static TermsFilter AnyOf(string field, IEnumerable<string> values) =>
        new(values.Distinct(StringComparer.Ordinal).Select(value => new Term(field, value)).ToList());

    private static ConstantScoreQuery Filter(Query query) => new(query) { Boost = 0 };

    private static ConstantScoreQuery Filter(LuceneFilter filter) => new(filter) { Boost = 0 };
}

/// <summary>Keeps listings that have not expired at a given instant, read from doc values (for queries not run through <see cref="ListingCollector"/>).</summary>
internal sealed class NotExpiredFilter(long nowMs) : Filter
{
    public override DocIdSet? GetDocIdSet(AtomicReaderContext context, IBits? acceptDocs)
    {
        var expires = context.AtomicReader.GetNumericDocValues(FieldNames.ExpiresValue);
        if (expires is null)
        {
            return null;
        }

        return new FieldCacheDocIdSet(context.AtomicReader.MaxDoc, acceptDocs, doc => expires.Get(doc) > nowMs);
    }
}
