using DongNai.Search.Lucene.Indexing;
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

    private static (AtomicReader Reader, int Doc) Leaf(IndexReader reader, int doc)
    {
        var leaves = reader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        return (leaf.AtomicReader, doc - leaf.DocBase);
    }
}
