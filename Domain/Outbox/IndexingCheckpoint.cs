namespace DongNai.Domain.Outbox;

/// <summary>
/// How far a recurring indexing job has read another table, by that table's ids, so that it reads
/// only what is new on its next run. One row per job, keyed by <see cref="Name"/>.
/// </summary>
public sealed class IndexingCheckpoint
{
    public const int MaxNameLength = 64;

    /// <summary>The job's stable name, e.g. <c>popularity-refresh</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The highest id the job has handled; 0 before its first run.</summary>
    public long Position { get; set; }
}
