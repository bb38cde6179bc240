using System.Net;
using DongNai.Search;
using DongNai.Search.Elasticsearch;
using DongNai.Search.Lucene;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace DongNai.Api.Tests;

/// <summary><c>Search:Engine</c> chooses the engine; the default run keeps the embedded one, and an unreachable cluster fails readiness, not the start.</summary>
public sealed class SearchEngineConfigurationTests
{
    [Fact]
    public void Start_UsesTheEmbeddedEngine_WhenNoEngineIsConfigured()
    {
        using var factory = new ApiFactory();

        var engine = factory.Services.GetRequiredService<ISearchEngine>();

        Assert.IsType<LuceneSearchEngine>(engine);
        Assert.DoesNotContain(factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations, r => r.Name == "search-cluster");
    }

    [Fact]
    public async Task Start_KeepsRunningButIsNotReady_WhenElasticsearchIsConfiguredButUnreachable()
    {
        using var factory = new ApiFactory();
        using var host = factory.WithWebHostBuilder(builder => builder
            .UseSetting("Search:Engine", "Elasticsearch")
            .UseSetting("Search:Elasticsearch:Url", "http://127.0.0.1:9")
            .UseSetting("Search:Elasticsearch:MaxRetries", "0"));
        var client = host.CreateClient();

        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == "search-cluster");

        Assert.IsType<ElasticsearchSearchEngine>(host.Services.GetRequiredService<ISearchEngine>());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var cluster = Assert.Single(report.Entries).Value;
        Assert.Equal(HealthStatus.Unhealthy, cluster.Status);
        Assert.StartsWith("Elasticsearch is not reachable", cluster.Description, StringComparison.Ordinal);
        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
    }
}
