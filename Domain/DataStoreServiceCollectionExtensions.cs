using DongNai.Domain.Places;
using DongNai.Domain.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Domain;

public static class DataStoreServiceCollectionExtensions
{
    /// <summary>Registers the system of record: <see cref="AppDbContext"/> over the SQLite file at <paramref name="databasePath"/>, and the place catalog.</summary>
    public static IServiceCollection AddDataStore(this IServiceCollection services, string databasePath) =>
        services.AddDataStore(DatabaseProvider.Sqlite, SqliteConnectionString(databasePath));

    /// <summary>
    /// Registers the system of record on <paramref name="provider"/>: <see cref="AppDbContext"/> (a
    /// <see cref="PostgreSqlAppDbContext"/> on PostgreSQL), with <paramref name="configure"/> applied
    /// to its options (interceptors, say), and the place catalog.
    /// </summary>
    public static IServiceCollection AddDataStore(
        this IServiceCollection services, DatabaseProvider provider, string connectionString, Action<IServiceProvider, DbContextOptionsBuilder>? configure = null)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContext<AppDbContext>((serviceProvider, options) =>
                {
                    options.UseSqlite(connectionString);
                    configure?.Invoke(serviceProvider, options);
                });
                break;
            case DatabaseProvider.PostgreSql:
                services.AddDbContext<AppDbContext, PostgreSqlAppDbContext>((serviceProvider, options) =>
                {
                    options.UseNpgsql(connectionString);
                    configure?.Invoke(serviceProvider, options);
                });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }

        services.AddSingleton(PlaceCatalog.Load());
        return services;
    }

    /// <summary>The connection string of the SQLite file at <paramref name="databasePath"/>: shared cache, pooled.</summary>
    public static string SqliteConnectionString(string databasePath) => $"Data Source={databasePath};Cache=Shared;Pooling=True";
}
