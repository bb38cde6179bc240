using DongNai.Domain;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Identity.PersonalData;

/// <summary>
/// Makes deleted personal data really leave an SQLite database file. SQLite keeps the content of
/// deleted rows in free pages (and, in WAL mode, in the WAL) until they are reused; with
/// <c>secure_delete</c> on, the freed content is overwritten with zeros, and a truncating
/// checkpoint then writes the zeroed pages into the main file and empties the WAL. Other
/// providers (PostgreSQL) manage their own storage; both calls do nothing there.
/// </summary>
public static class SecureDelete
{
    /// <summary>Turns <c>secure_delete</c> on for the context's connection; call inside the transaction that deletes.</summary>
    public static async Task EnableAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = ON;", cancellationToken);
        }
    }

    /// <summary>
    /// After the deleting transaction committed: copies the WAL into the main file and truncates it.
    /// A checkpoint blocked by a reader stops short without an error; the zeroed pages then reach the
    /// main file at the next automatic checkpoint, and the WAL's older frames are overwritten in turn.
    /// </summary>
    public static async Task CheckpointAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }
    }
}
