using DongNai.Domain.Listings;

namespace DongNai.Domain.People;

/// <summary>
/// A listing a person asked not to see again in their home feed. One row per account and listing
/// (the key), so dismissing twice stores nothing new; removed with the account. The listing may no
/// longer exist: the row then only keeps a key no feed will ever meet.
/// </summary>
public sealed class FeedDismissal
{
    public long AccountId { get; set; }

    public ListingKind ListingKind { get; set; }

    public long ListingId { get; set; }

    public DateTime DismissedAt { get; set; }
}
