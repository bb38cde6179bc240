using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace DongNai.Search.Lucene.Indexing;

/// <summary>What the index holds for one listing key: the version, and whether it is a deletion tombstone.</summary>
internal readonly record struct IndexedVersion(int Version, bool Deleted);

/// <summary>Finds the indexed version of listing keys through an up-to-date reader. Not thread-safe; one per write batch.</summary>
internal sealed class VersionLookup(IndexReader reader)
{
    private readonly Dictionary<string, IndexedVersion> _written = new(StringComparer.Ordinal);
    private TermsEnum? _termsEnum;
    private DocsEnum? _docsEnum;

    /// <summary>The latest version of the key: written in this batch, else indexed, else none.</summary>
    public IndexedVersion? Find(string key)
    {
        if (_written.TryGetValue(key, out var written))
        {
            return written;
        }

        var bytes = new BytesRef(key);
        foreach (var leaf in reader.Leaves)
        {
            var atomic = leaf.AtomicReader;
            var terms = atomic.GetTerms(FieldNames.Key);
            if (terms is null)
            {
                continue;
            }

            _termsEnum = terms.GetEnumerator(_termsEnum);
            if (!_termsEnum.SeekExact(bytes))
            {
                continue;
            }

            _docsEnum = _termsEnum.Docs(atomic.LiveDocs, _docsEnum, DocsFlags.NONE);
            var doc = _docsEnum.NextDoc();
            if (doc == DocIdSetIterator.NO_MORE_DOCS)
            {
                continue;
            }

            var version = (int)atomic.GetNumericDocValues(FieldNames.VersionValue).Get(doc);
            var deleted = atomic.GetNumericDocValues(FieldNames.TombstoneValue).Get(doc) == 1;
            return new IndexedVersion(version, deleted);
        }

        return null;
    }

    /// <summary>Records a write of this batch, which the reader cannot see yet.</summary>
    public void Written(string key, IndexedVersion version) => _written[key] = version;
}
