using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DongNai.Domain.PostgreSql;

/// <summary>
/// <see cref="AppDbContext"/> on PostgreSQL. The model is the same; the type exists so that EF Core
/// keeps PostgreSQL's migrations (Migrations/PostgreSql) apart from SQLite's. Services ask for
/// <see cref="AppDbContext"/> and get this one when <see cref="DatabaseProvider.PostgreSql"/> is configured.
/// </summary>
public sealed class PostgreSqlAppDbContext(DbContextOptions<PostgreSqlAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant in the model is UTC by convention (SQLite stores it as text without a kind).
        // Npgsql maps DateTime to timestamptz and refuses a kind other than UTC, so a value read
        // back from SQLite-era code paths or built from a date is marked UTC on its way in.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcKindConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcKindConverter>();
    }

    private sealed class UtcKindConverter() : ValueConverter<DateTime, DateTime>(
        value => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc),
        value => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
