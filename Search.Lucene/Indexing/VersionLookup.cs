using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace DongNai.Search.Lucene.Indexing;

/// <summary>What the index holds for one listing key: the version, and whether it is a deletion tombstone.</summary>
internal readonly record struct IndexedVersion(int Version, bool Deleted);

/// <summary>
/// Finds the indexed version of listing keys through an up-to-date reader, keeping one terms
/// enumerator and doc values per segment for the whole batch. Not thread-safe; one per write batch.
/// </summary>
internal sealed class VersionLookup
{
    private readonly Dictionary<string, IndexedVersion> _written = new(StringComparer.Ordinal);
    private readonly Segment[] _segments;
    private DocsEnum? _docsEnum;

    public VersionLookup(IndexReader reader)
    {
        _segments = reader.Leaves
            .Select(leaf => new Segment(
                leaf.AtomicReader.LiveDocs,
                leaf.AtomicReader.GetTerms(FieldNames.Key)?.GetEnumerator(),
                leaf.AtomicReader.GetNumericDocValues(FieldNames.VersionValue),
                leaf.AtomicReader.GetNumericDocValues(FieldNames.TombstoneValue)))
            .Where(segment => segment.Keys is not null)
            .ToArray();
    }

    /// <summary>The latest version of the key: written in this batch, else indexed, else none.</summary>
    public IndexedVersion? Find(string key)
    {
        if (_written.TryGetValue(key, out var written))
        {
            return written;
        }

        var bytes = new BytesRef(key);
        foreach (var segment in _segments)
        {
            if (!segment.Keys!.SeekExact(bytes))
            {
                continue;
            }

            _docsEnum = segment.Keys.Docs(segment.LiveDocs, _docsEnum, DocsFlags.NONE);
            var doc = _docsEnum.NextDoc();
            if (doc == DocIdSetIterator.NO_MORE_DOCS)
            {
                continue;
            }

            var version = (int)(segment.Versions?.Get(doc) ?? 0);
            var deleted = segment.Tombstones?.Get(doc) == 1;
            return new IndexedVersion(version, deleted);
        }

        return null;
    }

    /// <summary>Records a write of this batch, which the reader cannot see yet.</summary>
    public void Written(string key, IndexedVersion version) => _written[key] = version;

    private sealed record Segment(IBits? LiveDocs, TermsEnum? Keys, NumericDocValues? Versions, NumericDocValues? Tombstones);
}
