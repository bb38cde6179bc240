using DongNai.Ranking.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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

    /// <summary>
    /// Replaces the ranker with <see cref="PersonalizedRanker"/>: the engine's order for anonymous
    /// requests, the promoted learned model or else <see cref="HeuristicRanker"/> for signed-in users.
    /// Registers the feature extractor, the listing statistics and model holders and the
    /// <see cref="UserProfileStore"/> (which needs a PlaceCatalog and a TimeProvider from the host).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="modelFolder">Where trained model versions are stored (<see cref="Learning.RankingModelStore"/>).</param>
    public static IServiceCollection AddPersonalizedRanking(this IServiceCollection services, string modelFolder)
    {
        services.TryAddSingleton(new Learning.RankingModelStore(modelFolder));
        services.TryAddSingleton<Learning.RankingModelHost>();
        services.TryAddSingleton<Learning.RankerTraining>();
        services.TryAddScoped<Learning.EventReplay>();
        services.TryAddSingleton<ListingStatisticsHolder>();
        services.TryAddSingleton<LearnedRankerHolder>();
        services.TryAddSingleton<FeatureExtractor>();
        services.TryAddSingleton<HeuristicRanker>();
        services.TryAddSingleton<UserProfileStore>();
        services.RemoveAll<IRanker>();
        services.AddSingleton<IRanker, PersonalizedRanker>();
        return services;
    }
}
