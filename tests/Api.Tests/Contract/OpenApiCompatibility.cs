using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DongNai.Api.Tests.Contract;

/// <summary>A change that can break a client written against the old document.</summary>
/// <param name="Path">Where: the operation (<c>GET /api/x</c>) and the part of it, e.g. <c>query parameter 'size'</c> or <c>response 200 (application/json) › hits[].title</c>.</param>
/// <param name="Description">What changed, with the old and new values.</param>
public sealed record BreakingChange(string Path, string Description)
{
    public override string ToString() => $"{Path}: {Description}";
}

/// <summary>
/// Lists the breaking changes between two OpenAPI 3.x documents (as System.Text.Json nodes).
/// Pure: reads both documents, changes neither, and is safe to call from several threads.
/// </summary>
/// <remarks>
/// A change breaks a client when a request it used to send may now be refused, or a response it
/// used to read may now come back in a shape it does not expect. So inputs (parameters, request
/// bodies) may widen but not narrow (a type, enum, bound, length, pattern or format that admits
/// fewer values; a parameter or property removed or newly required), and outputs (2xx JSON
/// responses) may gain but not lose (an operation, status code, content type or property removed,
/// a property no longer always present, a type that now admits values the old one did not).
/// Additions are never breaking. <c>$ref</c>s are followed within each document, and a path
/// template matches its counterpart whatever its parameters are called (<c>/x/{id}</c> = <c>/x/{listingId}</c>);
/// path parameters are matched by position for the same reason. Composition is understood as far as
/// the ASP.NET Core generator emits it: <c>allOf</c> members merged, and a <c>oneOf</c>/<c>anyOf</c> of
/// one schema and <c>{"type":"null"}</c> read as that schema made nullable.
/// </remarks>
public static partial class OpenApiCompatibility
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public static IReadOnlyList<BreakingChange> FindBreakingChanges(JsonDocument oldDocument, JsonDocument newDocument) =>
        FindBreakingChanges(JsonNode.Parse(oldDocument.RootElement.GetRawText())!, JsonNode.Parse(newDocument.RootElement.GetRawText())!);

    public static IReadOnlyList<BreakingChange> FindBreakingChanges(JsonNode oldDocument, JsonNode newDocument)
    {
        var comparison = new Comparison(oldDocument, newDocument);
        comparison.ComparePaths();
        return comparison.Changes;
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex TemplateParameter();

    private enum Direction
    {
        /// <summary>Sent by the client: may widen, must not narrow.</summary>
        Input,

        /// <summary>Read by the client: may narrow or gain properties, must not lose or widen.</summary>
        Output,
    }

    /// <summary>A schema with its <c>$ref</c>s followed and a null-or-schema union unwrapped.</summary>
    private sealed record Schema(JsonObject Node, string? Reference, HashSet<string>? Types);

    private sealed class Comparison(JsonNode oldDocument, JsonNode newDocument)
    {
        /// <summary>The references being compared on the current descent, so a recursive schema ends.</summary>
        private readonly HashSet<(string?, string?, Direction)> _descent = [];

        public List<BreakingChange> Changes { get; } = [];

        public void ComparePaths()
        {
            var oldPaths = oldDocument["paths"] as JsonObject ?? [];
            var newPaths = (newDocument["paths"] as JsonObject ?? [])
                .GroupBy(path => NormaliseTemplate(path.Key))
                .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
            foreach (var (template, oldItemNode) in oldPaths)
            {
                if (oldItemNode is not JsonObject oldItem)
                {
                    continue;
                }

                newPaths.TryGetValue(NormaliseTemplate(template), out var newEntry);
                var newItem = newEntry.Value as JsonObject;
                foreach (var method in Methods)
                {
                    if (oldItem[method] is not JsonObject oldOperation)
                    {
                        continue;
                    }

                    var operation = $"{method.ToUpperInvariant()} {template}";
                    if (newItem?[method] is not JsonObject newOperation)
                    {
                        Add(operation, "operation removed");
                        continue;
                    }

                    CompareParameters(operation, template, newEntry.Key, oldItem, oldOperation, newItem, newOperation);
                    CompareRequestBodies(operation, oldOperation["requestBody"], newOperation["requestBody"]);
                    CompareResponses(operation, oldOperation["responses"] as JsonObject, newOperation["responses"] as JsonObject);
                }
            }
        }

        private void CompareParameters(string operation, string oldTemplate, string newTemplate, JsonObject oldItem, JsonObject oldOperation, JsonObject newItem, JsonObject newOperation)
        {
            var oldParameters = Parameters(oldDocument, oldTemplate, oldItem, oldOperation);
            var newParameters = Parameters(newDocument, newTemplate, newItem, newOperation);
            foreach (var (key, oldParameter) in oldParameters)
            {
                var where = $"{operation} › {Describe(oldParameter)}";
                if (!newParameters.TryGetValue(key, out var newParameter))
                {
                    Add(where, "parameter removed");
                    continue;
                }

                if (IsTrue(newParameter["required"]) && !IsTrue(oldParameter["required"]))
                {
                    Add(where, "parameter became required");
                }

                CompareSchemas(where, "", oldParameter["schema"], newParameter["schema"], Direction.Input);
            }

            foreach (var (key, newParameter) in newParameters)
            {
                if (!oldParameters.ContainsKey(key) && IsTrue(newParameter["required"]))
                {
                    Add($"{operation} › {Describe(newParameter)}", "new required parameter");
                }
            }
        }

        private void CompareRequestBodies(string operation, JsonNode? oldBodyNode, JsonNode? newBodyNode)
        {
            var where = $"{operation} › request body";
            var oldBody = Resolve(oldDocument, oldBodyNode).Node;
            var newBody = Resolve(newDocument, newBodyNode).Node;
            if (newBody is not null && IsTrue(newBody["required"]) && (oldBody is null || !IsTrue(oldBody["required"])))
            {
                Add(where, oldBody is null ? "new required request body" : "request body became required");
            }

            if (oldBody is null)
            {
                return;
            }

            if (newBody is null)
            {
                Add(where, "request body removed");
                return;
            }

            var newContent = newBody["content"] as JsonObject ?? [];
            foreach (var (mediaType, oldMedia) in oldBody["content"] as JsonObject ?? [])
            {
                if (newContent[mediaType] is not JsonObject newMedia)
                {
                    Add(where, $"content type {mediaType} no longer accepted");
                }
                else if (IsJson(mediaType))
                {
                    CompareSchemas($"{where} ({mediaType})", "", oldMedia?["schema"], newMedia["schema"], Direction.Input);
                }
            }
        }

        private void CompareResponses(string operation, JsonObject? oldResponses, JsonObject? newResponses)
        {
            foreach (var (status, oldResponseNode) in oldResponses ?? [])
            {
                if (!status.StartsWith('2'))
                {
                    continue;
                }

                var where = $"{operation} › response {status}";
                var newResponse = Resolve(newDocument, newResponses?[status]).Node;
                if (newResponse is null)
                {
                    Add(where, "response removed");
                    continue;
                }

                var oldResponse = Resolve(oldDocument, oldResponseNode).Node;
                var newContent = newResponse["content"] as JsonObject ?? [];
                foreach (var (mediaType, oldMedia) in oldResponse?["content"] as JsonObject ?? [])
                {
                    if (newContent[mediaType] is not JsonObject newMedia)
                    {
                        Add(where, $"content type {mediaType} removed");
                    }
                    else if (IsJson(mediaType))
                    {
                        CompareSchemas($"{where} ({mediaType})", "", oldMedia?["schema"], newMedia["schema"], Direction.Output);
                    }
                }
            }
        }

        private void CompareSchemas(string where, string at, JsonNode? oldNode, JsonNode? newNode, Direction direction)
        {
            var oldSchema = ReadSchema(oldDocument, oldNode);
            var newSchema = ReadSchema(newDocument, newNode);
            if (oldSchema is null || newSchema is null)
            {
                // No schema says nothing about the values; only a schema the new document adds could narrow them.
                if (oldSchema is null && newSchema is not null && direction == Direction.Input && newSchema.Types is not null)
                {
                    AddAt(where, at, $"type narrowed from any to {Show(newSchema.Types)}");
                }

                return;
            }

            var descent = (oldSchema.Reference, newSchema.Reference, direction);
            if ((oldSchema.Reference is not null || newSchema.Reference is not null) && !_descent.Add(descent))
            {
                return;
            }

            CompareTypes(where, at, oldSchema, newSchema, direction);
            if (direction == Direction.Input)
            {
                CompareInputConstraints(where, at, oldSchema.Node, newSchema.Node);
            }

            CompareProperties(where, at, oldSchema, newSchema, direction);
            CompareSchemas(where, at + "[]", oldSchema.Node["items"], newSchema.Node["items"], direction);
            if (oldSchema.Node["additionalProperties"] is JsonObject oldValues)
            {
                CompareSchemas(where, at + "{}", oldValues, newSchema.Node["additionalProperties"] as JsonObject, direction);
            }

            _descent.Remove(descent);
        }

        private void CompareTypes(string where, string at, Schema oldSchema, Schema newSchema, Direction direction)
        {
            if (direction == Direction.Input && !Covers(newSchema.Types, oldSchema.Types))
            {
                AddAt(where, at, $"type narrowed from {Show(oldSchema.Types)} to {Show(newSchema.Types)}");
            }
            else if (direction == Direction.Output && !Covers(oldSchema.Types, newSchema.Types))
            {
                AddAt(where, at, $"type changed from {Show(oldSchema.Types)} to {Show(newSchema.Types)}");
            }

            var oldFormat = oldSchema.Node["format"]?.GetValue<string>();
            var newFormat = newSchema.Node["format"]?.GetValue<string>();
            if (string.Equals(oldFormat, newFormat, StringComparison.Ordinal))
            {
                return;
            }

            if (direction == Direction.Input && newFormat is not null && !FormatWidens(oldFormat, newFormat))
            {
                AddAt(where, at, $"format narrowed from {oldFormat ?? "none"} to {newFormat}");
            }
            else if (direction == Direction.Output && oldFormat is not null && !FormatWidens(newFormat, oldFormat))
            {
                AddAt(where, at, $"format changed from {oldFormat} to {newFormat ?? "none"}");
            }
        }

        private void CompareInputConstraints(string where, string at, JsonObject oldSchema, JsonObject newSchema)
        {
            var oldEnum = EnumValues(oldSchema);
            var newEnum = EnumValues(newSchema);
            if (newEnum is not null && oldEnum is null)
            {
                AddAt(where, at, $"now limited to the values {string.Join(", ", newEnum)}");
            }
            else if (newEnum is not null && oldEnum is not null && oldEnum.Except(newEnum).ToList() is [_, ..] removed)
            {
                AddAt(where, at, $"enum values removed: {string.Join(", ", removed)}");
            }

            CompareLowerBound(where, at, "minimum", oldSchema, newSchema);
            CompareLowerBound(where, at, "exclusiveMinimum", oldSchema, newSchema);
            CompareLowerBound(where, at, "minLength", oldSchema, newSchema);
            CompareLowerBound(where, at, "minItems", oldSchema, newSchema);
            CompareUpperBound(where, at, "maximum", oldSchema, newSchema);
            CompareUpperBound(where, at, "exclusiveMaximum", oldSchema, newSchema);
            CompareUpperBound(where, at, "maxLength", oldSchema, newSchema);
            CompareUpperBound(where, at, "maxItems", oldSchema, newSchema);

            var oldPattern = oldSchema["pattern"]?.GetValue<string>();
            var newPattern = newSchema["pattern"]?.GetValue<string>();
            if (newPattern is not null && !string.Equals(oldPattern, newPattern, StringComparison.Ordinal))
            {
                AddAt(where, at, oldPattern is null ? $"pattern {newPattern} added" : $"pattern changed from {oldPattern} to {newPattern}");
            }
        }

        private void CompareLowerBound(string where, string at, string keyword, JsonObject oldSchema, JsonObject newSchema)
        {
            var oldBound = Number(oldSchema[keyword]);
            var newBound = Number(newSchema[keyword]);
            if (newBound is not null && (oldBound is null || newBound > oldBound))
            {
                AddAt(where, at, oldBound is null ? $"{keyword} {Show(newBound.Value)} added" : $"{keyword} raised from {Show(oldBound.Value)} to {Show(newBound.Value)}");
            }
        }

        private void CompareUpperBound(string where, string at, string keyword, JsonObject oldSchema, JsonObject newSchema)
        {
            var oldBound = Number(oldSchema[keyword]);
            var newBound = Number(newSchema[keyword]);
            if (newBound is not null && (oldBound is null || newBound < oldBound))
            {
                AddAt(where, at, oldBound is null ? $"{keyword} {Show(newBound.Value)} added" : $"{keyword} lowered from {Show(oldBound.Value)} to {Show(newBound.Value)}");
            }
        }

        private void CompareProperties(string where, string at, Schema oldSchema, Schema newSchema, Direction direction)
        {
            var oldProperties = Properties(oldDocument, oldSchema.Node);
            var newProperties = Properties(newDocument, newSchema.Node);
            var oldRequired = Required(oldDocument, oldSchema.Node);
            var newRequired = Required(newDocument, newSchema.Node);
            foreach (var (name, oldProperty) in oldProperties)
            {
                var property = at.Length == 0 ? name : $"{at}.{name}";
                if (!newProperties.TryGetValue(name, out var newProperty))
                {
                    AddAt(where, property, "property removed");
                    continue;
                }

                if (direction == Direction.Input && newRequired.Contains(name) && !oldRequired.Contains(name))
                {
                    AddAt(where, property, "property became required");
                }
                else if (direction == Direction.Output && oldRequired.Contains(name) && !newRequired.Contains(name))
                {
                    AddAt(where, property, "property no longer always present");
                }

                CompareSchemas(where, property, oldProperty, newProperty, direction);
            }

            if (direction == Direction.Input)
            {
                foreach (var name in newRequired.Where(name => !oldProperties.ContainsKey(name) && !oldRequired.Contains(name)))
                {
                    AddAt(where, at.Length == 0 ? name : $"{at}.{name}", "new required property");
                }
            }
        }

        private void Add(string where, string description) => Changes.Add(new BreakingChange(where, description));

        private void AddAt(string where, string at, string description) =>
            Add(at.Length == 0 ? where : $"{where} › {at}", description);
    }

    /// <summary>The operation's parameters with the path item's, keyed by location and name (path ones by position).</summary>
    private static Dictionary<string, JsonObject> Parameters(JsonNode document, string template, JsonObject pathItem, JsonObject operation)
    {
        var positions = TemplateParameter().Matches(template).Select((match, index) => (Name: match.Value[1..^1], index))
            .ToDictionary(position => position.Name, position => position.index, StringComparer.Ordinal);
        var parameters = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var node in (pathItem["parameters"] as JsonArray ?? []).Concat(operation["parameters"] as JsonArray ?? []))
        {
            if (Resolve(document, node).Node is not { } parameter)
            {
                continue;
            }

            var location = parameter["in"]?.GetValue<string>() ?? "";
            var name = parameter["name"]?.GetValue<string>() ?? "";
            var key = location == "path" && positions.TryGetValue(name, out var position)
                ? $"path#{position}"
                : $"{location}:{(location == "header" ? name.ToUpperInvariant() : name)}";
            parameters[key] = parameter;
        }

        return parameters;
    }

    private static string Describe(JsonObject parameter) =>
        $"{parameter["in"]?.GetValue<string>()} parameter '{parameter["name"]?.GetValue<string>()}'";

    private static (JsonObject? Node, string? Reference) Resolve(JsonNode document, JsonNode? node)
    {
        string? reference = null;
        for (var hops = 0; hops < 32 && node is JsonObject target && target["$ref"]?.GetValue<string>() is { } pointer; hops++)
        {
            reference = pointer;
            node = Pointer(document, pointer);
        }

        return (node as JsonObject, reference);
    }

    /// <summary>Follows a local JSON pointer (<c>#/components/schemas/X</c>); an external or broken one resolves to nothing.</summary>
    private static JsonNode? Pointer(JsonNode document, string pointer)
    {
        if (!pointer.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        JsonNode? node = document;
        foreach (var segment in pointer[2..].Split('/'))
        {
            node = node is JsonObject container ? container[Uri.UnescapeDataString(segment).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)] : null;
        }

        return node;
    }

    private static Schema? ReadSchema(JsonNode document, JsonNode? node)
    {
        var (resolved, reference) = Resolve(document, node);
        if (resolved is null)
        {
            return null;
        }

        var nullable = false;
        foreach (var union in new[] { "oneOf", "anyOf" })
        {
            if (resolved[union] is JsonArray variants && variants.Count == 2 && variants.Count(IsNullSchema) == 1)
            {
                var inner = Resolve(document, variants.First(variant => !IsNullSchema(variant)));
                if (inner.Node is null)
                {
                    return null;
                }

                (resolved, reference, nullable) = (inner.Node, inner.Reference ?? reference, true);
                break;
            }
        }

        var types = Types(resolved["type"]);
        if (types is not null && nullable)
        {
            types.Add("null");
        }

        return new Schema(resolved, reference, types);
    }

    private static bool IsNullSchema(JsonNode? node) =>
        node is JsonObject schema && schema.Count == 1 && schema["type"] is JsonValue value && value.GetValue<string>() == "null";

    /// <summary>The schema's types, or null when it does not restrict them.</summary>
    private static HashSet<string>? Types(JsonNode? type) => type switch
    {
        JsonValue single => [single.GetValue<string>()],
        JsonArray many => many.Select(item => item!.GetValue<string>()).ToHashSet(StringComparer.Ordinal),
        _ => null,
    };

    /// <summary>Whether every value of <paramref name="narrower"/>'s types is admitted by <paramref name="wider"/>'s (an integer is a number).</summary>
    private static bool Covers(HashSet<string>? wider, HashSet<string>? narrower) =>
        wider is null || (narrower is not null && narrower.All(type => wider.Contains(type) || (type == "integer" && wider.Contains("number"))));

    private static string Show(HashSet<string>? types) =>
        types is null ? "any" : string.Join(" | ", types.Order(StringComparer.Ordinal));

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether a value of format <paramref name="from"/> always fits format <paramref name="to"/>.</summary>
    private static bool FormatWidens(string? from, string? to) =>
        to is null || (from, to) is ("int32", "int64") or ("float", "double");

    private static List<string>? EnumValues(JsonObject schema) =>
        (schema["enum"] as JsonArray)?.Select(value => value?.ToJsonString() ?? "null").ToList();

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : null;

    private static Dictionary<string, JsonNode?> Properties(JsonNode document, JsonObject schema)
    {
        var properties = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var part in Parts(document, schema))
        {
            foreach (var (name, property) in part["properties"] as JsonObject ?? [])
            {
                properties.TryAdd(name, property);
            }
        }

        return properties;
    }

    private static HashSet<string> Required(JsonNode document, JsonObject schema) =>
        Parts(document, schema)
            .SelectMany(part => part["required"] as JsonArray ?? [])
            .Select(name => name!.GetValue<string>())
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The schema and, recursively, the members of its <c>allOf</c>.</summary>
    private static IEnumerable<JsonObject> Parts(JsonNode document, JsonObject schema, int depth = 0)
    {
        yield return schema;
        if (depth > 16)
        {
            yield break;
        }

        foreach (var member in schema["allOf"] as JsonArray ?? [])
        {
            if (Resolve(document, member).Node is { } resolved)
            {
                foreach (var part in Parts(document, resolved, depth + 1))
                {
                    yield return part;
                }
            }
        }
    }

    private static bool IsTrue(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    private static bool IsJson(string mediaType) =>
        mediaType.Contains("json", StringComparison.OrdinalIgnoreCase);

    private static string NormaliseTemplate(string template) => TemplateParameter().Replace(template, "{}");
}
