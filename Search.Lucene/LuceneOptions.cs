namespace DongNai.Search.Lucene;

/// <summary>Configuration of the embedded engine.</summary>
public sealed class LuceneOptions
{
    /// <summary>The folder that holds the index generations and the <c>current</c> pointer; created if missing. One engine per folder.</summary>
    public required string IndexPath { get; init; }

    /// <summary>How often the background loop makes new writes searchable; keep well under one second.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Indexing buffer before Lucene flushes a segment.</summary>
    public double RamBufferSizeMb { get; init; } = 64;

    /// <summary>
    /// Indexing buffer while a rebuild loads its new generation: fewer, larger flushed segments,
    /// hence fewer merges. Back to <see cref="RamBufferSizeMb"/> once the load is done.
    /// </summary>
    public double RebuildRamBufferSizeMb { get; init; } = 256;

    /// <summary>Documents handed to the writer per step of a rebuild.</summary>
    public int RebuildBatchSize { get; init; } = 1_000;

    /// <summary>
    /// Opens the Lucene directory of one generation folder; <c>FSDirectory.Open</c> when null. A
    /// wrapper can put policy between the index and the disk (the fault tests use one that fails
    /// writes as a full disk does). Called once per generation; the engine disposes what it returns.
    /// </summary>
    public Func<string, global::Lucene.Net.Store.Directory>? OpenDirectory { get; init; }
}
