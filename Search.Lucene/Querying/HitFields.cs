using DongNai.Domain.Listings;
using DongNai.Search.Lucene.Indexing;
using DongNai.Search.Scoring;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace DongNai.Search.Lucene.Querying;

/// <summary>Reads what a page shows of one hit, by its index-wide doc id. Stateless; thread-safe.</summary>
internal static class HitFields
{
    private static readonly HashSet<string> DescriptionOnly = [FieldNames.DescriptionStored];

    public static string Title(IndexReader reader, int doc)
    {
        var (leaf, local) = Leaf(reader, doc);
        var values = leaf.GetBinaryDocValues(FieldNames.TitleValue);
        if (values is null)
        {
            return "";
        }

        var bytes = new BytesRef();
        values.Get(local, bytes);
        return bytes.Utf8ToString();
    }

    /// <summary>The description, from stored fields (a block decompression per hit, so only when highlighting needs it).</summary>
    public static string Description(IndexSearcher searcher, int doc) =>
        searcher.Doc(doc, DescriptionOnly).Get(FieldNames.DescriptionStored) ?? "";

    public static long? Long(IndexReader reader, int doc, string field)
    {
        var (leaf, local) = Leaf(reader, doc);
        return leaf.GetNumericDocValues(field)?.Get(local) is { } value && value != FieldNames.MissingLong ? value : null;
    }

    /// <summary>The listing's last update (UTC) and its age in days at <paramref name="scoringNowMs"/>, as relevance scored it.</summary>
    public static (DateTime UpdatedAt, double AgeDays) Freshness(IndexReader reader, int doc, long scoringNowMs)
    {
        var (leaf, local) = Leaf(reader, doc);
        var updatedMs = CachedDocValues.Numeric(leaf, FieldNames.UpdatedValue)?.Get(local) ?? 0;
        return (DateTime.UnixEpoch.AddMilliseconds(updatedMs), RelevanceBlend.AgeDays(scoringNowMs, updatedMs));
    }

    /// <summary>The listing's point, or null when it was indexed without one (NaN doc values).</summary>
    public static GeoPoint? Location(IndexReader reader, int doc)
    {
        var (leaf, local) = Leaf(reader, doc);
        var latitudeValues = CachedDocValues.Numeric(leaf, FieldNames.LatitudeValue);
        var longitudeValues = CachedDocValues.Numeric(leaf, FieldNames.LongitudeValue);
        if (latitudeValues is null || longitudeValues is null)
        {
            return null;
        }

        var latitude = BitConverter.Int64BitsToDouble(latitudeValues.Get(local));
        var longitude = BitConverter.Int64BitsToDouble(longitudeValues.Get(local));
        return double.IsNaN(latitude) || double.IsNaN(longitude) ? null : new GeoPoint(latitude, longitude);
    }

    /// <summary>The listing's interaction counts; a counter the listing was indexed without is 0.</summary>
    public static ListingPopularity Popularity(IndexReader reader, int doc)
    {
        var (leaf, local) = Leaf(reader, doc);
        int Count(string field) => (int)(leaf.GetNumericDocValues(field)?.Get(local) ?? 0);
        return new ListingPopularity
        {
            Impressions = Count(FieldNames.ImpressionsValue),
            Views = Count(FieldNames.ViewsValue),
            Clicks = Count(FieldNames.ClicksValue),
            Saves = Count(FieldNames.SavesValue),
            Applies = Count(FieldNames.AppliesValue),
            Claims = Count(FieldNames.ClaimsValue),
            Contacts = Count(FieldNames.ContactsValue),
        };
    }

    /// <summary>
    /// The listing's values of each keyword field, from the facets' sorted-set doc values: each value
    /// once, in byte order; an empty list for a field the listing has no value of.
    /// </summary>
    public static Dictionary<string, IReadOnlyList<string>> Keywords(IndexReader reader, int doc, IReadOnlyList<string> fields)
    {
        var (leaf, local) = Leaf(reader, doc);
        var result = new Dictionary<string, IReadOnlyList<string>>(fields.Count, StringComparer.Ordinal);
        foreach (var field in fields)
        {
            var values = new List<string>();
            if (leaf.GetSortedSetDocValues(FieldNames.KeywordValues(field)) is { } docValues)
            {
                docValues.SetDocument(local);
                var term = new BytesRef();
                long ord;
                while ((ord = docValues.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
                {
                    docValues.LookupOrd(ord, term);
                    values.Add(term.Utf8ToString());
                }
            }

            result[field] = values;
        }

        return result;
    }

    private static (AtomicReader Reader, int Doc) Leaf(IndexReader reader, int doc)
    {
        var leaves = reader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        return (leaf.AtomicReader, doc - leaf.DocBase);
    }
}
