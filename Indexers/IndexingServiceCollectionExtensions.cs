using DongNai.Domain.Places;
using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Indexers;

public static class IndexingServiceCollectionExtensions
{
    /// <summary>Registers the outbox drainer, the rebuilder and their Hangfire jobs. Needs an <see cref="Search.ISearchEngine"/>, a <see cref="PlaceCatalog"/> and Hangfire registered.</summary>
    public static IServiceCollection AddIndexing(this IServiceCollection services)
    {
        services.AddSingleton<OutboxDrainer>();
        services.AddSingleton<IndexRebuilder>();
        services.AddSingleton<IndexingTrigger>();
        services.AddTransient<OutboxDrainJob>();
        services.AddTransient<IndexRebuildJob>();
        return services;
    }
}
