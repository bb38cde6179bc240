using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace DongNai.Search.Elasticsearch.Tests;

/// <summary>
/// The real Elasticsearch 9 the contract suite runs against: the one at <c>ELASTICSEARCH_URL</c>
/// (credentials in <c>ELASTICSEARCH_USERNAME</c>/<c>ELASTICSEARCH_PASSWORD</c>), else a single-node
/// container Testcontainers starts once per test run where Docker is reachable. Thread-safe.
/// </summary>
public static class ElasticsearchServer
{
    public const string UrlVariable = "ELASTICSEARCH_URL";
    public const string ImageVariable = "ELASTICSEARCH_IMAGE";
    public const string DefaultImage = "docker.elastic.co/elasticsearch/elasticsearch:9.1.0";

    private static readonly Lazy<Task<ElasticsearchClient>> Client = new(StartAsync);

    /// <summary>Null when a server is configured or Docker is reachable; otherwise the reason, and how to provide one.</summary>
    public static string? WhyUnavailable()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(UrlVariable)))
        {
            return null;
        }

        return TestcontainersSettings.OS.DockerEndpointAuthConfig is null
            ? $"No Elasticsearch here: {UrlVariable} is not set and Testcontainers finds no Docker engine. "
                + $"Set {UrlVariable}=http://host:9200 (a single-node Elasticsearch 9; ELASTICSEARCH_USERNAME/ELASTICSEARCH_PASSWORD if secured) "
                + $"or run where Docker is reachable, and the suite starts {DefaultImage} (or {ImageVariable})."
            : null;
    }

    public static Task<ElasticsearchClient> ClientAsync() => Client.Value;

    private static async Task<ElasticsearchClient> StartAsync()
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable);
        if (string.IsNullOrWhiteSpace(url))
        {
            IContainer container = new ContainerBuilder(Environment.GetEnvironmentVariable(ImageVariable) ?? DefaultImage)
                .WithEnvironment("discovery.type", "single-node")
                .WithEnvironment("xpack.security.enabled", "false")
                .WithEnvironment("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
                .WithPortBinding(9200, assignRandomHostPort: true)
                .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request.ForPort(9200).ForPath("/_cluster/health")))
                .Build();
            await container.StartAsync();
            url = $"http://{container.Hostname}:{container.GetMappedPublicPort(9200)}";
        }

        var settings = new ElasticsearchClientSettings(new Uri(url));
        if (Environment.GetEnvironmentVariable("ELASTICSEARCH_USERNAME") is { } username
            && Environment.GetEnvironmentVariable("ELASTICSEARCH_PASSWORD") is { } password)
        {
            settings = settings.Authentication(new BasicAuthentication(username, password));
        }

        return new ElasticsearchClient(settings);
    }
}

/// <summary>Skips the class's contract tests, with <see cref="ElasticsearchServer.WhyUnavailable"/> as the reason, where no Elasticsearch can be had.</summary>
public sealed class ElasticsearchAvailableAttribute : DongNai.Search.Tests.Contract.EngineAvailabilityAttribute
{
    public override string? WhyUnavailable() => ElasticsearchServer.WhyUnavailable();
}
