using DongNai.Domain;
using DongNai.Search.Api.Problems;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace DongNai.Search.Api.Hosting;

/// <summary>
/// Readiness: whether the database can take a write now. On SQLite it opens its own connection, takes the write
/// lock (<c>BEGIN IMMEDIATE</c>) with a one-second busy timeout and rolls back at once, so it
/// changes nothing and holds the lock for microseconds. A database that a stuck writer holds locked
/// reads as unhealthy (a load balancer stops sending writes), where a plain "can connect" check
/// stays healthy while every write waits and fails. On PostgreSQL, see <see cref="CheckPostgreSqlAsync"/>.
/// </summary>
internal sealed class DatabaseWritesCheck(AppDbContext db) : IHealthCheck
{
    private const int TimeoutSeconds = 1;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsNpgsql())
        {
            return await CheckPostgreSqlAsync(context, cancellationToken);
        }

        await using var connection = new SqliteConnection(db.Database.GetConnectionString()) { DefaultTimeout = TimeoutSeconds };
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "BEGIN IMMEDIATE; ROLLBACK;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return HealthCheckResult.Healthy("The database takes writes.");
        }
        catch (SqliteException exception) when (DatabaseBusy.IsBusy(exception))
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"The database is locked by another writer; writes wait and fail after {RequestDatabaseTimeout.Seconds} s.");
        }
    }

    /// <summary>
    /// PostgreSQL takes writes side by side; what stops every one of them is a server in recovery (a
    /// read-only standby) or a lock on the outbox, which every listing write inserts into. The lock
    /// is asked for the way a write asks (ROW EXCLUSIVE) with a one-second wait, in a transaction
    /// rolled back at once.
    /// </summary>
    private async Task<HealthCheckResult> CheckPostgreSqlAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_is_in_recovery()";
        if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The PostgreSQL server is a read-only standby.");
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        command.Transaction = transaction;
        command.CommandText = $"SET LOCAL lock_timeout = '{TimeoutSeconds}s'; LOCK TABLE \"Outbox\" IN ROW EXCLUSIVE MODE";
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return HealthCheckResult.Healthy("The database takes writes.");
        }
        catch (PostgresException exception) when (DatabaseBusy.IsBusy(exception))
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"The outbox is locked by another connection; writes wait and fail after {RequestDatabaseTimeout.Seconds} s.");
        }
        finally
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
    }
}
