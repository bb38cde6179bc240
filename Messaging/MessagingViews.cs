using DongNai.Domain.Messaging;
using DongNai.Domain.Validation;

namespace DongNai.Messaging;

/// <summary>Another person as messaging shows them: the opaque handle listings also show, the display name, and the username if they chose one. Never an account id or a phone number.</summary>
public sealed record PersonView(string Handle, string DisplayName, string? Username);

/// <summary>The listing a conversation was opened from: kind slug, id, and its title as it was then.</summary>
public sealed record ListingReference(string Kind, long Id, string Title);

/// <summary>An image message's picture, served to the two participants only at <paramref name="Url"/>.</summary>
public sealed record ImageView(string Url, string ContentType, int Bytes);

/// <summary>
/// One message. <paramref name="Sender"/> is the sender's handle; <paramref name="Mine"/> says whether
/// the caller sent it. <paramref name="Phone"/> is set on <c>sharedPhone</c> messages only: the number
/// its sender chose to share in this conversation.
/// </summary>
public sealed record MessageView(
    long Id,
    long ConversationId,
    string Sender,
    bool Mine,
    MessageKind Kind,
    string ClientMessageId,
    string? Text,
    ImageView? Image,
    string? Phone,
    ListingReference? Listing,
    DateTime SentAt);

/// <summary>
/// A conversation as one participant sees it: the other person, the listing it was last opened
/// from, the last message, how many messages from the other person are unread, how far each side
/// has read (read receipts: a message of mine with an id at most <paramref name="OtherLastReadMessageId"/>
/// has been seen), and whether a block stops sending (either way; <paramref name="BlockedByMe"/> says who).
/// </summary>
public sealed record ConversationView(
    long Id,
    PersonView With,
    ListingReference? Listing,
    DateTime LastActivityAt,
    MessageView? LastMessage,
    int Unread,
    long LastReadMessageId,
    long OtherLastReadMessageId,
    bool BlockedByMe,
    bool CanSend);

/// <summary>A page of the caller's conversations, most recently active first, and the caller's unread messages over all of them.</summary>
public sealed record ConversationPage(IReadOnlyList<ConversationView> Items, string? NextCursor, int UnreadTotal);

/// <summary>
/// A page of messages, oldest first. <paramref name="OlderCursor"/> fetches the page before it (null
/// at the start of the conversation); <paramref name="NewerCursor"/> fetches what was sent after it
/// (keep the latest one: it is how a reconnecting client catches up). Null on pages fetched with an older cursor.
/// </summary>
public sealed record MessagePage(IReadOnlyList<MessageView> Items, string? OlderCursor, string? NewerCursor);

/// <summary>A read receipt: <paramref name="Reader"/> has read the conversation up to <paramref name="LastReadMessageId"/>.</summary>
public sealed record ReadReceiptView(long ConversationId, string Reader, long LastReadMessageId);

/// <summary>The caller's read position in a conversation after marking it read, and what is left unread.</summary>
public sealed record ReadView(long ConversationId, long LastReadMessageId, int Unread, int UnreadTotal);

/// <summary>An image message's file, for the two participants.</summary>
public sealed record ImageFile(string Path, string ContentType);

/// <summary>What a messaging operation came to; endpoints turn each case into its HTTP answer.</summary>
public abstract record Outcome<T>
{
    /// <summary>Done; <paramref name="Created"/> when something new was stored (false for an idempotent retry).</summary>
    public sealed record Done(T Value, bool Created = false) : Outcome<T>;

    public sealed record Invalid(FieldErrors Errors) : Outcome<T>;

    /// <summary>No such thing, or not the caller's to see: the two are not told apart.</summary>
    public sealed record NotFound : Outcome<T>;

    /// <summary>A block between the two people stops this.</summary>
    public sealed record Blocked : Outcome<T>;

    /// <summary>A unique value is taken (e.g. a username); <paramref name="Field"/> names it.</summary>
    public sealed record Conflict(string Field) : Outcome<T>;

    /// <summary>The spam signal slowed the sender down; try again after <paramref name="RetryAfter"/>.</summary>
    public sealed record Slowed(TimeSpan RetryAfter) : Outcome<T>;
}
