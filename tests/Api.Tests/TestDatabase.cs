using Npgsql;

namespace DongNai.Api.Tests;

/// <summary>
/// Where the API tests keep the system of record: a SQLite file in each host's data folder by
/// default, or, when <see cref="ServerVariable"/> names a PostgreSQL server, a database of its own
/// per host on that server (created by <see cref="CreatePostgreSqlDatabase"/>, dropped by
/// <see cref="DropPostgreSqlDatabase"/>). <c>.ci/run</c> runs the suite both ways.
/// </summary>
public static class TestDatabase
{
    /// <summary>The environment variable with a connection string to a PostgreSQL server whose user may create databases.</summary>
    public const string ServerVariable = "DONGNAI_TEST_POSTGRES";

    /// <summary>The server's connection string when this run is on PostgreSQL; null on SQLite.</summary>
    public static string? PostgreSqlServer { get; } = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : null;

    public static bool IsPostgreSql => PostgreSqlServer is not null;

    /// <summary>Creates an empty database and returns the connection string that reaches it.</summary>
    public static string CreatePostgreSqlDatabase()
    {
        var name = "dongnai_api_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(PostgreSqlServer))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(PostgreSqlServer) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the database <paramref name="connectionString"/> reaches, closing what still uses it.</summary>
    public static void DropPostgreSqlDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(PostgreSqlServer);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }
}

/// <summary>A test of something only the SQLite store has (its file, its locks, its backup): skipped when the run is on PostgreSQL.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabase.IsPostgreSql)
        {
            Skip = $"Tests the SQLite file of the embedded default; this run is on PostgreSQL ({TestDatabase.ServerVariable} is set).";
        }
    }
}

/// <summary>The theory form of <see cref="SqliteFactAttribute"/>.</summary>
public sealed class SqliteTheoryAttribute : TheoryAttribute
{
    public SqliteTheoryAttribute()
    {
        if (TestDatabase.IsPostgreSql)
        {
            Skip = $"Tests the SQLite file of the embedded default; this run is on PostgreSQL ({TestDatabase.ServerVariable} is set).";
        }
    }
}

/// <summary>A test that needs PostgreSQL (several instances on one database): skipped, with how to run it, when the run is on SQLite.</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (!TestDatabase.IsPostgreSql)
        {
            Skip = $"Needs a PostgreSQL server: set {TestDatabase.ServerVariable} (e.g. \"Host=127.0.0.1;Port=55433;Username=postgres\"); "
                + ".ci/run starts one with bench/peer/install-postgres.sh and runs the API tests on it.";
        }
    }
}
