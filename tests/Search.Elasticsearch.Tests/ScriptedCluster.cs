using System.Text;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace DongNai.Search.Elasticsearch.Tests;

/// <summary>A request the engine sent: method, path with query string, and the body (null when none).</summary>
public sealed record SentRequest(string Method, string Path, string? Body)
{
    /// <summary>The body parsed as JSON (a bulk body is several lines: use <see cref="Lines"/>).</summary>
    public JsonNode Json => JsonNode.Parse(Body ?? "null")!;

    /// <summary>Each line of an NDJSON body, parsed.</summary>
    public IReadOnlyList<JsonNode> Lines => (Body ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();

    public string PathOnly => Path.Split('?')[0];
}

/// <summary>
/// An Elasticsearch stand-in without a server: the official client's transport, with an invoker
/// that answers from canned responses (by method and path, in order; <c>200 {}</c> otherwise, which
/// reads as "the alias exists") with the product header a real cluster sends, and records every
/// request the engine sent. Not thread-safe: one per test.
/// </summary>
public sealed class ScriptedCluster : IRequestInvoker
{
    private static readonly Dictionary<string, IEnumerable<string>> ProductHeaders = new() { ["x-elastic-product"] = ["Elasticsearch"] };
    private readonly List<(string Method, string PathStart, Queue<(int Status, string Body, Exception? Failure)> Responses)> _scripts = [];
    private readonly InMemoryRequestInvoker _factory = new();

    public ScriptedCluster()
    {
        var settings = new ElasticsearchClientSettings(new SingleNodePool(new Uri("http://scripted:9200")), this)
            .DisableDirectStreaming()
            .MaximumRetries(0)
            .OnRequestCompleted(details => Requests.Add(new SentRequest(
                details.HttpMethod.ToString(),
                details.Uri!.PathAndQuery,
                details.RequestBodyInBytes is { Length: > 0 } bytes ? Encoding.UTF8.GetString(bytes) : null)));
        Client = new ElasticsearchClient(settings);
    }

    public ElasticsearchClient Client { get; }

    public List<SentRequest> Requests { get; } = [];

    public ResponseFactory ResponseFactory => _factory.ResponseFactory;

    /// <summary>An engine over this cluster with retries that do not wait.</summary>
    public ElasticsearchSearchEngine Engine(string prefix = "test") =>
        new(Client, new ElasticsearchOptions { IndexPrefix = prefix, RetryBackoff = TimeSpan.Zero, MaxRetries = 3 });

    /// <summary>Answers the next request of <paramref name="method"/> whose path starts with <paramref name="pathStart"/> (then the one after, …).</summary>
    public ScriptedCluster On(string method, string pathStart, int status, string body) => Enqueue(method, pathStart, (status, body, null));

    /// <summary>The next such request gets no answer at all (the connection fails with <paramref name="failure"/>).</summary>
    public ScriptedCluster Unreachable(string method, string pathStart, Exception failure) => Enqueue(method, pathStart, (0, "", failure));

    private ScriptedCluster Enqueue(string method, string pathStart, (int, string, Exception?) response)
    {
        var script = _scripts.FirstOrDefault(s => s.Method == method && s.PathStart == pathStart);
        if (script.Responses is null)
        {
            script = (method, pathStart, new Queue<(int, string, Exception?)>());
            _scripts.Add(script);
        }

        script.Responses.Enqueue(response);
        return this;
    }

    /// <summary>The requests sent after the start-up checks of the aliases.</summary>
    public IReadOnlyList<SentRequest> WorkRequests => Requests.Where(r => !r.Path.StartsWith("/_alias/", StringComparison.Ordinal)).ToList();

    public TResponse Request<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData)
        where TResponse : TransportResponse, new() =>
        Next(endpoint).Request<TResponse>(endpoint, boundConfiguration, postData);

    public Task<TResponse> RequestAsync<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData, CancellationToken cancellationToken)
        where TResponse : TransportResponse, new() =>
        Next(endpoint).RequestAsync<TResponse>(endpoint, boundConfiguration, postData, cancellationToken);

    public void Dispose() => ((IDisposable)_factory).Dispose();

    private InMemoryRequestInvoker Next(Endpoint endpoint)
    {
        var method = endpoint.Method.ToString();
        var path = endpoint.PathAndQuery;
        var (status, body, failure) = _scripts
            .Where(s => s.Method == method && path.StartsWith(s.PathStart, StringComparison.Ordinal) && s.Responses.Count > 0)
            .Select(s => s.Responses.Dequeue())
            .FirstOrDefault((200, "{}", null));
        return new InMemoryRequestInvoker(Encoding.UTF8.GetBytes(body), status, failure, "application/json", ProductHeaders);
    }
}
