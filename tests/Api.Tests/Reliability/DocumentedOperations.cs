using System.Globalization;
using System.Text.Json.Nodes;
using DongNai.Api.Tests.Contract;

namespace DongNai.Api.Tests.Reliability;

/// <summary>One operation of the OpenAPI document: its id, method (upper case), path template, query parameters, response statuses and whether it reads a body.</summary>
public sealed record DocumentedOperation(
    string OperationId, string Method, string Path, bool HasBody, IReadOnlyList<DocumentedParameter> QueryParameters, IReadOnlySet<int> Statuses);

/// <summary>A query parameter and the values the document shows for it (example, default, bounds, enumerated values), as text.</summary>
public sealed record DocumentedParameter(string Name, IReadOnlyList<string> ShownValues);

/// <summary>
/// The operations of the committed OpenAPI snapshot (<c>docs/api/openapi-v1.json</c>), read at test
/// discovery so that theories get one case per operation and a new endpoint appears by itself.
/// The snapshot, not the served document: discovery cannot host the service, and
/// <see cref="OpenApiSnapshotTests"/> fails whenever the two differ.
/// </summary>
public static class DocumentedOperations
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    public static IReadOnlyList<DocumentedOperation> All { get; } = Read();

    private static List<DocumentedOperation> Read()
    {
        var document = OpenApiSnapshot.Read() ?? throw new InvalidOperationException($"There is no OpenAPI snapshot at {OpenApiSnapshot.SnapshotPath}.");
        var operations = new List<DocumentedOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject().Where(pair => Methods.Contains(pair.Key)))
            {
                var id = operation?["operationId"]?.GetValue<string>()
                    ?? throw new InvalidOperationException($"{method.ToUpperInvariant()} {path} has no operationId in the snapshot.");
                var parameters = (operation["parameters"] as JsonArray ?? [])
                    .Where(parameter => parameter?["in"]?.GetValue<string>() == "query")
                    .Select(parameter => new DocumentedParameter(parameter!["name"]!.GetValue<string>(), ShownValues(document, parameter)))
                    .ToList();
                var statuses = (operation["responses"] as JsonObject ?? []).Select(response => int.Parse(response.Key, CultureInfo.InvariantCulture)).ToHashSet();
                operations.Add(new DocumentedOperation(id, method.ToUpperInvariant(), path, operation["requestBody"] is JsonObject, parameters, statuses));
            }
        }

        return operations;
    }

    private static List<string> ShownValues(JsonNode document, JsonNode parameter)
    {
        var values = new List<string>();
        var schema = Resolve(document, parameter["schema"]);
        var items = Resolve(document, schema?["items"]);
        foreach (var node in (JsonNode?[])[parameter["example"], schema?["default"], schema?["minimum"], schema?["maximum"]])
        {
            values.AddRange(node switch
            {
                JsonArray array => [string.Join(',', array.Select(Text))],
                JsonValue value => [Text(value)],
                _ => [],
            });
        }

        foreach (var enumerated in (JsonNode?[])[schema?["enum"], items?["enum"]])
        {
            values.AddRange((enumerated as JsonArray ?? []).Select(Text));
        }

        return [.. values.Distinct(StringComparer.Ordinal)];
    }

    private static string Text(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        null => "",
        _ => node.ToJsonString(),
    };

    private static JsonNode? Resolve(JsonNode document, JsonNode? schema) =>
        schema?["$ref"]?.GetValue<string>() is { } reference
            ? document["components"]!["schemas"]![reference.Split('/')[^1]]
            : schema;
}
