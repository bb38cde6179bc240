using System.Diagnostics;
using DongNai.Domain.Listings;
using DongNai.Search.Lucene.Analysis;
using DongNai.Search.Lucene.Indexing;
using DongNai.Search.Lucene.Querying;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DongNai.Search.Lucene;

/// <summary>
/// The embedded engine: a Lucene.NET 4.8 index on disk under <see cref="LuceneOptions.IndexPath"/>.
/// </summary>
/// <remarks>
/// <para>
/// One <see cref="IndexWriter"/> per index generation, used under one write lock, so writes apply
/// in call order. Searches take a searcher from a <see cref="SearcherManager"/> and give it back;
/// a background loop refreshes it every <see cref="LuceneOptions.RefreshInterval"/>, so a write is
/// searchable well within a second without any commit. <see cref="CommitAsync"/> makes writes durable.
/// </para>
/// <para>
/// A rebuild writes a new generation folder next to the current one while the current one keeps
/// serving and taking writes (which are journaled and replayed onto the new one, after the
/// deletions the current one remembers), then swaps by
/// rewriting the <c>current</c> pointer file atomically. The old generation closes and is deleted
/// when its last search ends, before the rebuild returns. Leftover folders from an interrupted
/// rebuild are removed on start. The current generation is checked on start (every file through
/// its checksum); one that cannot be opened is moved to a dated folder beside the index folder,
/// logged as an error, and replaced by an empty one for the host to rebuild from the database.
/// </para>
/// <para>
/// Every call is a span of <see cref="SearchTelemetry"/> (<c>lucene.search</c>, <c>lucene.upsert</c>, …)
/// and a point of <see cref="SearchTelemetry.EngineDuration"/>, so a trace shows the engine's share
/// of a request.
/// </para>
/// <para>Thread-safe: one instance per process and folder, shared by all requests; dispose at shutdown.</para>
/// </remarks>
public sealed partial class LuceneSearchEngine : ISearchEngine
{
    private readonly LuceneOptions _options;
    private readonly ILogger _logger;
    private readonly IndexFolder _folder;
    private readonly Analyzer _indexAnalyzer;
    private readonly ListingSearch _search;
    private readonly RelatedFinder _related;
    private readonly SpellingCorrector _spelling;
    private readonly VietnameseAnalyzer _folded;
    private readonly Lock _writeLock = new();
    private readonly SemaphoreSlim _rebuildGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _refreshLoop;

    private volatile IndexGeneration _current;
    private List<WriteOperation>? _journal;
    private bool _disposed;

    public LuceneSearchEngine(LuceneOptions options, ILogger<LuceneSearchEngine>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.IndexPath);
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _folder = new IndexFolder(options.IndexPath);

        var accented = new VietnameseAnalyzer(fold: false);
        var folded = new VietnameseAnalyzer(fold: true);
        _indexAnalyzer = new PerFieldAnalyzerWrapper(accented, new Dictionary<string, Analyzer>
        {
            [FieldNames.TitleFolded] = folded,
            [FieldNames.TextFolded] = folded,
            [FieldNames.TextPhrases] = new VietnameseAnalyzer(fold: true, phrases: true),
        });
        _search = new ListingSearch(accented, folded);
        _related = new RelatedFinder(folded);
        _spelling = new SpellingCorrector(accented, folded);
        _folded = folded;

        var generation = _folder.ReadCurrent();
        var opened = generation is null ? null : OpenOrSetAside(generation);
        if (opened is null)
        {
            generation = _folder.NextGenerationName();
            opened = IndexGeneration.Open(_folder.PathOf(generation), _indexAnalyzer, options);
            _folder.WriteCurrent(generation);
        }

        _current = opened;
        _folder.DeleteAllExcept(generation!);
        _refreshLoop = Task.Run(RefreshLoopAsync);
    }

    /// <summary>
    /// Opens the current generation after checking every file; when it cannot be opened it is moved
    /// aside (see <see cref="IndexFolder.SetAside"/>) and null is returned, so the engine starts
    /// empty and the host rebuilds it from the database (the index is derived data). A folder held
    /// by another writer or not readable by this user is not damage: that still fails the start.
    /// </summary>
    private IndexGeneration? OpenOrSetAside(string generation)
    {
        try
        {
            return IndexGeneration.Open(_folder.PathOf(generation), _indexAnalyzer, _options, verify: true);
        }
        catch (Exception exception) when (IsDamage(exception))
        {
            var aside = _folder.SetAside(generation, DateTimeOffset.UtcNow);
            LogSetAside(exception, generation, aside);
            return null;
        }
    }

    /// <summary>
    /// Lucene reports a damaged index in many shapes (CorruptIndexException, FileNotFoundException for
    /// a lost segments_N, EndOfStreamException or even ArgumentException for a truncated file), so
    /// damage is everything except the few failures that say the folder is fine but not ours to open.
    /// </summary>
    private static bool IsDamage(Exception exception) => exception is not (global::Lucene.Net.Store.LockObtainFailedException or UnauthorizedAccessException or OutOfMemoryException);

    public Task UpsertAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var document in documents)
        {
            DocumentMapper.Validate(document);
        }

        if (documents.Count == 0)
        {
            return Task.CompletedTask;
        }

        Traced("lucene.upsert", "upsert", () =>
        {
            Write(documents.Select(document => (WriteOperation)new UpsertOperation(document)).ToList());
            return documents.Count;
        }, (activity, count) => activity.SetTag(SearchTelemetry.Tags.Documents, count));
        return Task.CompletedTask;
    }

    public Task DeleteAsync(ListingKind kind, long id, int version, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Traced("lucene.delete", "delete", () =>
        {
            Write([new DeleteOperation(kind, id, version)]);
            return id;
        }, (activity, _) => activity.SetTag(SearchTelemetry.Tags.Kind, kind.Slug()).SetTag(SearchTelemetry.Tags.ListingId, id));
        return Task.CompletedTask;
    }

    public Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        SearchQueryValidation.Validate(query);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Traced(
            "lucene.search",
            "search",
            () => WithSearcher(searcher => _search.Run(searcher, query)),
            (activity, result) => activity
                .SetTag(SearchTelemetry.Tags.Kind, SearchTelemetry.KindTag(query.Kind))
                .SetTag(SearchTelemetry.Tags.Total, result.Total)
                .SetTag(SearchTelemetry.Tags.Returned, result.Hits.Count)));
    }

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(SuggestQuery query, CancellationToken cancellationToken = default)
    {
        Suggester.Validate(query);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Traced(
            "lucene.suggest",
            "suggest",
            () => WithSearcher(searcher => Suggester.Suggest(searcher, query)),
            (activity, suggestions) => activity.SetTag(SearchTelemetry.Tags.Returned, suggestions.Count)));
    }

    public Task<IReadOnlyList<SearchHit>> RelatedAsync(RelatedQuery query, CancellationToken cancellationToken = default)
    {
        RelatedFinder.Validate(query);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Traced(
            "lucene.related",
            "related",
            () => WithSearcher(searcher => _related.Find(searcher, query)),
            (activity, hits) => activity.SetTag(SearchTelemetry.Tags.Returned, hits.Count)));
    }

    public Task<string?> CorrectSpellingAsync(SpellingQuery query, CancellationToken cancellationToken = default)
    {
        SpellingCorrector.Validate(query);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Traced("lucene.spelling", "spelling", () => WithSearcher(searcher => _spelling.Correct(searcher.IndexReader, query))));
    }

    public Task<IReadOnlyDictionary<string, int>> WordFrequenciesAsync(IReadOnlyList<string> words, ListingKind? kind = null, CancellationToken cancellationToken = default)
    {
        Vocabulary.Validate(words, kind);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Traced("lucene.frequencies", "frequencies", () => WithSearcher(searcher => Vocabulary.Frequencies(searcher, _folded, words, kind))));
    }

    public Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        WithGeneration(generation => generation.Searchers.MaybeRefreshBlocking());
        return Task.CompletedTask;
    }

    public Task CommitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Traced("lucene.commit", "commit", () =>
        {
            lock (_writeLock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                _current.Writer.Commit();
            }

            return true;
        });
        return Task.CompletedTask;
    }

    public Task<long> CountAsync(ListingKind? kind = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var query = kind is { } k ? new TermQuery(new Term(FieldNames.Kind, k.Slug())) : new TermQuery(new Term(FieldNames.Live, "1"));
        return Task.FromResult<long>(Traced("lucene.count", "count", () => WithSearcher(searcher =>
        {
            var counter = new TotalHitCountCollector();
            searcher.Search(query, counter);
            return counter.TotalHits;
        })));
    }

    public async Task RebuildAsync(IAsyncEnumerable<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var started = Stopwatch.GetTimestamp();
        using var activity = SearchTelemetry.ActivitySource.StartActivity("lucene.rebuild");
        await _rebuildGate.WaitAsync(cancellationToken);
        IndexGeneration? next = null;
        string? name = null;
        var loading = Task.CompletedTask;
        try
        {
            lock (_writeLock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                _journal = [];
                name = _folder.NextGenerationName();
                next = IndexGeneration.Open(_folder.PathOf(name), _indexAnalyzer, _options);
            }

            next.BeginBulkLoad(_options.RebuildRamBufferSizeMb);

            // Batches are indexed in the background (on all cores) while the source reads the next one.
            // A listing the source yields twice is added once, then replaced in order at the end.
            var loaded = 0;
            var seen = new HashSet<(ListingKind, long)>();
            var repeated = new List<SearchDocument>();
            var batch = new List<SearchDocument>(_options.RebuildBatchSize);
            await foreach (var document in documents.WithCancellation(cancellationToken))
            {
                DocumentMapper.Validate(document);
                if (!seen.Add((document.Kind, document.Id)))
                {
                    repeated.Add(document);
                    continue;
                }

                batch.Add(document);
                if (batch.Count == _options.RebuildBatchSize)
                {
                    await loading;
                    var full = batch;
                    var generation = next;
                    loading = Task.Run(() => ListingWriter.Load(generation, full), cancellationToken);
                    loaded += full.Count;
                    batch = new List<SearchDocument>(_options.RebuildBatchSize);
                }
            }

            await loading;
            ListingWriter.Load(next, batch);
            ListingWriter.Replace(next, repeated);
            loaded += batch.Count;
            next.EndBulkLoad(_options.RamBufferSizeMb);
            next.Writer.Commit();

            IndexGeneration previous;
            lock (_writeLock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                cancellationToken.ThrowIfCancellationRequested();
                var journal = _journal;
                _journal = null;
                ListingWriter.Apply(next, ListingWriter.Tombstones(_current).Concat(journal));
                next.Writer.Commit();
                next.Searchers.MaybeRefreshBlocking();
                _folder.WriteCurrent(name);
                previous = _current;
                _current = next;
                LogRebuilt(loaded, journal.Count, name);
                activity?.SetTag(SearchTelemetry.Tags.Documents, loaded);
                next = null;
            }

            previous.Retire(deleteFiles: true);

            // Searches in flight finish on the old generation; they are short, so wait and leave one folder behind.
            await previous.Closed;
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
        finally
        {
            SearchTelemetry.EngineDuration.Record(SearchTelemetry.SecondsSince(started), new KeyValuePair<string, object?>(SearchTelemetry.Tags.Operation, "rebuild"));
            // A failed rebuild reports its own exception; the loader only has to be done before its generation closes.
            await loading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (next is not null)
            {
                lock (_writeLock)
                {
                    _journal = null;
                }

                next.Retire(deleteFiles: true);
            }

            _rebuildGate.Release();
        }
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _stopping.Cancel();
        _refreshLoop.GetAwaiter().GetResult();
        _current.Retire(deleteFiles: false);
        _stopping.Dispose();
        _rebuildGate.Dispose();
        _indexAnalyzer.Dispose();
    }

    private void Write(List<WriteOperation> operations)
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ListingWriter.Apply(_current, operations);
            _journal?.AddRange(operations);
        }
    }

    /// <summary>
    /// Runs one engine call as a span named <paramref name="spanName"/> and a point of
    /// <see cref="SearchTelemetry.EngineDuration"/>; <paramref name="describe"/> tags the span with
    /// the call's counts. A failure marks the span with the exception's type only: a message may
    /// quote the query.
    /// </summary>
    private static T Traced<T>(string spanName, string operation, Func<T> call, Action<Activity, T>? describe = null)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = SearchTelemetry.ActivitySource.StartActivity(spanName);
        try
        {
            var result = call();
            if (activity is { IsAllDataRequested: true })
            {
                describe?.Invoke(activity, result);
            }

            return result;
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
        finally
        {
            SearchTelemetry.EngineDuration.Record(SearchTelemetry.SecondsSince(started), new KeyValuePair<string, object?>(SearchTelemetry.Tags.Operation, operation));
        }
    }

    private T WithSearcher<T>(Func<IndexSearcher, T> action) => WithGeneration(generation =>
    {
        var searcher = generation.Searchers.Acquire();
        try
        {
            return action(searcher);
        }
        finally
        {
            generation.Searchers.Release(searcher);
        }
    });

    private void WithGeneration(Action<IndexGeneration> action) => WithGeneration<object?>(generation =>
    {
        action(generation);
        return null;
    });

    /// <summary>Runs against the current generation, holding a reference so a concurrent swap cannot close it underneath.</summary>
    private T WithGeneration<T>(Func<IndexGeneration, T> action)
    {
        while (true)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var generation = _current;
            if (!generation.TryAcquire())
            {
                continue;
            }

            try
            {
                return action(generation);
            }
            finally
            {
                generation.Release();
            }
        }
    }

    private async Task RefreshLoopAsync()
    {
        using var timer = new PeriodicTimer(_options.RefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                try
                {
                    WithGeneration(generation => generation.Searchers.MaybeRefresh());
                }
                catch (Exception) when (_disposed)
                {
                    // Disposal began between the tick and the refresh (WithGeneration refuses a
                    // disposed engine): stop quietly, or Dispose, which waits for this loop, would throw.
                    return;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogRefreshFailed(exception);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposal stops the loop.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt the search index with {Count} listings and {Replayed} replayed writes into {Generation}")]
    private partial void LogRebuilt(int count, int replayed, string generation);

    [LoggerMessage(Level = LogLevel.Error, Message = "The search index generation {Generation} could not be opened; it was moved to {Aside} and an empty index is used until it is rebuilt from the database")]
    private partial void LogSetAside(Exception exception, string generation, string aside);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the search index failed; retrying on the next tick")]
    private partial void LogRefreshFailed(Exception exception);
}
