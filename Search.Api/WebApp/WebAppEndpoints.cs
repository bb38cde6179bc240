using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DongNai.Search.Api.WebApp;

/// <summary>
/// Serves the citizen and staff web app: static files from <c>wwwroot</c> (no build step, decision
/// 0018), <c>index.html</c> at <c>/</c>, and the page's settings at <c>/web/config.json</c>. Neither
/// is an API operation, so both stay out of the OpenAPI document.
/// </summary>
public static class WebAppEndpoints
{
    public record WebConfigResponse(string TileUrl, string TileAttribution);

    /// <summary>Static files with a content security policy that allows only this service and the tile server.</summary>
    public static void UseWebApp(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<WebAppOptions>>().Value;
        var policy = string.Join("; ",
            "default-src 'self'",
            $"img-src 'self' data: blob: {options.TileOrigin}",
            "style-src 'self' 'unsafe-inline'",
            "script-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'");
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                if (context.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                {
                    headers.ContentSecurityPolicy = policy;
                }

                // No fingerprinted names without a build step: always revalidate (ETag answers 304).
                headers.CacheControl = "no-cache";
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
            },
        });
    }

    public static void MapWebAppEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/web/config.json", GetConfig).ExcludeFromDescription();
    }

    private static WebConfigResponse GetConfig(IOptions<WebAppOptions> options) =>
        new(options.Value.TileUrl, options.Value.TileAttribution);
}
