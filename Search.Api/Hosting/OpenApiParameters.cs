using System.Globalization;
using System.Text.Json.Nodes;
using DongNai.Search.Api.Parameters;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DongNai.Search.Api.Hosting;

/// <summary>
/// Writes each operation's parameters from its <see cref="QueryParameterMetadata"/>, the same
/// definitions its handler reads values with: types, bounds, accepted values, defaults and examples.
/// A definition replaces the parameter ASP.NET inferred from the handler's signature, if any.
/// </summary>
internal static class OpenApiParameters
{
    public static void AddTo(OpenApiOptions options) => options.AddOperationTransformer((operation, context, _) =>
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<QueryParameterMetadata>().LastOrDefault() is not { } metadata)
        {
            return Task.CompletedTask;
        }

        operation.Parameters ??= [];
        foreach (var parameter in metadata.Parameters)
        {
            var location = parameter.InPath ? ParameterLocation.Path : ParameterLocation.Query;
            var inferred = operation.Parameters.Where(p => p.Name == parameter.Name && p.In == location).ToList();
            foreach (var old in inferred)
            {
                operation.Parameters.Remove(old);
            }

            operation.Parameters.Add(Describe(parameter, location, context.Document));
        }

        return Task.CompletedTask;
    });

    private static OpenApiParameter Describe(QueryParameter parameter, ParameterLocation location, OpenApiDocument? document)
    {
        IOpenApiSchema schema = Schema(parameter);
        if (parameter is { Values: { } values, ValuesName: { } name } && document is not null)
        {
            // Listed once under its name, so clients get one type (RentalType, SearchSort) rather than one per operation.
            document.AddComponent(name, new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))] });
            schema = new OpenApiSchemaReference(name, document);
            if (!parameter.Repeatable && parameter.Default is { } fallback)
            {
                // A reference cannot carry a default beside it in every tool; the description says it.
                parameter = parameter with { Description = $"{parameter.Description} Default: {fallback}." };
            }
        }

        if (parameter.Repeatable)
        {
            schema = new OpenApiSchema { Type = JsonSchemaType.Array, Items = schema };
        }

        return new OpenApiParameter
        {
            Name = parameter.Name,
            In = location,
            Required = parameter.InPath || parameter.Required,
            Description = parameter.Description,
            Schema = schema,
            // The defaults, written out: form style, exploded (?x=a&x=b) in the query; simple in the path.
            Style = parameter.InPath ? ParameterStyle.Simple : ParameterStyle.Form,
            Explode = !parameter.InPath,
            Example = parameter.Example is { } example ? Value(parameter, example) : null,
        };
    }

    private static OpenApiSchema Schema(QueryParameter parameter)
    {
        var schema = new OpenApiSchema
        {
            Type = parameter.Type switch
            {
                QueryValueType.WholeNumber => JsonSchemaType.Integer,
                QueryValueType.Number => JsonSchemaType.Number,
                QueryValueType.Boolean => JsonSchemaType.Boolean,
                _ => JsonSchemaType.String,
            },
            Format = parameter.Type switch
            {
                QueryValueType.WholeNumber => "int64",
                QueryValueType.Number => "double",
                _ => null,
            },
            Minimum = parameter.Minimum?.ToString(CultureInfo.InvariantCulture),
            Maximum = parameter.Maximum?.ToString(CultureInfo.InvariantCulture),
            MaxLength = parameter.Type is QueryValueType.Text or QueryValueType.TimeOfDay && !parameter.Repeatable ? parameter.MaxLength : null,
            Pattern = parameter.Pattern,
            Default = parameter.Default is { } value ? Value(parameter, value) : null,
        };
        if (parameter.Values is { } values)
        {
            schema.Enum = values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
        }

        return schema;
    }

    private static JsonNode Value(QueryParameter parameter, string text)
    {
        if (parameter.Repeatable)
        {
            return new JsonArray(text.Split(',').Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
        }

        return parameter.Type switch
        {
            QueryValueType.WholeNumber => JsonValue.Create(long.Parse(text, CultureInfo.InvariantCulture)),
            QueryValueType.Number => JsonValue.Create(decimal.Parse(text, CultureInfo.InvariantCulture)),
            QueryValueType.Boolean => JsonValue.Create(text == "true"),
            _ => JsonValue.Create(text),
        };
    }
}
