using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DongNai.Search.Api.Hosting;

/// <summary>
/// Gives the database connections of HTTP requests a short SQLite busy timeout
/// (<see cref="Seconds"/>) instead of the 30 s default, so a request that meets a write lock held
/// elsewhere fails fast (a 503 with <c>Retry-After</c>, see <see cref="Problems.DatabaseBusy"/>)
/// rather than holding the client for half a minute. Background work (outbox drain, rebuild, jobs)
/// has no request and keeps waiting the default: it has no client to answer and would only retry.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite retries a busy or locked statement until the command timeout, and uses the
/// connection's <see cref="SqliteConnection.DefaultTimeout"/> for its own commands (BEGIN of a
/// transaction) and as the default of every command it creates, so setting it once when EF Core
/// creates the connection covers every statement of the request. Thread-safe; a singleton.
/// </remarks>
internal sealed class RequestDatabaseTimeout(IHttpContextAccessor http) : DbConnectionInterceptor
{
    public const int Seconds = 2;

    public override DbConnection ConnectionCreated(ConnectionCreatedEventData eventData, DbConnection result)
    {
        if (http.HttpContext is not null && result is SqliteConnection sqlite)
        {
            sqlite.DefaultTimeout = Seconds;
        }

        return result;
    }
}
