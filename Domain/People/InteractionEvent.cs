using DongNai.Domain.Listings;

namespace DongNai.Domain.People;

public enum InteractionType
{
    Impression = 1,
    View = 2,
    Click = 3,
    Save = 4,
    Apply = 5,
    Claim = 6,
}

/// <summary>One thing a person did with a listing; the ranking model learns from these.</summary>
public sealed class InteractionEvent
{
    public long Id { get; set; }

    public long? AccountId { get; set; }

    public ListingKind ListingKind { get; set; }

    public long ListingId { get; set; }

    public InteractionType Type { get; set; }

    /// <summary>The search text that led to the listing, if any, folded to ASCII.</summary>
    public string? Query { get; set; }

    public DateTime OccurredAt { get; set; }
}
