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
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, SegmentOrdinals?>> OrdinalSegments = [];

    /// <summary>The field's values in this segment, as <see cref="AtomicReader.GetNumericDocValues"/> would give them; null when the segment has none.</summary>
    public static NumericDocValues? Numeric(AtomicReader reader, string field)
    {
        var fields = Segments.GetValue(reader.CoreCacheKey, static _ => new ConcurrentDictionary<string, NumericDocValues?>(StringComparer.Ordinal));
        return fields.TryGetValue(field, out var values) ? values : fields.GetOrAdd(field, static (name, segment) => Load(segment, name), reader);
    }

    /// <summary>The ordinals of a sorted-set field in this segment, per listing; null when the segment has none.</summary>
    public static SegmentOrdinals? Ordinals(AtomicReader reader, string field)
    {
        var fields = OrdinalSegments.GetValue(reader.CoreCacheKey, static _ => new ConcurrentDictionary<string, SegmentOrdinals?>(StringComparer.Ordinal));
        return fields.TryGetValue(field, out var ordinals) ? ordinals : fields.GetOrAdd(field, static (name, segment) => SegmentOrdinals.Load(segment, name), reader);
    }

    /// <summary>Loads the collector's fields, and the facet fields, of every segment of <paramref name="reader"/> not loaded yet.</summary>
    public static void Warm(IndexReader reader)
    {
        foreach (var leaf in reader.Leaves)
        {
            var segment = leaf.AtomicReader;
            foreach (var field in CollectorFields)
            {
                Numeric(segment, field);
            }

            foreach (var field in segment.FieldInfos)
            {
                if (field.DocValuesType == DocValuesType.SORTED_SET && field.Name.StartsWith(FieldNames.KeywordValues(""), StringComparison.Ordinal))
                {
                    Ordinals(segment, field.Name);
                }
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

/// <summary>
/// The ordinals of one sorted-set field of one segment, listing by listing, in two arrays
/// (where each listing's run starts, and the runs). Immutable; thread-safe. Ordinals are those of
/// the segment's <see cref="SortedSetDocValues"/>, which resolve them to values.
/// </summary>
internal sealed class SegmentOrdinals
{
    private readonly int[] _starts;
    private readonly int[] _ordinals;

    private SegmentOrdinals(int[] starts, int[] ordinals, long valueCount)
    {
        _starts = starts;
        _ordinals = ordinals;
        ValueCount = valueCount;
    }

    /// <summary>Distinct values of the field in the segment.</summary>
    public long ValueCount { get; }

    /// <summary>The listing's ordinals, ascending.</summary>
    public ReadOnlySpan<int> Of(int doc) => _ordinals.AsSpan(_starts[doc], _starts[doc + 1] - _starts[doc]);

    internal static SegmentOrdinals? Load(AtomicReader reader, string field)
    {
        var values = reader.GetSortedSetDocValues(field);
        if (values is null)
        {
            return null;
        }

        var starts = new int[reader.MaxDoc + 1];
        var ordinals = new int[Math.Max(16, reader.MaxDoc)];
        var count = 0;
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            values.SetDocument(doc);
            long ord;
            while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                if (count == ordinals.Length)
                {
                    Array.Resize(ref ordinals, ordinals.Length * 2);
                }

                ordinals[count++] = (int)ord;
            }

            starts[doc + 1] = count;
        }

        Array.Resize(ref ordinals, count);
        return new SegmentOrdinals(starts, ordinals, values.ValueCount);
    }
}
