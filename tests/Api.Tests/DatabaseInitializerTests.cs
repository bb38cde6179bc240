using DongNai.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Api.Tests;

public sealed class DatabaseInitializerTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"dongnai-migrate-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Migrations_CreateEveryTable_OnAnEmptyFile()
    {
        await using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={_file}").Options);

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        foreach (var entity in db.Model.GetEntityTypes().Where(e => !e.IsOwned()))
        {
            var table = entity.GetTableName()!;
            var exists = await db.Database.SqlQuery<long>($"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {table}").SingleAsync();
            Assert.True(exists == 1, $"Table {table} is missing.");
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}
