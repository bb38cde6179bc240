using DongNai.Domain.Messaging;
using DongNai.Messaging;

namespace DongNai.Search.Api.Messaging;

/// <summary>Find a person by exactly one of: a username, or a phone number (found only if its owner allows it).</summary>
public sealed record PersonLookupRequest(string? Username, string? Phone);

/// <summary>The listing a conversation is opened from: its kind slug and id.</summary>
public sealed record ListingTarget(string? Kind, long? Id);

/// <summary>Open a conversation with exactly one of: a username, a phone number, or a listing's owner.</summary>
public sealed record StartConversationRequest(string? Username, string? Phone, ListingTarget? Listing);

/// <summary>A text message. <paramref name="ClientMessageId"/> is chosen by the client and sent again on every retry, so a retry never stores a second message.</summary>
public sealed record SendTextRequest(string? ClientMessageId, string? Text);

/// <summary>A picture message: JPEG, PNG or WebP, base64 in <paramref name="Data"/>.</summary>
public sealed record SendImageRequest(string? ClientMessageId, byte[]? Data);

/// <summary>Share the caller's own phone number in the conversation.</summary>
public sealed record SharePhoneRequest(string? ClientMessageId);

/// <summary>Read up to <paramref name="LastReadMessageId"/>; null: up to the latest message.</summary>
public sealed record MarkReadRequest(long? LastReadMessageId);

public sealed record ReportRequest(ReportReason? Reason, string? Details);

/// <summary>Replaces every messaging setting of the caller (see <see cref="MessagingSettingsView"/>).</summary>
public sealed record MessagingSettingsRequest(
    string? Username,
    bool? FindableByPhone,
    string? QuietHoursStart,
    string? QuietHoursEnd,
    List<NotificationPreferenceView?>? Preferences);

/// <summary>The caller's badges: unread messages over all conversations, unread inbox items.</summary>
public sealed record UnreadResponse(int Messages, int Notifications);

/// <summary>Register the calling device for pushes: its Firebase Cloud Messaging registration token and platform. Send it on every app start and whenever FCM renews the token.</summary>
public sealed record RegisterDeviceRequest(string? Token, DevicePlatform? Platform);
