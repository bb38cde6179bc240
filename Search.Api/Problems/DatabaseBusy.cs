using Microsoft.Data.Sqlite;
using Npgsql;

namespace DongNai.Search.Api.Problems;

/// <summary>
/// Recognises "another connection holds the lock" failures, however deeply EF Core wraps them, so
/// that they answer 503 with <c>Retry-After</c> rather than 500: SQLite's SQLITE_BUSY and
/// SQLITE_LOCKED, and PostgreSQL's lock timeouts, deadlocks and serialization failures (a retry of
/// the whole request is what each of them asks for).
/// </summary>
public static class DatabaseBusy
{
    /// <summary>What <c>Retry-After</c> says: about one more busy timeout of a request.</summary>
    public const int RetryAfterSeconds = 2;

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static bool IsBusy(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            // The low byte is the primary result code; extended codes (SQLITE_BUSY_SNAPSHOT, …) share it.
            if (current is SqliteException { SqliteErrorCode: var code } && (code & 0xFF) is SqliteBusy or SqliteLocked)
            {
                return true;
            }

            if (current is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure })
            {
                return true;
            }
        }

        return false;
    }
}
