using DongNai.Domain.Listings;

namespace DongNai.Domain.Outbox;

/// <summary>
/// An outbox entry the indexer gave up on after <see cref="OutboxEntry.Attempts"/> failed drains,
/// set aside here with its last error so that it stops blocking the drain and an admin can see it
/// and queue it again. Written in the same transaction that removes the outbox entries it replaces.
/// </summary>
public sealed class IndexingDeadLetter
{
    public const int MaxErrorLength = 2_000;

    public long Id { get; set; }

    public ListingKind Kind { get; set; }

    public long ListingId { get; set; }

    public int Version { get; set; }

    public OutboxOperation Operation { get; set; }

    /// <summary>How many drains tried the entry before it was set aside.</summary>
    public int Attempts { get; set; }

    /// <summary>The last failure: exception type and message, cut to <see cref="MaxErrorLength"/>. No listing content.</summary>
    public string Error { get; set; } = "";

    public DateTime DeadLetteredAt { get; set; }
}
