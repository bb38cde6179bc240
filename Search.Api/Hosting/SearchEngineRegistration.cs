using DongNai.Search.Elasticsearch;
using DongNai.Search.Elasticsearch.Transport;
using DongNai.Search.Lucene;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DongNai.Search.Api.Hosting;

/// <summary>Which engine serves searches: the embedded index (default) or an Elasticsearch cluster.</summary>
public enum SearchEngineKind
{
    Lucene = 0,
    Elasticsearch = 1,
}

/// <summary>Section <c>Search</c>: <c>Search:Engine = Lucene | Elasticsearch</c>; the cluster's settings are under <c>Search:Elasticsearch</c>.</summary>
public sealed class SearchEngineOptions
{
    public const string Section = "Search";

    public SearchEngineKind Engine { get; set; } = SearchEngineKind.Lucene;
}

/// <summary>Registers the configured <see cref="ISearchEngine"/>, and for Elasticsearch the cluster's health in <c>/health/ready</c>.</summary>
public static class SearchEngineRegistration
{
    public static void AddSearchEngine(this WebApplicationBuilder builder, SearchEngineOptions search, StorageOptions storage)
    {
        if (search.Engine != SearchEngineKind.Elasticsearch)
        {
            builder.Services.AddLuceneSearchEngine(storage.IndexPath);
            return;
        }

        var options = builder.Configuration.GetSection(ElasticsearchOptions.Section).Get<ElasticsearchOptions>() ?? new ElasticsearchOptions();
        options.Validate();
        builder.Services.AddElasticsearchSearchEngine(options);
        builder.Services.AddHealthChecks().AddCheck<ElasticsearchClusterCheck>("search-cluster", tags: ["ready"]);
    }
}

/// <summary>
/// Readiness with Elasticsearch as the engine: the cluster answers <c>_cluster/health</c> within
/// <see cref="Timeout"/> and is not red. Yellow (a replica unassigned, as on one node with
/// replicas) is degraded but ready: every shard can still answer.
/// </summary>
internal sealed class ElasticsearchClusterCheck(ElasticsearchSearchEngine engine) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var health = await engine.ClusterHealthAsync(timeout.Token);
            var description = $"Elasticsearch cluster '{health.ClusterName}' is {health.Status} with {health.Nodes} nodes.";
            return health.Status switch
            {
                "green" => HealthCheckResult.Healthy(description),
                "yellow" => HealthCheckResult.Degraded(description),
                _ => new HealthCheckResult(context.Registration.FailureStatus, description),
            };
        }
        catch (ElasticsearchRequestException exception)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Elasticsearch is not reachable: " + exception.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Elasticsearch did not answer within {Timeout.TotalSeconds} s.");
        }
    }
}
