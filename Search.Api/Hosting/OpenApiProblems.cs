using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DongNai.Search.Api.Hosting;

/// <summary>
/// Every error answer is an RFC 9457 problem (the exception handler, the status-code pages and the
/// rate limiter all write one), so every 4xx/5xx response in the document carries the
/// <c>application/problem+json</c> schema: a 400 the validation problem with its field errors,
/// the rest the plain problem. Operations that read a JSON body also document the 400 for an
/// unreadable body, the 413 for one over <see cref="RequestBodyLimit.MaxBytes"/> and the 415 for
/// one that is not sent as JSON. Every problem carries <c>traceId</c> (the framework's problem
/// writer adds it), documented on both schemas.
/// </summary>
internal static class OpenApiProblems
{
    private const string ProblemJson = "application/problem+json";

    public static void AddTo(OpenApiOptions options)
    {
        // Problems carry extensions (traceId, field), so they are open objects, unlike the request
        // and response bodies, whose unknown members the JSON options refuse.
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type))
            {
                schema.AdditionalPropertiesAllowed = true;
                schema.AdditionalProperties = null;
                schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
                schema.Properties.TryAdd("traceId", new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "The W3C id of the request's span (00-<trace id>-<span id>-<flags>): the trace id is what the service's log lines and traces carry.",
                });
            }

            return Task.CompletedTask;
        });
        options.AddOperationTransformer(DescribeProblems);
    }

    private static async Task DescribeProblems(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Responses ??= new OpenApiResponses();
        var readsBody = context.Description.ParameterDescriptions.Any(p => p.Source.Id == "Body")
            || context.Description.ActionDescriptor.EndpointMetadata.OfType<IAcceptsMetadata>().Any();
        if (readsBody)
        {
            operation.Responses.TryAdd("400", new OpenApiResponse { Description = "The body is not JSON of the expected form, or a field is invalid; errors name each field." });
            var limit = context.Description.ActionDescriptor.EndpointMetadata.OfType<IRequestSizeLimitMetadata>().LastOrDefault()?.MaxRequestBodySize ?? RequestBodyLimit.MaxBytes;
            operation.Responses.TryAdd("413", new OpenApiResponse { Description = $"The body is larger than {limit / 1024} KiB." });
            operation.Responses.TryAdd("415", new OpenApiResponse { Description = "The body is not sent as JSON (Content-Type: application/json), or in a character set no encoding has." });
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (!int.TryParse(status, out var code) || code < 400 || response is not OpenApiResponse problem)
            {
                continue;
            }

            var (id, type) = code == StatusCodes.Status400BadRequest
                ? ("HttpValidationProblemDetails", typeof(HttpValidationProblemDetails))
                : ("ProblemDetails", typeof(ProblemDetails));
            if (context.Document?.Components?.Schemas?.ContainsKey(id) != true)
            {
                context.Document?.AddComponent(id, await context.GetOrCreateSchemaAsync(type, null, cancellationToken));
            }

            problem.Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemJson] = new() { Schema = new OpenApiSchemaReference(id, context.Document) },
            };
        }
    }
}
