using System.Text;
using System.Text.Json.Nodes;
using DongNai.Domain.Listings;
using DongNai.Search.Elasticsearch.Transport;

namespace DongNai.Search.Elasticsearch.Indexing;

/// <summary>One write of a bulk request: a listing or a tombstone, into one index or alias, with its external version.</summary>
internal sealed record BulkOperation(string Index, ListingKind Kind, long Id, long ExternalVersion, JsonObject Source);

/// <summary>
/// Sends writes as <c>_bulk</c> requests with <c>version_type=external_gte</c> (see
/// <see cref="DocumentSource.UpsertVersion"/>) and reads the per-item answers: a version conflict
/// means a newer write is already there, so it is a no-op, not an error; items answered 429 or 5xx
/// are sent again after the connection's backoff; any other failed item throws. Thread-safe.
/// </summary>
internal static class BulkWriter
{
    public static string Body(IEnumerable<BulkOperation> operations)
    {
        var body = new StringBuilder();
        foreach (var operation in operations)
        {
            var action = new JsonObject
            {
                ["index"] = new JsonObject
                {
                    ["_index"] = operation.Index,
                    ["_id"] = DocumentSource.IdOf(operation.Id),
                    ["version"] = operation.ExternalVersion,
                    ["version_type"] = "external_gte",
                },
            };
            body.Append(action.ToJsonString()).Append('\n');
            body.Append(operation.Source.ToJsonString()).Append('\n');
        }

        return body.ToString();
    }

    /// <summary>Sends the operations; returns when every one is applied or refused as older.</summary>
    /// <exception cref="ElasticsearchRequestException">An item failed for another reason, or kept failing with 429/5xx.</exception>
    public static async Task WriteAsync(ElasticsearchConnection connection, IReadOnlyList<BulkOperation> operations, CancellationToken cancellationToken)
    {
        var pending = operations;
        for (var attempt = 0; pending.Count > 0; attempt++)
        {
            var response = await connection.SendAsync(Elastic.Transport.HttpMethod.POST, "/_bulk", Body(pending), cancellationToken).ConfigureAwait(false);
            var retry = Retriable(response.Body!, pending);
            if (retry.Count == 0)
            {
                return;
            }

            if (attempt >= connection.Options.MaxRetries)
            {
                throw new ElasticsearchRequestException($"{retry.Count} bulk items were still refused after {attempt + 1} tries.", 429, "bulk_rejected");
            }

            await connection.DelayAsync(attempt, cancellationToken).ConfigureAwait(false);
            pending = retry;
        }
    }

    /// <summary>The operations to send again; throws for an item that failed for good.</summary>
    public static List<BulkOperation> Retriable(JsonNode response, IReadOnlyList<BulkOperation> sent)
    {
        var retry = new List<BulkOperation>();
        if (response["errors"]?.GetValue<bool>() != true)
        {
            return retry;
        }

        var items = response["items"]?.AsArray() ?? [];
        for (var i = 0; i < items.Count && i < sent.Count; i++)
        {
            var result = items[i]?["index"];
            var status = result?["status"]?.GetValue<int>() ?? 0;
            if (status is >= 200 and < 300 or 409)
            {
                continue;
            }

            if (status is 429 or >= 500)
            {
                retry.Add(sent[i]);
                continue;
            }

            var type = (string?)result?["error"]?["type"];
            throw new ElasticsearchRequestException($"Elasticsearch refused listing {sent[i].Kind} {sent[i].Id} with {status} {type}.", status, type);
        }

        return retry;
    }
}
