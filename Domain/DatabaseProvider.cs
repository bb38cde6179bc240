namespace DongNai.Domain;

/// <summary>Which database holds the system of record (configuration <c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>A SQLite file in the data folder: the embedded default, one service instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (<c>ConnectionStrings:Database</c>): several service instances can share it.</summary>
    PostgreSql,
}
