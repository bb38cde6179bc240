using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DongNai.Search.Lucene;

public static class LuceneServiceCollectionExtensions
{
    /// <summary>Registers the embedded Lucene engine as the process's <see cref="ISearchEngine"/>, its index under <paramref name="indexPath"/>.</summary>
    public static IServiceCollection AddLuceneSearchEngine(this IServiceCollection services, string indexPath)
    {
        services.AddSingleton<ISearchEngine>(provider => new LuceneSearchEngine(
            new LuceneOptions { IndexPath = indexPath },
            provider.GetRequiredService<ILogger<LuceneSearchEngine>>()));
        return services;
    }
}
