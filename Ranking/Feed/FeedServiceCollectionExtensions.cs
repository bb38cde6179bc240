using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Ranking.Feed;

public static class FeedServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="HomeFeed"/> (scoped) and its cursor codec, whose key signs feed cursors
    /// (derive it from a service secret, the same on every instance). Needs an
    /// <see cref="Search.ISearchEngine"/>, an <see cref="IRanker"/> (see <see cref="RankingServiceCollectionExtensions.AddRanking"/>)
    /// and the database context.
    /// </summary>
    public static IServiceCollection AddHomeFeed(this IServiceCollection services, byte[] cursorKey, FeedOptions? options = null)
    {
        options ??= new FeedOptions();
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton(new FeedCursorCodec(cursorKey));
        services.AddScoped<HomeFeed>();
        return services;
    }
}
