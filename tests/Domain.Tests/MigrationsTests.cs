using DongNai.Domain.PostgreSql;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Domain.Tests;

/// <summary>
/// Each database has its own migrations (SQLite's in Migrations/, PostgreSQL's in
/// Migrations/PostgreSql/); a model change needs one in each, and these fail until both exist
/// (neither connects to a database).
/// </summary>
public sealed class MigrationsTests
{
    [Fact]
    public void SqliteMigrations_CoverTheWholeModel()
    {
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQLite migration: dotnet ef migrations add <Name> --context AppDbContext --project Domain --startup-project Domain");
    }

    [Fact]
    public void PostgreSqlMigrations_CoverTheWholeModel()
    {
        using var db = new PostgreSqlDesignTimeDbContextFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a PostgreSQL migration: dotnet ef migrations add <Name> --context PostgreSqlAppDbContext --output-dir Migrations/PostgreSql --project Domain --startup-project Domain");
    }
}
