using DongNai.Domain.Listings;

namespace DongNai.Domain.People;

public enum InteractionType
{
    /// <summary>The listing was shown in a result list or feed, at a position.</summary>
    Impression = 1,
    View = 2,
    Click = 3,
    Save = 4,
    Apply = 5,
    Claim = 6,

    /// <summary>The person tapped a way to contact the owner (call, message); the contact detail itself is never recorded.</summary>
    Contact = 7,
}

/// <summary>
/// One thing a person did with a listing; the ranking model learns from these. Appended through
/// <see cref="InteractionLog"/>, never updated.
/// </summary>
/// <remarks>
/// The caller is the account when signed in, otherwise the device (<see cref="DeviceId"/>, an id
/// the app generates). <see cref="ClientEventId"/> is unique per caller, not globally: the app
/// generates it, so a global key would let one device's ids (or a careless counter) swallow
/// another's events, and it would let anyone probe which ids exist. A retried batch therefore
/// stores nothing twice as long as the same caller sends it. No personal data: the query is
/// folded with long digit runs and e-mail addresses removed, and a contact tap records only that
/// it happened.
/// </remarks>
public sealed class InteractionEvent
{
    public const int MaxClientEventIdLength = 64;

    public const int MaxDeviceIdLength = 64;

    public const int RequestIdLength = 32;

    public const int MaxQueryLength = 200;

    public long Id { get; set; }

    /// <summary>The signed-in account; null for an anonymous caller, who is then known by <see cref="DeviceId"/>.</summary>
    public long? AccountId { get; set; }

    /// <summary>The app install's own id; required when <see cref="AccountId"/> is null, kept when a signed-in app sends it.</summary>
    public string? DeviceId { get; set; }

    /// <summary>The app's id of this event, unique per caller (account, else device): the idempotency key.</summary>
    public string ClientEventId { get; set; } = "";

    public ListingKind ListingKind { get; set; }

    /// <summary>The listing's id; it may no longer exist (events can arrive after a delete).</summary>
    public long ListingId { get; set; }

    public InteractionType Type { get; set; }

    /// <summary>The search or feed response that showed the listing (32 lower-case hex digits), when known.</summary>
    public string? RequestId { get; set; }

    /// <summary>The 0-based position in that response's list, across pages.</summary>
    public int? Position { get; set; }

    /// <summary>The search text that led to the listing, if any, folded to ASCII.</summary>
    public string? Query { get; set; }

    public DateTime OccurredAt { get; set; }
}
