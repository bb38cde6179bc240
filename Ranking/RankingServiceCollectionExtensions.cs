using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Ranking;

public static class RankingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RankedSearch"/> with the default <see cref="EngineOrderRanker"/> (register
    /// another <see cref="IRanker"/> after this call to replace it). Needs an
    /// <see cref="Search.ISearchEngine"/> registered by the host.
    /// </summary>
    public static IServiceCollection AddRanking(this IServiceCollection services, RankingOptions? options = null)
    {
        services.AddSingleton(options ?? new RankingOptions());
        services.AddSingleton<IRanker, EngineOrderRanker>();
        services.AddSingleton<RankedSearch>();
        return services;
    }
}
