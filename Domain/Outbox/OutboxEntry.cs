using DongNai.Domain.Listings;

namespace DongNai.Domain.Outbox;

public enum OutboxOperation
{
    Upsert = 1,
    Delete = 2,
}

/// <summary>
/// A change the search index has yet to see, written in the same transaction as the listing change.
/// The indexer applies entries in <see cref="Id"/> order and removes them once the engine has them;
/// replaying an entry is harmless because the engine keeps the highest <see cref="Version"/>.
/// </summary>
public sealed class OutboxEntry
{
    public long Id { get; set; }

    public ListingKind Kind { get; set; }

    public long ListingId { get; set; }

    public int Version { get; set; }

    public OutboxOperation Operation { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// How many drains have failed to apply this entry; after a few it moves to
    /// <see cref="IndexingDeadLetter"/>. Kept in the row so that a restart does not reset it.
    /// </summary>
    public int Attempts { get; set; }
}
