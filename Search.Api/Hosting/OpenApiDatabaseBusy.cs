using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DongNai.Search.Api.Hosting;

/// <summary>
/// Documents the 503 answer, with its <c>Retry-After</c> header, on every operation that writes
/// (any method but GET and HEAD): SQLite takes one writer at a time, and a request that cannot get
/// the write lock within <see cref="RequestDatabaseTimeout.Seconds"/> is answered 503 with nothing
/// changed (<see cref="Problems.DatabaseBusy"/>). Registered before <see cref="OpenApiProblems"/>,
/// which gives the response its problem schema.
/// </summary>
internal static class OpenApiDatabaseBusy
{
    public static void AddTo(OpenApiOptions options) => options.AddOperationTransformer((operation, context, _) =>
    {
        var method = context.Description.HttpMethod;
        if (method is null || HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
        {
            return Task.CompletedTask;
        }

        operation.Responses ??= new OpenApiResponses();
        operation.Responses.TryAdd("503", new OpenApiResponse
        {
            Description = "The database is held by another write; nothing was changed. A problem response; try again after Retry-After.",
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
