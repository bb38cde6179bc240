using DongNai.Domain.Places;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DongNai.Indexers;

public static class IndexingServiceCollectionExtensions
{
    /// <summary>Registers the outbox drainer, the rebuilder, the popularity refresher and their Hangfire jobs (and the system clock unless one is registered). Needs an <see cref="Search.ISearchEngine"/>, a <see cref="PlaceCatalog"/> and Hangfire registered.</summary>
    public static IServiceCollection AddIndexing(this IServiceCollection services)
    {
        services.AddSingleton<OutboxDrainer>();
        services.AddSingleton<IndexRebuilder>();
        services.AddSingleton<IndexingTrigger>();
        services.AddSingleton<PopularityRefresher>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<OutboxDrainJob>();
        services.AddTransient<PopularityRefreshJob>();
        services.AddTransient<IndexRebuildJob>();
        return services;
    }
}
