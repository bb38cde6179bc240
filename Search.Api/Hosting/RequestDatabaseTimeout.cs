using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace DongNai.Search.Api.Hosting;

/// <summary>
/// Gives the database connections of HTTP requests a short wait for locks (<see cref="Seconds"/>)
/// instead of waiting as long as the command timeout, so a request that meets a write lock held
/// elsewhere fails fast (a 503 with <c>Retry-After</c>, see <see cref="Problems.DatabaseBusy"/>)
/// rather than holding the client for half a minute. Background work (outbox drain, rebuild, jobs)
/// has no request and keeps waiting: it has no client to answer and would only retry.
/// </summary>
/// <remarks>
/// SQLite: Microsoft.Data.Sqlite retries a busy or locked statement until the command timeout, and
/// uses the connection's <see cref="SqliteConnection.DefaultTimeout"/> for its own commands (BEGIN of
/// a transaction) and as the default of every command it creates, so setting it once when EF Core
/// creates the connection covers every statement of the request. PostgreSQL: the session's
/// <c>lock_timeout</c>, set when the connection opens; Npgsql resets session settings when a
/// connection goes back to its pool, so background work never inherits it. Thread-safe; a singleton.
/// </remarks>
internal sealed class RequestDatabaseTimeout(IHttpContextAccessor http) : DbConnectionInterceptor
{
    public const int Seconds = 2;

    private static readonly string SetLockTimeout = $"SET lock_timeout = '{Seconds}s'";

    public override DbConnection ConnectionCreated(ConnectionCreatedEventData eventData, DbConnection result)
    {
        if (http.HttpContext is not null && result is SqliteConnection sqlite)
        {
            sqlite.DefaultTimeout = Seconds;
        }

        return result;
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (http.HttpContext is not null && connection is NpgsqlConnection postgres)
        {
            using var command = new NpgsqlCommand(SetLockTimeout, postgres);
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (http.HttpContext is not null && connection is NpgsqlConnection postgres)
        {
            await using var command = new NpgsqlCommand(SetLockTimeout, postgres);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
