using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Microsoft.Extensions.Logging;

namespace DongNai.Search.Elasticsearch.Transport;

/// <summary>An answer of the cluster: its HTTP status and its parsed body (null when it had none).</summary>
internal readonly record struct ElasticsearchResponse(int Status, JsonNode? Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>Elasticsearch's <c>error.type</c>, or null.</summary>
    public string? ErrorType => Body?["error"] is JsonObject error ? (string?)error["type"] : null;
}

/// <summary>
/// Sends JSON request bodies through the official client's transport (its node pool, product check,
/// authentication and TLS settings) and parses the answers. A 429 or 5xx answer, or none at all, is
/// sent again after an exponential backoff with jitter, up to <see cref="ElasticsearchOptions.MaxRetries"/>
/// times; any other non-2xx answer not listed as expected throws <see cref="ElasticsearchRequestException"/>.
/// </summary>
/// <remarks>
/// Bodies are JSON nodes built by this engine rather than the client's typed request objects, so the
/// exact query DSL is ours to read, to test byte for byte (as parsed JSON) and to keep equal to the
/// embedded engine's semantics, whatever the typed layer serialises in a later client version.
/// Thread-safe: the client is.
/// </remarks>
internal sealed partial class ElasticsearchConnection(ElasticsearchClient client, ElasticsearchOptions options, TimeProvider time, ILogger logger)
{
    public ElasticsearchOptions Options => options;

    /// <summary>Sends one request; <paramref name="expected"/> lists non-2xx statuses that are answers, not errors (404 for "no such alias").</summary>
    public Task<ElasticsearchResponse> SendAsync(
        Elastic.Transport.HttpMethod method, string path, string? body, CancellationToken cancellationToken, params int[] expected) =>
        SendAsync(method, path, body, options.MaxRetries, cancellationToken, expected);

    /// <summary>As the other overload, with its own number of retries (0 for a health probe, which must answer at once).</summary>
    public async Task<ElasticsearchResponse> SendAsync(
        Elastic.Transport.HttpMethod method, string path, string? body, int maxRetries, CancellationToken cancellationToken, params int[] expected)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await client.Transport.RequestAsync<StringResponse>(
                new EndpointPath(method, path),
                body is null ? null : PostData.String(body),
                null,
                null,
                cancellationToken).ConfigureAwait(false);
            var details = response.ApiCallDetails;
            // No answer reads as null from the HTTP invoker and as 0 from some others: both mean the cluster was not reached.
            var status = details.HttpStatusCode is > 0 ? details.HttpStatusCode : null;
            if (status is { } code && (code is >= 200 and < 300 || expected.Contains(code)))
            {
                return new ElasticsearchResponse(code, Parse(response.Body));
            }

            var retriable = status is null or 429 or >= 500;
            var parsed = new ElasticsearchResponse(status ?? 0, Parse(response.Body));
            if (!retriable || attempt >= maxRetries)
            {
                throw new ElasticsearchRequestException(
                    status is null
                        ? $"Elasticsearch did not answer {method} {PathOnly(path)}: {details.OriginalException?.GetType().Name}"
                        : $"Elasticsearch answered {method} {PathOnly(path)} with {status} {parsed.ErrorType}",
                    status,
                    parsed.ErrorType,
                    details.OriginalException);
            }

            var delay = Backoff(attempt);
            LogRetry(method.ToString(), PathOnly(path), status, attempt + 1, delay.TotalMilliseconds);
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The pause before retry <paramref name="attempt"/> + 1: the base doubled per attempt, plus up to a quarter of it at random, so instances do not retry in step.</summary>
    public TimeSpan Backoff(int attempt)
    {
        if (options.RetryBackoff <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var exponential = options.RetryBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 10));
        return TimeSpan.FromMilliseconds(exponential * (1 + (Random.Shared.NextDouble() / 4)));
    }

    /// <summary>Waits <see cref="Backoff"/> of <paramref name="attempt"/> on the engine's clock.</summary>
    public Task DelayAsync(int attempt, CancellationToken cancellationToken) => Task.Delay(Backoff(attempt), time, cancellationToken);

    private static JsonNode? Parse(string? body) => string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body);

    /// <summary>The path without its query string, for logs and messages (a query string may name a point in time).</summary>
    private static string PathOnly(string path) => path.Split('?')[0];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Elasticsearch answered {Method} {Path} with {Status}; retry {Attempt} in {DelayMs} ms")]
    private partial void LogRetry(string method, string path, int? status, int attempt, double delayMs);
}
