using Microsoft.EntityFrameworkCore;

namespace DongNai.Domain;

/// <summary>
/// Work that one service instance at a time may do on a shared database (start-up migrations and
/// seeding, draining the outbox). On PostgreSQL a lease is a session advisory lock held on the
/// context's connection until the lease is disposed (or the connection drops, so a crashed instance
/// never keeps it). On SQLite the data folder already admits one instance (the host's folder lock),
/// so a lease is granted at once. Not thread-safe; one lease per context.
/// </summary>
public sealed class DatabaseLease : IAsyncDisposable
{
    /// <summary>The start-up work: migrations, reference data, the administrator, demo data.</summary>
    public const long Startup = 0x0D0_4A1_0001;

    /// <summary>Applying outbox entries to the search index.</summary>
    public const long OutboxDrain = 0x0D0_4A1_0002;

    private readonly AppDbContext? _holder;
    private readonly long _key;

    private DatabaseLease(AppDbContext? holder, long key)
    {
        _holder = holder;
        _key = key;
    }

    /// <summary>Waits until this instance holds <paramref name="key"/>.</summary>
    public static async Task<DatabaseLease> TakeAsync(AppDbContext db, long key, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return new DatabaseLease(null, key);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({key})", cancellationToken);
        return new DatabaseLease(db, key);
    }

    /// <summary>Takes <paramref name="key"/> if no other instance holds it; null when one does.</summary>
    public static async Task<DatabaseLease?> TryTakeAsync(AppDbContext db, long key, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return new DatabaseLease(null, key);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        var taken = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({key}) AS \"Value\"").SingleAsync(cancellationToken);
        if (taken)
        {
            return new DatabaseLease(db, key);
        }

        await db.Database.CloseConnectionAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_holder is null)
        {
            return;
        }

        try
        {
            await _holder.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({_key})");
        }
        finally
        {
            await _holder.Database.CloseConnectionAsync();
        }
    }
}
