using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Hangfire;
using Hangfire.Common;
using Microsoft.Net.Http.Headers;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DongNai.Search.Api.Hosting;

/// <summary>
/// Traces and metrics (OpenTelemetry): the service's own <see cref="SearchTelemetry"/> source and
/// meter, ASP.NET Core, EF Core, HttpClient, the .NET runtime and Hangfire jobs
/// (<see cref="JobTelemetryFilter"/>). Metrics are scraped by Prometheus at <c>/metrics</c> with a
/// bearer key (<see cref="MetricsOptions"/>, docs/decisions/0010); everything is also sent over OTLP
/// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. See docs/observability.md.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "dongnai-search";

    public const string MetricsPath = "/metrics";

    public static void AddTelemetry(this WebApplicationBuilder builder, MetricsOptions metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(SearchTelemetry.Name)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsHousekeeping(context.Request.Path))
                .AddHttpClientInstrumentation()

                // Only commands inside a span: the idle outbox check every few seconds, migrations and
                // start-up counts would otherwise each be a trace of one database call.
                .AddEntityFrameworkCoreInstrumentation(ef => ef.Filter = (_, _) => Activity.Current?.Parent is not null))
            .WithMetrics(meters => meters
                .AddMeter(SearchTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());

        // The SDK reads the endpoint, protocol and headers from the OTEL_EXPORTER_OTLP_* settings itself.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        // Hangfire reads its filters from this provider when one is registered (before AddHangfire,
        // which only adds the global one when none is): the global filters and the job attributes,
        // plus the span and metric of every job run.
        builder.Services.AddSingleton<IJobFilterProvider>(new JobFilterProviderCollection(
            JobFilterProviders.Providers,
            new JobFilterCollection { new JobTelemetryFilter() }));
    }

    /// <summary>
    /// Maps <c>/metrics</c> for Prometheus when <see cref="MetricsOptions.ScrapeKey"/> is set, answering
    /// only a request that sends it as a bearer token (401 otherwise); when it is not set, there is no
    /// such endpoint (404). Left out of the OpenAPI document and of the HTTP metrics it serves.
    /// </summary>
    public static void MapMetricsEndpoint(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var key = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MetricsOptions>>().Value.ScrapeKey;
        if (string.IsNullOrEmpty(key))
        {
            return;
        }

        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            if (!SendsKey(context.Request, expected))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            await next(context);
        }), optionsName: null)
            .ExcludeFromDescription()
            .DisableHttpMetrics();
    }

    /// <summary>Compares hashes in constant time, so neither the key's content nor its length leaks through timing.</summary>
    private static bool SendsKey(HttpRequest request, byte[] expected)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        const string Bearer = "Bearer ";
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var sent = SHA256.HashData(Encoding.UTF8.GetBytes(header[Bearer.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(sent, expected);
    }

    /// <summary>Scrapes and health probes every few seconds: not worth a trace each.</summary>
    private static bool IsHousekeeping(PathString path) =>
        path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The Prometheus scrape endpoint (section <c>Metrics</c>). <see cref="ScrapeKey"/> unset (the
/// default): no <c>/metrics</c> at all. Set: Prometheus sends it as <c>Authorization: Bearer …</c>
/// (its <c>authorization</c> scrape setting). See docs/decisions/0010.
/// </summary>
public sealed class MetricsOptions : IValidatableObject
{
    public const string Section = "Metrics";

    /// <summary>A key shorter than this is refused at start: it must not be guessable.</summary>
    public const int MinKeyLength = 32;

    public string? ScrapeKey { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ScrapeKey is not null && ScrapeKey.Trim().Length < MinKeyLength)
        {
            yield return new ValidationResult($"The scrape key must be at least {MinKeyLength} characters long (e.g. 32 random bytes in base64).", [nameof(ScrapeKey)]);
        }
    }
}
