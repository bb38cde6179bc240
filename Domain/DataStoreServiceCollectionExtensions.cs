using DongNai.Domain.Places;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Domain;

public static class DataStoreServiceCollectionExtensions
{
    /// <summary>Registers the system of record: <see cref="AppDbContext"/> over the SQLite file at <paramref name="databasePath"/>, and the place catalog.</summary>
    public static IServiceCollection AddDataStore(this IServiceCollection services, string databasePath)
    {
        var connectionString = $"Data Source={databasePath};Cache=Shared;Pooling=True";
        services.AddDbContext<AppDbContext>(options => options.UseSqlite(connectionString));
        services.AddSingleton(PlaceCatalog.Load());
        return services;
    }
}
