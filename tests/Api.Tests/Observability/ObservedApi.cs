using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

namespace DongNai.Api.Tests.Observability;

/// <summary>
/// A host whose finished spans are kept in <see cref="Spans"/> (OpenTelemetry's in-memory
/// exporter) and whose <c>/metrics</c> answers <see cref="ScrapeKey"/>, uncached, so a test reads
/// what it has just caused. It has its own <see cref="ApiFactory"/> (two hosts may not share a data
/// folder), disposed with it.
/// </summary>
public sealed partial class ObservedApi : IDisposable
{
    public const string ScrapeKey = "test-scrape-key-0123456789abcdefghijklmnop";

    private readonly ApiFactory _factory = new();

    public ObservedApi()
    {
        Host = _factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Metrics:ScrapeKey", ScrapeKey);
            builder.ConfigureTestServices(services =>
            {
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
                services.Configure<PrometheusAspNetCoreOptions>(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
            });
        });
    }

    public WebApplicationFactory<Program> Host { get; }

    public SpanLog Spans { get; } = new();

    /// <summary>The metrics text as Prometheus scrapes it.</summary>
    public async Task<string> ScrapeAsync()
    {
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ScrapeKey);
        var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// The sum of the samples named <paramref name="name"/> whose labels include all of
    /// <paramref name="labels"/> (name=value), 0 when there are none.
    /// </summary>
    public static double Sample(string metrics, string name, params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var total = 0.0;
        foreach (Match sample in SampleLine().Matches(metrics))
        {
            if (sample.Groups["name"].Value == name && labels.All(label => sample.Groups["labels"].Value.Contains(Quoted(label), StringComparison.Ordinal)))
            {
                total += double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    /// <summary>Waits for the first span that <paramref name="match"/> accepts (a background job or drain ends when it ends).</summary>
    public async Task<Activity> SpanAsync(Func<Activity, bool> match, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (Spans.Snapshot().FirstOrDefault(match) is { } span)
            {
                return span;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No span: {what}. Spans: {string.Join(", ", Spans.Snapshot().Select(s => s.DisplayName).Distinct())}");
            await Task.Delay(100);
        }
    }

    public void Dispose() => _factory.Dispose();

    private static string Quoted(string label)
    {
        var equals = label.IndexOf('=', StringComparison.Ordinal);
        return $"{label[..equals]}=\"{label[(equals + 1)..]}\"";
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})? (?<value>[^ \n]+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}

/// <summary>Finished spans, added by the exporter from any thread and read by the tests as snapshots.</summary>
public sealed class SpanLog : System.Collections.ObjectModel.Collection<Activity>
{
    private readonly Lock _lock = new();

    public List<Activity> Snapshot()
    {
        lock (_lock)
        {
            return [.. Items];
        }
    }

    /// <summary>The spans of one trace.</summary>
    public List<Activity> OfTrace(string traceId) => Snapshot().Where(span => span.TraceId.ToHexString() == traceId).ToList();

    protected override void InsertItem(int index, Activity item)
    {
        lock (_lock)
        {
            base.InsertItem(index, item);
        }
    }
}
