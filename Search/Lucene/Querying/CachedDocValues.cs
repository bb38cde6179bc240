using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using DongNai.Search.Lucene.Indexing;
using Lucene.Net.Index;

namespace DongNai.Search.Lucene.Querying;

/// <summary>
/// Numeric doc values of a segment copied into an array on first use, so the per-hit reads of
/// <see cref="ListingCollector"/> are array loads instead of reads through Lucene.NET's
/// memory-mapped inputs (which take and release a SafeHandle per byte, and made up some 40% of
/// the CPU time of a search). Entries are keyed by the segment core, whose doc values never
/// change (the index uses no doc-value updates), and go with it. Costs 8 bytes per listing per
/// field; <see cref="Warm"/> loads the collector's fields when a searcher opens, off the query
/// path. Thread-safe.
/// </summary>
internal static class CachedDocValues
{
    /// <summary>The fields <see cref="ListingCollector"/> reads for every candidate.</summary>
    private static readonly string[] CollectorFields =
    [
        FieldNames.LatitudeValue, FieldNames.LongitudeValue, FieldNames.KindValue, FieldNames.IdValue,
        FieldNames.PriceMinValue, FieldNames.PriceMaxValue, FieldNames.UpdatedValue, FieldNames.ExpiresValue,
        FieldNames.AreaValue,
    ];

    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, NumericDocValues?>> Segments = [];

    /// <summary>The field's values in this segment, as <see cref="AtomicReader.GetNumericDocValues"/> would give them; null when the segment has none.</summary>
    public static NumericDocValues? Numeric(AtomicReader reader, string field)
    {
        var fields = Segments.GetValue(reader.CoreCacheKey, static _ => new ConcurrentDictionary<string, NumericDocValues?>(StringComparer.Ordinal));
        return fields.TryGetValue(field, out var values) ? values : fields.GetOrAdd(field, static (name, segment) => Load(segment, name), reader);
    }

    /// <summary>Loads the collector's fields of every segment of <paramref name="reader"/> not loaded yet.</summary>
    public static void Warm(IndexReader reader)
    {
        foreach (var leaf in reader.Leaves)
        {
            foreach (var field in CollectorFields)
            {
                Numeric(leaf.AtomicReader, field);
            }
        }
    }

    private static ArrayValues? Load(AtomicReader reader, string field)
    {
        var source = reader.GetNumericDocValues(field);
        if (source is null)
        {
            return null;
        }

        var values = new long[reader.MaxDoc];
        for (var doc = 0; doc < values.Length; doc++)
        {
            values[doc] = source.Get(doc);
        }

        return new ArrayValues(values);
    }

    private sealed class ArrayValues(long[] values) : NumericDocValues
    {
        public override long Get(int docID) => values[docID];
    }
}
