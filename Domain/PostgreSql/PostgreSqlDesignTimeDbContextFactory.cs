using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DongNai.Domain.PostgreSql;

/// <summary>
/// Lets <c>dotnet ef migrations add X --context PostgreSqlAppDbContext --output-dir Migrations/PostgreSql</c>
/// build the PostgreSQL model without a server (adding a migration never connects).
/// </summary>
public sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlAppDbContext>
{
    public PostgreSqlAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlAppDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}
