using System.ComponentModel.DataAnnotations;

namespace DongNai.Messaging;

/// <summary>Limits of conversations and the spam signal (section <c>Messaging</c>). The per-minute rate limits are the host's (<c>RateLimits:MessagesPerMinute</c>, <c>RateLimits:ConversationStartsPerMinute</c>).</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>Characters of one text message.</summary>
    [Range(1, 10_000)]
    public int MaxTextLength { get; set; } = 2000;

    /// <summary>Bytes of one image (JPEG, PNG or WebP).</summary>
    [Range(1024, 20 * 1024 * 1024)]
    public int MaxImageBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest width and height of an image, checked before its pixels are decoded.</summary>
    [Range(100, 20_000)]
    public int MaxImagePixels { get; set; } = 6000;

    /// <summary>How far back the spam signal looks for the same text sent to different people.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan SpamWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many different people may get the same text within <see cref="SpamWindow"/>; the next one slows the sender down.</summary>
    [Range(1, 1000)]
    public int SpamRecipients { get; set; } = 5;

    /// <summary>How long a sender stays slowed down once the spam signal fired.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan SlowDownFor { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>While slowed down, a sender may send one message per this interval.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SlowDownInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether a hub connection closes when its access token expires, so that a revoked or expired
    /// token cannot keep receiving. SignalR judges the expiry by the wall clock, not by the host's
    /// <see cref="TimeProvider"/>: hosts on a fake clock (the API tests) turn it off.
    /// </summary>
    public bool CloseHubOnTokenExpiry { get; set; } = true;

    /// <summary>The folder of message images (set by the host under its data folder).</summary>
    public string ImageFolder { get; set; } = "";
}
