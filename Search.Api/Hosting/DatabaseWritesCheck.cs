using DongNai.Domain;
using DongNai.Search.Api.Problems;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DongNai.Search.Api.Hosting;

/// <summary>
/// Readiness: whether the database can take a write now. Opens its own connection, takes the write
/// lock (<c>BEGIN IMMEDIATE</c>) with a one-second busy timeout and rolls back at once, so it
/// changes nothing and holds the lock for microseconds. A database that a stuck writer holds locked
/// reads as unhealthy (a load balancer stops sending writes), where a plain "can connect" check
/// stays healthy while every write waits and fails.
/// </summary>
internal sealed class DatabaseWritesCheck(AppDbContext db) : IHealthCheck
{
    private const int TimeoutSeconds = 1;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
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
}
