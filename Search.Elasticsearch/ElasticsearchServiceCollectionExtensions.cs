using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DongNai.Search.Elasticsearch;

public static class ElasticsearchServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Elasticsearch engine as the process's <see cref="ISearchEngine"/> (and as itself,
    /// for the host's health check), with a client built from <paramref name="options"/>: basic
    /// authentication or an API key, and a pinned CA certificate fingerprint when given.
    /// Nothing connects until the first call.
    /// </summary>
    public static IServiceCollection AddElasticsearchSearchEngine(this IServiceCollection services, ElasticsearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(provider => new ElasticsearchSearchEngine(
            CreateClient(options),
            options,
            provider.GetRequiredService<ILogger<ElasticsearchSearchEngine>>(),
            provider.GetService<TimeProvider>()));
        services.AddSingleton<ISearchEngine>(provider => provider.GetRequiredService<ElasticsearchSearchEngine>());
        return services;
    }

    /// <summary>The client for a configured cluster; its own retries are off, as the engine retries 429 and 5xx itself with backoff.</summary>
    public static ElasticsearchClient CreateClient(ElasticsearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = new ElasticsearchClientSettings(new Uri(options.Url))
            .RequestTimeout(options.RequestTimeout)
            .MaximumRetries(0);
        if (options.ApiKey is { Length: > 0 } apiKey)
        {
            settings = settings.Authentication(new ApiKey(apiKey));
        }
        else if (options.Username is { } username && options.Password is { } password)
        {
            settings = settings.Authentication(new BasicAuthentication(username, password));
        }

        if (options.CertificateFingerprint is { Length: > 0 } fingerprint)
        {
            settings = settings.CertificateFingerprint(fingerprint);
        }

        return new ElasticsearchClient(settings);
    }
}
