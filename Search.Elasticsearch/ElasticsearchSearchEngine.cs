using System.Diagnostics;
using System.Text.Json.Nodes;
using DongNai.Domain.Listings;
using DongNai.Search.Elasticsearch.Analysis;
using DongNai.Search.Elasticsearch.Indexing;
using DongNai.Search.Elasticsearch.Querying;
using DongNai.Search.Elasticsearch.Transport;
using Elastic.Clients.Elasticsearch;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using HttpMethod = Elastic.Transport.HttpMethod;

namespace DongNai.Search.Elasticsearch;

/// <summary>The cluster's health as <c>_cluster/health</c> reports it: green, yellow or red.</summary>
public sealed record ClusterHealth(string Status, string ClusterName, int Nodes);

/// <summary>
/// The scale-out engine: one Elasticsearch 9 index per kind behind an alias (<see cref="IndexNames"/>),
/// reached through the official client's transport.
/// </summary>
/// <remarks>
/// <para>
/// Nothing connects at construction, so a host starts even while the cluster is down; the aliases
/// and their first indexes are created on the first call that needs them (and tried again on the
/// next call when that failed). Writes are bulk requests with external versions
/// (<see cref="DocumentSource.UpsertVersion"/>), so a replayed older upsert never wins and a
/// deletion leaves a tombstone document that keeps its version. Elasticsearch acknowledges a write
/// once it is in the translog, so <see cref="CommitAsync"/> has nothing to do; a write is searchable
/// after the index's refresh interval (one second) or <see cref="RefreshAsync"/>.
/// </para>
/// <para>
/// A rebuild creates a new versioned index per kind, writes every listing into it while writes
/// made meanwhile go to both the current and the new indexes, copies the current tombstones, and
/// then moves all aliases in one atomic <c>_aliases</c> call before deleting the old indexes. On
/// failure or cancellation the new indexes are deleted and the aliases stay where they were.
/// </para>
/// <para>
/// Paging uses <c>search_after</c> over a total order. When a first page has a next one, a point in
/// time is opened at once and its id travels in the cursor, so later pages read the same snapshot;
/// when it expired, the next page reads the live index after the same sort values (as the embedded
/// engine does) and opens a new one; the last page closes it.
/// </para>
/// <para>Thread-safe: one instance per process, shared by all requests.</para>
/// </remarks>
public sealed partial class ElasticsearchSearchEngine : ISearchEngine
{
    private readonly ElasticsearchConnection _connection;
    private readonly ElasticsearchOptions _options;
    private readonly IndexNames _names;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _ensureGate = new(1, 1);
    private readonly SemaphoreSlim _rebuildGate = new(1, 1);
    private readonly Lock _targetsLock = new();
    private IReadOnlyDictionary<ListingKind, string>? _rebuildTargets;
    private volatile bool _ensured;
    private volatile bool _disposed;

    public ElasticsearchSearchEngine(ElasticsearchClient client, ElasticsearchOptions options, ILogger<ElasticsearchSearchEngine>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _connection = new ElasticsearchConnection(client, options, time ?? TimeProvider.System, _logger);
        _names = new IndexNames(options.IndexPrefix);
    }

    public async Task UpsertAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        foreach (var document in documents)
        {
            DocumentSource.Validate(document);
        }

        if (documents.Count == 0)
        {
            return;
        }

        await TracedAsync("elasticsearch.upsert", "upsert", async () =>
        {
            await EnsureIndexesAsync(cancellationToken).ConfigureAwait(false);
            var operations = new List<BulkOperation>();
            foreach (var document in documents)
            {
                AddEverywhere(operations, document.Kind, document.Id, DocumentSource.UpsertVersion(document.Version), DocumentSource.Of(document));
            }

            await BulkWriter.WriteAsync(_connection, operations, cancellationToken).ConfigureAwait(false);
            return documents.Count;
        }).ConfigureAwait(false);
    }

    public async Task DeleteAsync(ListingKind kind, long id, int version, CancellationToken cancellationToken = default)
    {
        await TracedAsync("elasticsearch.delete", "delete", async () =>
        {
            await EnsureIndexesAsync(cancellationToken).ConfigureAwait(false);
            var operations = new List<BulkOperation>();
            AddEverywhere(operations, kind, id, DocumentSource.DeleteVersion(version), DocumentSource.Tombstone(kind, id));
            await BulkWriter.WriteAsync(_connection, operations, cancellationToken).ConfigureAwait(false);
            return id;
        }).ConfigureAwait(false);
    }

    public async Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        SearchQueryValidation.Validate(query);
        var cursor = query.Cursor is null ? null : ElasticsearchCursor.Decode(query.Cursor, query.Kind, query.Sort);
        return await TracedAsync("elasticsearch.search", "search", async () =>
        {
            await EnsureIndexesAsync(cancellationToken).ConfigureAwait(false);
            var scoringNowMs = cursor?.ScoringNowMs ?? DocumentSource.UnixMilliseconds(query.ScoringNow ?? query.Now);
            var pointInTime = cursor?.PointInTime;
            var response = await SearchOnceAsync(query, scoringNowMs, cursor, pointInTime, cancellationToken).ConfigureAwait(false);
            if (response.Status == 404 && pointInTime is not null)
            {
                // The point in time expired between pages: continue on the live index after the same sort values.
                pointInTime = null;
                response = await SearchOnceAsync(query, scoringNowMs, cursor, null, cancellationToken).ConfigureAwait(false);
            }

            if (!response.IsSuccess)
            {
                throw new ElasticsearchRequestException($"Elasticsearch answered a search with {response.Status} {response.ErrorType}", response.Status, response.ErrorType);
            }

            var body = response.Body!;
            var hits = SearchResponseReader.Hits(body, query, scoringNowMs);
            var more = hits.Count > query.Size;
            var page = hits.Take(query.Size).ToList();
            pointInTime = (string?)body["pit_id"] ?? pointInTime;
            string? next = null;
            if (more)
            {
                pointInTime ??= await OpenPointInTimeAsync(query.Kind, cancellationToken).ConfigureAwait(false);
                next = new ElasticsearchCursor(query.Kind, query.Sort, page[^1].SortValues, scoringNowMs, pointInTime).Encode();
            }
            else if (pointInTime is not null)
            {
                await ClosePointInTimeAsync(pointInTime, cancellationToken).ConfigureAwait(false);
            }

            return new SearchResult
            {
                Total = SearchResponseReader.Total(body),
                Hits = page.Select(hit => hit.Hit).ToList(),
                Facets = SearchResponseReader.Facets(body, query),
                NextCursor = next,
            };
        }).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(SuggestQuery query, CancellationToken cancellationToken = default)
    {
        SuggestRequest.Validate(query);
        if (SuggestRequest.Build(query) is not { } body)
        {
            return [];
        }

        return await TracedAsync("elasticsearch.suggest", "suggest", async () =>
        {
            await EnsureIndexesAsync(cancellationToken).ConfigureAwait(false);
            var response = await PostAsync(_names.Path(query.Kind) + "/_search", body, cancellationToken).ConfigureAwait(false);
            return SuggestRequest.Read(response, query.Size);
        }).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SearchHit>> RelatedAsync(RelatedQuery query, CancellationToken cancellationToken = default)
    {
        RelatedRequest.Validate(query);
        return await TracedAsync("elasticsearch.related", "related", async () =>
        {
            await EnsureIndexesAsync(cancellationToken).ConfigureAwait(false);
            var alias = _names.Alias(query.Kind);
            var document = await _connection.SendAsync(HttpMethod.GET, $"/{alias}/_doc/{DocumentSource.IdOf(query.Id)}", null, cancellationToken, 404).ConfigureAwait(false);
            if (RelatedRequest.LikeText(document.Body) is not { } like)
            {
                return (IReadOnlyList<SearchHit>)[];
            }

            var response = await PostAsync(alias + "/_search", RelatedRequest.Build(query, like), cancellationToken).ConfigureAwait(false);
            return RelatedRequest.Read(response, query);
        }).ConfigureAwait(false);
    }

    public async Task<string?> CorrectSpellingAsync(SpellingQuery query, CancellationToken cancellationToken = default)
    {
        SpellingRequests.Validate(query);
        return await TracedAsync("elasticsearch.spelling", "spelling", async () =>
        {
            await EnsureIndexesAsync(cancellationToken).ConfigureAwait(false);
            return await CorrectAsync(query, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, int>> WordFrequenciesAsync(IReadOnlyList<string> words, ListingKind? kind = null, CancellationToken cancellationToken = default)
    {
        SpellingRequests.ValidateWords(words, kind);
        return await TracedAsync("elasticsearch.frequencies", "frequencies", async () =>
        {
            var result = new Dictionary<string, int>(StringComparer.Ordinal);
            var texts = new List<(string Key, string Text, bool Phrase)>();
            for (var i = 0; i < words.Count; i++)
            {
                var folded = TextAnalysis.Folded(words[i]);
                result[words[i]] = 0;
                if (folded.Count > 0)
                {
                    texts.Add((i.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(' ', folded), false));
                }
            }

            if (texts.Count == 0)
            {
                return (IReadOnlyDictionary<string, int>)result;
            }

            await EnsureIndexesAsync(cancellationToken).ConfigureAwait(false);
            var response = await PostAsync(_names.Path(kind) + "/_search", SpellingRequests.CountBody(texts), cancellationToken).ConfigureAwait(false);
            var counts = SpellingRequests.ReadCounts(response);
            foreach (var (key, _, _) in texts)
            {
                result[words[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)]] = counts.GetValueOrDefault(key);
            }

            return result;
        }).ConfigureAwait(false);
    }

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await EnsureIndexesAsync(cancellationToken).ConfigureAwait(false);
        await _connection.SendAsync(HttpMethod.POST, $"/{_names.EveryAlias()}/_refresh", null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Nothing to do: Elasticsearch acknowledges a write once its translog holds it (<c>index.translog.durability: request</c>).</summary>
    public Task CommitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Task.CompletedTask;
    }

    public async Task<long> CountAsync(ListingKind? kind = null, CancellationToken cancellationToken = default) =>
        await TracedAsync("elasticsearch.count", "count", async () =>
        {
            await EnsureIndexesAsync(cancellationToken).ConfigureAwait(false);
            var response = await PostAsync(_names.Path(kind) + "/_count", CountBody(), cancellationToken).ConfigureAwait(false);
            return response["count"]?.GetValue<long>() ?? 0;
        }).ConfigureAwait(false);

    public async Task RebuildAsync(IAsyncEnumerable<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var started = Stopwatch.GetTimestamp();
        using var activity = SearchTelemetry.ActivitySource.StartActivity("elasticsearch.rebuild");
        await _rebuildGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        Dictionary<ListingKind, string>? created = null;
        try
        {
            await EnsureIndexesAsync(cancellationToken).ConfigureAwait(false);
            var current = await CurrentIndexesAsync(cancellationToken).ConfigureAwait(false);
            created = [];
            foreach (var kind in ListingKinds.All)
            {
                var name = _names.Index(kind, _names.VersionOf(kind, current[kind]) + 1);
                await _connection.SendAsync(HttpMethod.PUT, "/" + name, IndexDefinition.CreateBody(kind, _options, alias: null).ToJsonString(), cancellationToken).ConfigureAwait(false);
                created[kind] = name;
            }

            lock (_targetsLock)
            {
                _rebuildTargets = created;
            }

            var loaded = 0;
            var batch = new List<BulkOperation>(_options.RebuildBatchSize);
            await foreach (var document in documents.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                DocumentSource.Validate(document);
                batch.Add(new BulkOperation(created[document.Kind], document.Kind, document.Id, DocumentSource.UpsertVersion(document.Version), DocumentSource.Of(document)));
                if (batch.Count == _options.RebuildBatchSize)
                {
                    await BulkWriter.WriteAsync(_connection, batch, cancellationToken).ConfigureAwait(false);
                    loaded += batch.Count;
                    batch.Clear();
                }
            }

            await BulkWriter.WriteAsync(_connection, batch, cancellationToken).ConfigureAwait(false);
            loaded += batch.Count;

            // Deletions the current indexes remember stay deleted: an older upsert replayed later must not revive them.
            foreach (var kind in ListingKinds.All)
            {
                await _connection.SendAsync(HttpMethod.POST, "/_reindex?refresh=true", CopyTombstones(current[kind], created[kind]).ToJsonString(), cancellationToken).ConfigureAwait(false);
            }

            await _connection.SendAsync(HttpMethod.POST, $"/{string.Join(',', created.Values)}/_refresh", null, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            await _connection.SendAsync(HttpMethod.POST, "/_aliases", SwapAliases(current, created).ToJsonString(), CancellationToken.None).ConfigureAwait(false);
            lock (_targetsLock)
            {
                _rebuildTargets = null;
            }

            var swapped = string.Join(", ", created.Values);
            created = null;
            LogRebuilt(loaded, swapped);
            activity?.SetTag(SearchTelemetry.Tags.Documents, loaded);
            await _connection.SendAsync(HttpMethod.DELETE, "/" + string.Join(',', current.Values), null, CancellationToken.None, 404).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
        finally
        {
            if (created is not null)
            {
                lock (_targetsLock)
                {
                    _rebuildTargets = null;
                }

                await DeleteQuietlyAsync(created.Values).ConfigureAwait(false);
            }

            SearchTelemetry.EngineDuration.Record(SearchTelemetry.SecondsSince(started), new KeyValuePair<string, object?>(SearchTelemetry.Tags.Operation, "rebuild"));
            _rebuildGate.Release();
        }
    }

    /// <summary>
    /// The cluster's health, asked once without retries (a readiness probe must answer at once);
    /// throws <see cref="ElasticsearchRequestException"/> when the cluster does not answer or refuses.
    /// </summary>
    public async Task<ClusterHealth> ClusterHealthAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var response = await _connection.SendAsync(HttpMethod.GET, "/_cluster/health", null, maxRetries: 0, cancellationToken, 408).ConfigureAwait(false);
        return new ClusterHealth(
            (string?)response.Body?["status"] ?? "unknown",
            (string?)response.Body?["cluster_name"] ?? "",
            response.Body?["number_of_nodes"]?.GetValue<int>() ?? 0);
    }

    /// <summary>Releases nothing the cluster holds: indexes outlive the process. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _ensureGate.Dispose();
        _rebuildGate.Dispose();
    }

    internal static JsonObject CountBody() => new() { ["query"] = new JsonObject { ["term"] = new JsonObject { [DocumentFields.Live] = true } } };

    internal static JsonObject CopyTombstones(string from, string to) => new()
    {
        ["conflicts"] = "proceed",
        ["source"] = new JsonObject
        {
            ["index"] = from,
            ["query"] = new JsonObject { ["term"] = new JsonObject { [DocumentFields.Live] = false } },
        },
        ["dest"] = new JsonObject { ["index"] = to, ["version_type"] = "external" },
    };

    internal JsonObject SwapAliases(IReadOnlyDictionary<ListingKind, string> current, IReadOnlyDictionary<ListingKind, string> next)
    {
        var actions = new JsonArray();
        foreach (var kind in ListingKinds.All)
        {
            actions.Add(new JsonObject { ["remove"] = new JsonObject { ["index"] = current[kind], ["alias"] = _names.Alias(kind) } });
            actions.Add(new JsonObject { ["add"] = new JsonObject { ["index"] = next[kind], ["alias"] = _names.Alias(kind), ["is_write_index"] = true } });
        }

        return new JsonObject { ["actions"] = actions };
    }

    /// <summary>Creates each kind's first index with its alias unless the alias exists; another instance doing the same at once is fine.</summary>
    private async Task EnsureIndexesAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_ensured)
        {
            return;
        }

        await _ensureGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ensured)
            {
                return;
            }

            foreach (var kind in ListingKinds.All)
            {
                var alias = _names.Alias(kind);
                var existing = await _connection.SendAsync(HttpMethod.GET, $"/_alias/{alias}", null, cancellationToken, 404).ConfigureAwait(false);
                if (existing.Status != 404)
                {
                    continue;
                }

                var created = await _connection.SendAsync(
                    HttpMethod.PUT, "/" + _names.Index(kind, 1), IndexDefinition.CreateBody(kind, _options, alias).ToJsonString(), cancellationToken, 400).ConfigureAwait(false);
                if (created.Status == 400 && created.ErrorType != "resource_already_exists_exception")
                {
                    throw new ElasticsearchRequestException($"Elasticsearch refused to create the index of {kind.Slug()}: {created.ErrorType}", 400, created.ErrorType);
                }
            }

            _ensured = true;
        }
        finally
        {
            _ensureGate.Release();
        }
    }

    private async Task<Dictionary<ListingKind, string>> CurrentIndexesAsync(CancellationToken cancellationToken)
    {
        var current = new Dictionary<ListingKind, string>();
        foreach (var kind in ListingKinds.All)
        {
            var response = await _connection.SendAsync(HttpMethod.GET, $"/_alias/{_names.Alias(kind)}", null, cancellationToken).ConfigureAwait(false);
            current[kind] = response.Body is JsonObject indexes && indexes.Count == 1
                ? indexes.First().Key
                : throw new InvalidOperationException($"The alias {_names.Alias(kind)} does not point at exactly one index.");
        }

        return current;
    }

    /// <summary>A write goes through the kind's alias and, while a rebuild runs, also into the new index.</summary>
    private void AddEverywhere(List<BulkOperation> operations, ListingKind kind, long id, long version, JsonObject source)
    {
        operations.Add(new BulkOperation(_names.Alias(kind), kind, id, version, source));
        IReadOnlyDictionary<ListingKind, string>? targets;
        lock (_targetsLock)
        {
            targets = _rebuildTargets;
        }

        if (targets?.TryGetValue(kind, out var target) == true)
        {
            operations.Add(new BulkOperation(target, kind, id, version, source));
        }
    }

    private async Task<ElasticsearchResponse> SearchOnceAsync(SearchQuery query, long scoringNowMs, ElasticsearchCursor? cursor, string? pointInTime, CancellationToken cancellationToken)
    {
        var body = SearchRequestBuilder.Build(query, scoringNowMs, cursor, pointInTime, _options.PointInTimeKeepAlive);
        var path = pointInTime is null ? $"/{_names.Path(query.Kind)}/_search" : "/_search";
        return await _connection.SendAsync(HttpMethod.POST, path, body.ToJsonString(), cancellationToken, 404).ConfigureAwait(false);
    }

    private async Task<string> OpenPointInTimeAsync(ListingKind? kind, CancellationToken cancellationToken)
    {
        var keepAlive = SearchRequestBuilder.KeepAlive(_options.PointInTimeKeepAlive);
        var response = await _connection.SendAsync(HttpMethod.POST, $"/{_names.Path(kind)}/_pit?keep_alive={keepAlive}", null, cancellationToken).ConfigureAwait(false);
        return (string?)response.Body?["id"] ?? throw new ElasticsearchRequestException("Elasticsearch opened a point in time without an id.");
    }

    /// <summary>Closes a point in time; one already gone (expired, or closed by another instance) is fine.</summary>
    private async Task ClosePointInTimeAsync(string pointInTime, CancellationToken cancellationToken)
    {
        try
        {
            await _connection.SendAsync(HttpMethod.DELETE, "/_pit", new JsonObject { ["id"] = pointInTime }.ToJsonString(), cancellationToken, 404).ConfigureAwait(false);
        }
        catch (ElasticsearchRequestException exception)
        {
            // It expires by itself; the page is answered either way.
            LogCloseFailed(exception);
        }
    }

    private async Task<JsonNode> PostAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        var response = await _connection.SendAsync(HttpMethod.POST, "/" + path, body.ToJsonString(), cancellationToken).ConfigureAwait(false);
        return response.Body ?? new JsonObject();
    }

    private async Task DeleteQuietlyAsync(IEnumerable<string> indexes)
    {
        try
        {
            await _connection.SendAsync(HttpMethod.DELETE, "/" + string.Join(',', indexes), null, CancellationToken.None, 404).ConfigureAwait(false);
        }
        catch (ElasticsearchRequestException exception)
        {
            var names = string.Join(", ", indexes);
            LogCleanupFailed(exception, names);
        }
    }

    private async Task<string?> CorrectAsync(SpellingQuery query, CancellationToken cancellationToken)
    {
        var typed = TextAnalysis.Words(query.Text);
        var words = typed.Select(Domain.Text.VietnameseText.Fold).ToArray();
        if (words.Length == 0 || words.Any(word => word.Length == 0))
        {
            return null;
        }

        var checkable = Enumerable.Range(0, Math.Min(words.Length, SpellingQuery.MaxWords)).Where(i => SpellingRequests.IsCorrectable(words[i])).ToList();
        if (checkable.Count == 0)
        {
            return null;
        }

        // A word some listing of any kind holds is not a typo.
        var counts = SpellingRequests.ReadCounts(await PostAsync(
            _names.Path(null) + "/_search",
            SpellingRequests.CountBody(checkable.Select(i => (Key(i), words[i], false)).ToList()),
            cancellationToken).ConfigureAwait(false));
        var known = Enumerable.Range(0, words.Length).Select(i => !checkable.Contains(i) || counts.GetValueOrDefault(Key(i)) > 0).ToArray();
        var unknown = checkable.Where(i => !known[i]).Select(i => (i, words[i])).ToList();
        if (unknown.Count == 0)
        {
            return null;
        }

        var candidates = SpellingRequests.ReadCandidates(
            await PostAsync(_names.Path(query.Kind) + "/_search", SpellingRequests.SuggestBody(unknown), cancellationToken).ConfigureAwait(false), unknown);
        var pairs = new List<(string Key, string Text, bool Phrase)>();
        foreach (var (i, _) in unknown)
        {
            foreach (var (candidate, _) in candidates[i])
            {
                if (i > 0 && known[i - 1])
                {
                    pairs.Add(($"{i}|{candidate}|p", words[i - 1] + " " + candidate, true));
                }

                if (i + 1 < words.Length && known[i + 1])
                {
                    pairs.Add(($"{i}|{candidate}|n", candidate + " " + words[i + 1], true));
                }
            }
        }

        var pairCounts = pairs.Count == 0
            ? []
            : SpellingRequests.ReadCounts(await PostAsync(_names.Path(query.Kind) + "/_search", SpellingRequests.CountBody(pairs), cancellationToken).ConfigureAwait(false));
        var corrected = new bool[words.Length];
        foreach (var (i, word) in unknown)
        {
            var best = SpellingRequests.Choose(word, candidates[i], candidate =>
                pairCounts.GetValueOrDefault($"{i}|{candidate}|p") > 0 || pairCounts.GetValueOrDefault($"{i}|{candidate}|n") > 0);
            if (best is not null)
            {
                words[i] = best;
                corrected[i] = true;
            }
        }

        if (!corrected.Contains(true))
        {
            return null;
        }

        var forms = SpellingRequests.ReadForms(await PostAsync(
            _names.Path(query.Kind) + "/_search",
            SpellingRequests.FormsBody(words.Where(word => word.All(char.IsAsciiLetterOrDigit))),
            cancellationToken).ConfigureAwait(false));
        return string.Join(' ', words.Select((word, i) =>
            !corrected[i] && SpellingRequests.HasAccents(typed[i]) ? Domain.Text.VietnameseText.Normalize(typed[i])
            : forms.TryGetValue(word, out var form) ? form
            : word));

        static string Key(int index) => index.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<T> TracedAsync<T>(string spanName, string operation, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = SearchTelemetry.ActivitySource.StartActivity(spanName);
        try
        {
            return await call().ConfigureAwait(false);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt the search indexes with {Count} listings into {Indexes}")]
    private partial void LogRebuilt(int count, string indexes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing a point in time failed; it expires by itself")]
    private partial void LogCloseFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting the indexes {Indexes} of a failed rebuild failed; delete them by hand")]
    private partial void LogCleanupFailed(Exception exception, string indexes);
}
