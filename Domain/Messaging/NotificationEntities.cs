namespace DongNai.Domain.Messaging;

/// <summary>What a notification is about; each person chooses per type whether it is also pushed. Stored codes: never reused.</summary>
public enum NotificationType
{
    NewMessage = 1,
    ApplicationStatus = 2,
    ClaimResult = 3,
    PaymentResult = 4,
    FeedbackStatus = 5,
    PublicServiceStatus = 6,
}

public enum NotificationDelivery
{
    /// <summary>The inbox gets it and the phone is notified (outside quiet hours). The default.</summary>
    InboxAndPush = 1,

    /// <summary>The inbox only.</summary>
    InboxOnly = 2,
}

/// <summary>One item of a person's in-app inbox: Vietnamese title and body, and where in the app it leads.</summary>
public sealed class Notification
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 1000;
    public const int MaxLinkLength = 300;

    public long Id { get; set; }

    public long AccountId { get; set; }

    public NotificationType Type { get; set; }

    public string Title { get; set; } = "";

    public string Body { get; set; } = "";

    public string? Link { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }
}

/// <summary>A person's choice for one notification type; no row means <see cref="NotificationDelivery.InboxAndPush"/>.</summary>
public sealed class NotificationPreference
{
    public long AccountId { get; set; }

    public NotificationType Type { get; set; }

    public NotificationDelivery Delivery { get; set; }
}
