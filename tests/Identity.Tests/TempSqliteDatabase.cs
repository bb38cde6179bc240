using DongNai.Domain;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Identity.Tests;

/// <summary>A real SQLite file in the temp folder with the schema created; deleted on dispose.</summary>
internal sealed class TempSqliteDatabase : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"dongnai-identity-tests-{Guid.NewGuid():N}.db");
    private readonly DbContextOptions<AppDbContext> _options;

    public TempSqliteDatabase()
    {
        // No pooling, so that no connection keeps the file open once a context is disposed.
        _options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={_path};Pooling=False").Options;
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    public AppDbContext NewContext() => new(_options);

    public void Dispose()
    {
        foreach (var file in new[] { _path, _path + "-journal", _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
