using DongNai.Domain.Listings;
using Lucene.Net.Index;

namespace DongNai.Search.Lucene.Indexing;

/// <summary>A write to apply to an index generation: an upsert or a deletion, ordered by version.</summary>
internal abstract record WriteOperation(ListingKind Kind, long Id, int Version);

internal sealed record UpsertOperation(SearchDocument Document)
    : WriteOperation(Document.Kind, Document.Id, Document.Version);

internal sealed record DeleteOperation(ListingKind Kind, long Id, int Version)
    : WriteOperation(Kind, Id, Version);

/// <summary>
/// Applies writes to a generation with the version rules of the port: an upsert applies when its
/// version is at least the indexed listing's and above a tombstone's; a deletion applies when its
/// version is at least the indexed listing's, and leaves a tombstone with that version.
/// Callers serialise calls per generation (the engine's write lock).
/// </summary>
internal static class ListingWriter
{
    public static void Apply(IndexGeneration generation, IEnumerable<WriteOperation> operations)
    {
        // An up-to-date reader sees every earlier batch; writes of this batch are tracked by the lookup.
        generation.Searchers.MaybeRefreshBlocking();
        var searcher = generation.Searchers.Acquire();
        try
        {
            var lookup = new VersionLookup(searcher.IndexReader);
            foreach (var operation in operations)
            {
                var key = DocumentMapper.KeyOf(operation.Kind, operation.Id);
                if (!Supersedes(operation, lookup.Find(key)))
                {
                    continue;
                }

                var document = operation is UpsertOperation upsert
                    ? DocumentMapper.ToListing(upsert.Document)
                    : DocumentMapper.ToTombstone(operation.Kind, operation.Id, operation.Version);
                generation.Writer.UpdateDocument(new Term(FieldNames.Key, key), document);
                lookup.Written(key, new IndexedVersion(operation.Version, operation is DeleteOperation));
            }
        }
        finally
        {
            generation.Searchers.Release(searcher);
        }
    }

    /// <summary>Adds listings to a fresh generation being rebuilt; the last write of a key wins.</summary>
    public static void Load(IndexGeneration generation, IEnumerable<SearchDocument> documents)
    {
        foreach (var document in documents)
        {
            var key = DocumentMapper.KeyOf(document.Kind, document.Id);
            generation.Writer.UpdateDocument(new Term(FieldNames.Key, key), DocumentMapper.ToListing(document));
        }
    }

    private static bool Supersedes(WriteOperation operation, IndexedVersion? indexed) => indexed switch
    {
        null => true,
        { Deleted: true } => operation.Version > indexed.Value.Version,
        _ => operation.Version >= indexed.Value.Version,
    };
}
