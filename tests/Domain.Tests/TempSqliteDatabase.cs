using Microsoft.EntityFrameworkCore;

namespace DongNai.Domain.Tests;

/// <summary>A real SQLite file in the temp folder with the schema created; deleted on dispose.</summary>
internal sealed class TempSqliteDatabase : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"dongnai-domain-tests-{Guid.NewGuid():N}.db");
    private readonly DbContextOptions<AppDbContext> options;

    public TempSqliteDatabase()
    {
        // No pooling, so that no connection keeps the file open once a context is disposed.
        options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options;
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    public AppDbContext NewContext() => new(options);

    public void Dispose()
    {
        foreach (var file in new[] { path, path + "-journal", path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
