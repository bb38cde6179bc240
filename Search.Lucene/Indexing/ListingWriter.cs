using System.Collections.Concurrent;
using DongNai.Domain.Listings;
using Lucene.Net.Index;
using Lucene.Net.Search;

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
    private const int LoadChunk = 128;

    public static void Apply(IndexGeneration generation, IEnumerable<WriteOperation> operations)
    {
        // An up-to-date reader sees every earlier batch; writes of this batch are tracked by the lookup.
        generation.Searchers.MaybeRefreshBlocking();
        var searcher = generation.Searchers.Acquire();
        try
        {
            var lookup = new VersionLookup(searcher.IndexReader);
            var mapper = new DocumentMapper();
            foreach (var operation in operations)
            {
                var key = DocumentMapper.KeyOf(operation.Kind, operation.Id);
                if (!Supersedes(operation, lookup.Find(key)))
                {
                    continue;
                }

                var document = operation is UpsertOperation upsert
                    ? mapper.ToListing(upsert.Document)
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

    /// <summary>
    /// Adds listings, each new to the generation being rebuilt, on all cores (the writer is
    /// thread-safe and indexes each thread's documents in its own buffer).
    /// </summary>
    public static void Load(IndexGeneration generation, IReadOnlyList<SearchDocument> documents)
    {
        if (documents.Count == 0)
        {
            return;
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.ForEach(
            Partitioner.Create(0, documents.Count, LoadChunk),
            options,
            () => new DocumentMapper(),
            (range, _, mapper) =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    generation.Writer.AddDocument(mapper.ToListing(documents[i]));
                }

                return mapper;
            },
            _ => { });
    }

    /// <summary>Replaces listings in a generation being rebuilt, in order, so the last write of a key wins.</summary>
    public static void Replace(IndexGeneration generation, IEnumerable<SearchDocument> documents)
    {
        var mapper = new DocumentMapper();
        foreach (var document in documents)
        {
            var key = DocumentMapper.KeyOf(document.Kind, document.Id);
            generation.Writer.UpdateDocument(new Term(FieldNames.Key, key), mapper.ToListing(document));
        }
    }

    /// <summary>
    /// The deletions a generation remembers, as operations to replay onto a rebuilt one, so that a
    /// replayed old upsert cannot resurrect a listing deleted before the rebuild.
    /// </summary>
    public static List<WriteOperation> Tombstones(IndexGeneration generation)
    {
        generation.Searchers.MaybeRefreshBlocking();
        var searcher = generation.Searchers.Acquire();
        try
        {
            var collector = new TombstoneCollector();
            searcher.Search(new TermQuery(new Term(FieldNames.Tombstone, "1")), collector);
            return collector.Deletions;
        }
        finally
        {
            generation.Searchers.Release(searcher);
        }
    }

    private static bool Supersedes(WriteOperation operation, IndexedVersion? indexed) => indexed switch
    {
        null => true,
        { Deleted: true } => operation.Version > indexed.Value.Version,
        _ => operation.Version >= indexed.Value.Version,
    };
}

/// <summary>Reads kind, id and version of every tombstone from doc values.</summary>
internal sealed class TombstoneCollector : ICollector
{
    private NumericDocValues? _kinds;
    private NumericDocValues? _ids;
    private NumericDocValues? _versions;

    public List<WriteOperation> Deletions { get; } = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        _kinds = context.AtomicReader.GetNumericDocValues(FieldNames.KindValue);
        _ids = context.AtomicReader.GetNumericDocValues(FieldNames.IdValue);
        _versions = context.AtomicReader.GetNumericDocValues(FieldNames.VersionValue);
    }

    public void Collect(int doc)
    {
        if (_kinds is not null && _ids is not null && _versions is not null)
        {
            Deletions.Add(new DeleteOperation((ListingKind)_kinds.Get(doc), _ids.Get(doc), (int)_versions.Get(doc)));
        }
    }
}
