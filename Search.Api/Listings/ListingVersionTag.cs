using DongNai.Domain.Listings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace DongNai.Search.Api.Listings;

/// <summary>
/// A listing's entity tag: its <see cref="Listing.Version"/> as a strong, quoted ETag (<c>"3"</c>),
/// which grows by one on every write. Reads and writes send it; PUT and DELETE honour
/// <c>If-Match</c> with the strong comparison RFC 9110 asks for, so a client that edits an old copy
/// gets 412 instead of silently overwriting newer data. Without <c>If-Match</c> a write applies as
/// before (last writer wins). Pure functions; thread-safe.
/// </summary>
internal static class ListingVersionTag
{
    public static string For(Listing listing) => $"\"{listing.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"";

    /// <summary>Sets the <c>ETag</c> header of the response to <paramref name="listing"/>'s tag.</summary>
    public static void Send(HttpContext http, Listing listing) => http.Response.Headers.ETag = For(listing);

    /// <summary>
    /// Whether the request's <c>If-Match</c> allows a write to <paramref name="listing"/>: true when
    /// the header is absent, is <c>*</c>, or lists the listing's current tag; a weak tag never matches,
    /// and an unreadable header matches nothing.
    /// </summary>
    public static bool Allows(HttpRequest request, Listing listing)
    {
        var ifMatch = request.Headers.IfMatch;
        if (ifMatch.Count == 0)
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParseStrictList(ifMatch, out var tags))
        {
            return false;
        }

        var current = new EntityTagHeaderValue(For(listing));
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: true));
    }

    public static ProblemHttpResult PreconditionFailed(Listing listing) => TypedResults.Problem(
        title: "The listing has changed since you read it.",
        detail: $"If-Match does not name its current version {For(listing)}. Read it again (GET sends the ETag) and repeat your change.",
        statusCode: StatusCodes.Status412PreconditionFailed);

    /// <summary>Documents the <c>ETag</c> header on the operation's success answer.</summary>
    public static RouteHandlerBuilder DocumentsETag(this RouteHandlerBuilder builder, int status) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) == true
                && response is OpenApiResponse success)
            {
                success.Headers ??= new Dictionary<string, IOpenApiHeader>();
                success.Headers[HeaderNames.ETag] = new OpenApiHeader
                {
                    Description = "The listing's version as a strong entity tag, e.g. \"3\"; send it back in If-Match to change or delete this version only.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }

            return Task.CompletedTask;
        });

    /// <summary>Documents the optional <c>If-Match</c> request header and its 412 answer.</summary>
    public static RouteHandlerBuilder HonoursIfMatch(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status412PreconditionFailed).AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = HeaderNames.IfMatch,
                In = ParameterLocation.Header,
                Required = false,
                Description = "The ETag of the version you read; the write applies only if the listing is still at that version (else 412). Omit it to write whatever the current version is.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            if (operation.Responses?.TryGetValue("412", out var failed) == true && failed is OpenApiResponse problem)
            {
                problem.Description = "If-Match does not name the listing's current version: someone changed it since you read it. Nothing was changed.";
            }

            return Task.CompletedTask;
        });
}
