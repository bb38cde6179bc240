using DongNai.Domain.Listings;

namespace DongNai.Domain.Messaging;

/// <summary>
/// How one account takes part in messaging: the username others find it by, whether it may be
/// found by its phone number (off until the person turns it on), and its quiet hours for push
/// notifications (local time in Vietnam; both set or neither). No row: no username, not findable
/// by phone, no quiet hours, every notification type delivered to the inbox and pushed.
/// </summary>
public sealed class MessagingSettings
{
    public const int MaxUsernameLength = 30;

    public long AccountId { get; set; }

    /// <summary>Lower case, unique; null until the person picks one.</summary>
    public string? Username { get; set; }

    public bool FindableByPhone { get; set; }

    public TimeOnly? QuietHoursStart { get; set; }

    public TimeOnly? QuietHoursEnd { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>A one-to-one conversation. One per pair of accounts (<see cref="FirstAccountId"/> is the smaller id), reused whenever either starts again.</summary>
public sealed class Conversation
{
    public long Id { get; set; }

    public long FirstAccountId { get; set; }

    public long SecondAccountId { get; set; }

    /// <summary>The listing the conversation was last opened from, as it was then (its title is a snapshot).</summary>
    public ListingKind? ListingKind { get; set; }

    public long? ListingId { get; set; }

    public string? ListingTitle { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the last message was sent (or the conversation opened); the order of a person's conversation list.</summary>
    public DateTime LastActivityAt { get; set; }

    public long LastMessageId { get; set; }

    public long OtherOf(long accountId) => accountId == FirstAccountId ? SecondAccountId : FirstAccountId;

    public bool Includes(long accountId) => accountId == FirstAccountId || accountId == SecondAccountId;
}

/// <summary>One participant's state in a conversation: how far it has read (message ids grow with time).</summary>
public sealed class ConversationMember
{
    public long ConversationId { get; set; }

    public long AccountId { get; set; }

    public long LastReadMessageId { get; set; }
}

public enum MessageKind
{
    Text = 1,
    Image = 2,

    /// <summary>The sender shared its phone number; the number is read from its account when shown, never stored here.</summary>
    SharedPhone = 3,

    /// <summary>The conversation was opened from a listing (kind, id and title snapshot on the message).</summary>
    Listing = 4,
}

/// <summary>
/// One message. (<see cref="ConversationId"/>, <see cref="SenderId"/>, <see cref="ClientMessageId"/>)
/// is unique, so a client that retries a send gets the stored message back instead of a second one.
/// Ids grow with time and are the order of a conversation.
/// </summary>
public sealed class Message
{
    public const int MaxClientMessageIdLength = 64;

    public long Id { get; set; }

    public long ConversationId { get; set; }

    public long SenderId { get; set; }

    public MessageKind Kind { get; set; }

    public string ClientMessageId { get; set; } = "";

    public string? Text { get; set; }

    /// <summary>The image's file name under the messaging image folder; served only to the two participants.</summary>
    public string? ImageFile { get; set; }

    public string? ImageContentType { get; set; }

    public int? ImageBytes { get; set; }

    public ListingKind? ListingKind { get; set; }

    public long? ListingId { get; set; }

    public string? ListingTitle { get; set; }

    public DateTime SentAt { get; set; }
}

/// <summary>The blocker no longer hears from the blocked account, and cannot write to it either: a block stops both directions.</summary>
public sealed class Block
{
    public long BlockerId { get; set; }

    public long BlockedId { get; set; }

    public DateTime CreatedAt { get; set; }
}

public enum ReportReason
{
    Spam = 1,
    Scam = 2,
    Harassment = 3,
    Other = 4,
}

/// <summary>A report of a person, from a conversation, for moderators.</summary>
public sealed class PersonReport
{
    public const int MaxDetailsLength = 1000;

    public long Id { get; set; }

    public long ReporterId { get; set; }

    public long ReportedId { get; set; }

    public long ConversationId { get; set; }

    public ReportReason Reason { get; set; }

    public string? Details { get; set; }

    public DateTime CreatedAt { get; set; }
}
