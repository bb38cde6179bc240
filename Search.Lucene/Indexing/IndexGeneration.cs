using DongNai.Search.Lucene.Analysis;
using DongNai.Search.Lucene.Querying;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace DongNai.Search.Lucene.Indexing;

/// <summary>
/// One complete index on disk: its directory, its single <see cref="IndexWriter"/> and the
/// <see cref="SearcherManager"/> that hands out near-real-time searchers. A full rebuild creates a
/// new generation and swaps it in; the old one closes when its last user lets go.
/// </summary>
/// <remarks>
/// Reference counted: the engine holds one reference while the generation is current, and every
/// operation takes one with <see cref="TryAcquire"/> and gives it back with <see cref="Release"/>,
/// so a swap never closes a writer or reader that a search is still using. Thread-safe.
/// </remarks>
internal sealed class IndexGeneration
{
    private static readonly Similarity Scoring = new BM25Similarity();

    private readonly LuceneDirectory _directory;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _references = 1;
    private volatile bool _deleteWhenClosed;

    private IndexGeneration(string path, LuceneDirectory directory, IndexWriter writer)
    {
        Path = path;
        _directory = directory;
        Writer = writer;
        Searchers = new SearcherManager(writer, applyAllDeletes: true, new Bm25SearcherFactory());
    }

    public string Path { get; }

    public IndexWriter Writer { get; }

    public SearcherManager Searchers { get; }

    /// <summary>Completes when the last reference is gone and the generation has closed (and, if retired for deletion, its folder is gone).</summary>
    public Task Closed => _closed.Task;

    /// <summary>
    /// Opens (or creates) the generation in <paramref name="path"/> with a writer for live updates,
    /// through <see cref="LuceneOptions.OpenDirectory"/> and with its live-update buffer size.
    /// With <paramref name="verify"/>, also reads every segment file through its checksum first, so a
    /// damaged index fails here, at start, rather than in a search later (one sequential read of the
    /// index). On failure, whatever Lucene threw is rethrown and nothing is left open.
    /// </summary>
    public static IndexGeneration Open(string path, Analyzer analyzer, LuceneOptions options, bool verify = false)
    {
        System.IO.Directory.CreateDirectory(path);
        var directory = options.OpenDirectory?.Invoke(path) ?? FSDirectory.Open(path);
        IndexWriter? writer = null;
        try
        {
            var config = new IndexWriterConfig(VietnameseAnalyzer.Version, analyzer)
            {
                OpenMode = OpenMode.CREATE_OR_APPEND,
                Similarity = Scoring,
                RAMBufferSizeMB = options.RamBufferSizeMb,
            };
            writer = new IndexWriter(directory, config);
            if (verify)
            {
                Verify(writer);
            }

            writer.Commit();
            return new IndexGeneration(path, directory, writer);
        }
        catch
        {
            // Rollback, not Dispose: closing a writer commits, which must not touch a damaged index.
            writer?.Rollback();
            directory.Dispose();
            throw;
        }
    }

    private static void Verify(IndexWriter writer)
    {
        using var reader = DirectoryReader.Open(writer, applyAllDeletes: false);
        foreach (var leaf in reader.Leaves)
        {
            leaf.AtomicReader.CheckIntegrity();
        }
    }

    /// <summary>
    /// Sets the writer up for loading a whole index: a larger buffer and no compound files (which
    /// would copy every flushed segment once more). Call before the first document of a rebuild.
    /// </summary>
    public void BeginBulkLoad(double ramBufferSizeMb)
    {
        Writer.Config.RAMBufferSizeMB = ramBufferSizeMb;
        Writer.Config.UseCompoundFile = false;
    }

    /// <summary>Back to the settings for live updates after a bulk load: small segments in compound files.</summary>
    public void EndBulkLoad(double ramBufferSizeMb)
    {
        Writer.Config.RAMBufferSizeMB = ramBufferSizeMb;
        Writer.Config.UseCompoundFile = true;
    }

    /// <summary>Takes a reference; false when the generation has already closed (retry with the current one).</summary>
    public bool TryAcquire()
    {
        while (true)
        {
            var current = Volatile.Read(ref _references);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Gives back a reference; the last one closes the generation.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            Close();
        }
    }

    /// <summary>Gives back the engine's reference after a swap; the files go when the last search ends.</summary>
    public void Retire(bool deleteFiles)
    {
        _deleteWhenClosed = deleteFiles;
        Release();
    }

    private void Close()
    {
        try
        {
            Searchers.Dispose();
            if (_deleteWhenClosed)
            {
                Writer.Rollback();
            }
            else
            {
                Writer.Dispose();
            }

            _directory.Dispose();
            if (_deleteWhenClosed)
            {
                DeleteFolder();
            }
        }
        finally
        {
            _closed.TrySetResult();
        }
    }

    private void DeleteFolder()
    {
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // The last release may run on a search thread, which must not fail for this; the
            // engine removes leftover generation folders when it next starts.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            // Copies new segments' doc values into memory here, on the refresh, not in a search.
            CachedDocValues.Warm(reader);
            SuggestTable.Warm(reader);
            return new IndexSearcher(reader) { Similarity = Scoring };
        }
    }
}

/// <summary>
/// The layout of the index folder: one sub-folder per generation (<c>gen-000001</c>, …) and a
/// pointer file <c>current</c> naming the live one, replaced by an atomic rename.
/// </summary>
internal sealed class IndexFolder(string root)
{
    private const string Prefix = "gen-";

    private string PointerPath => System.IO.Path.Combine(root, "current");

    public string PathOf(string generation) => System.IO.Path.Combine(root, generation);

    /// <summary>The generation the pointer names, if its folder exists.</summary>
    public string? ReadCurrent()
    {
        if (!File.Exists(PointerPath))
        {
            return null;
        }

        var name = File.ReadAllText(PointerPath).Trim();
        return name.StartsWith(Prefix, StringComparison.Ordinal) && System.IO.Directory.Exists(PathOf(name)) ? name : null;
    }

    public void WriteCurrent(string generation)
    {
        System.IO.Directory.CreateDirectory(root);
        var temporary = PointerPath + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(generation);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, PointerPath, overwrite: true);
    }

    /// <summary>A name no existing generation folder uses.</summary>
    public string NextGenerationName()
    {
        var highest = Generations().Select(name => int.TryParse(name.AsSpan(Prefix.Length), out var n) ? n : 0).DefaultIfEmpty(0).Max();
        return $"{Prefix}{highest + 1:D6}";
    }

    /// <summary>
    /// Moves a damaged generation out of the index folder, to a dated folder beside it
    /// (<c>index-damaged-20261202-101500/gen-000003</c>), so it can be inspected; returns that folder.
    /// </summary>
    public string SetAside(string generation, DateTimeOffset now)
    {
        var full = System.IO.Path.GetFullPath(root).TrimEnd(System.IO.Path.DirectorySeparatorChar);
        var stamp = now.UtcDateTime.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var aside = $"{full}-damaged-{stamp}";
        for (var n = 2; System.IO.Directory.Exists(aside); n++)
        {
            aside = $"{full}-damaged-{stamp}-{n}";
        }

        System.IO.Directory.CreateDirectory(aside);
        System.IO.Directory.Move(PathOf(generation), System.IO.Path.Combine(aside, generation));
        return aside;
    }

    /// <summary>Removes the leftovers of rebuilds that never finished (or whose old folder could not be deleted).</summary>
    public void DeleteAllExcept(string generation)
    {
        foreach (var name in Generations().Where(name => name != generation))
        {
            System.IO.Directory.Delete(PathOf(name), recursive: true);
        }
    }

    private IEnumerable<string> Generations() =>
        System.IO.Directory.Exists(root)
            ? System.IO.Directory.EnumerateDirectories(root, Prefix + "*").Select(System.IO.Path.GetFileName).OfType<string>()
            : [];
}
