using DongNai.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DongNai.Identity.Tests;

/// <summary>The migration that adds security stamps gives every account that existed before its own.</summary>
public sealed class SecurityStampMigrationTests : IDisposable
{
    private const string MigrationBefore = "20261202032938_IndexingDeadLetters";

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"dongnai-stamp-migration-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Migration_GivesEveryExistingAccountADistinctNonEmptyStamp()
    {
        await using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={_path};Pooling=False").Options);
        await db.GetService<IMigrator>().MigrateAsync(MigrationBefore);
        for (var i = 1; i <= 3; i++)
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO Accounts (PhoneLookupHash, PhoneCiphertext, PasswordHash, Role, CreatedAt) VALUES ({new[] { (byte)i }}, {new byte[] { 9 }}, 'hash', 1, '2026-11-01 00:00:00')");
        }

        await db.Database.MigrateAsync();

        var stamps = await db.Accounts.Select(a => a.SecurityStamp).ToListAsync();
        Assert.Equal(3, stamps.Count);
        Assert.All(stamps, stamp => Assert.Matches("^[0-9a-f]{32}$", stamp));
        Assert.Equal(3, stamps.Distinct(StringComparer.Ordinal).Count());
    }

    public void Dispose()
    {
        foreach (var file in new[] { _path, _path + "-journal", _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
