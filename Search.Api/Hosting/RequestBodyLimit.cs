using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace DongNai.Search.Api.Hosting;

/// <summary>
/// Request bodies are JSON of a few kilobytes; anything over <see cref="MaxBytes"/> is refused with
/// a 413 problem before it is read: by its Content-Length here, and by Kestrel's own limit (set to
/// the same) for a chunked body, which <see cref="Problems.ApiExceptionHandler"/> turns into the same 413.
/// An endpoint that takes more (identity photos, message pictures) says so with <see cref="IRequestSizeLimitMetadata"/>;
/// its limit then replaces both.
/// </summary>
internal static class RequestBodyLimit
{
    public const long MaxBytes = 256 * 1024;

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxBytes;
        if (limit != MaxBytes && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
        {
            server.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "The request body is too large.",
                    Detail = $"Send at most {limit / 1024} KiB.",
                },
            });
            return;
        }

        await next(context);
    });
}
