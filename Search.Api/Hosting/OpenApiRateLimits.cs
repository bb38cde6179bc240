using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace DongNai.Search.Api.Hosting;

/// <summary>
/// Documents the 429 answer, with its <c>Retry-After</c> header, on every operation that has a
/// rate limit, read from the endpoint's own rate-limiting metadata.
/// </summary>
internal static class OpenApiRateLimits
{
    public static void AddTo(OpenApiOptions options) => options.AddOperationTransformer((operation, context, _) =>
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            return Task.CompletedTask;
        }

        operation.Responses ??= new OpenApiResponses();
        operation.Responses.TryAdd("429", new OpenApiResponse
        {
            Description = "Too many requests: this client address or account has spent its budget or has too many requests under way (on sign-in and password change, also: the phone number is locked out after wrong passwords); a problem response.",
            Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before trying again.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                },
            },
        });
        return Task.CompletedTask;
    });
}
