using DongNai.Domain.People;

namespace DongNai.Domain.Messaging;

/// <summary>What a push token belongs to. Stored codes: never reused.</summary>
public enum DevicePlatform
{
    Android = 1,
    Ios = 2,
    Web = 3,
}

/// <summary>
/// A device that receives a person's pushes: its push registration token (Firebase Cloud
/// Messaging), which is personal data. The token is stored encrypted (<see cref="TokenCiphertext"/>)
/// and found by its keyed hash (<see cref="TokenLookupHash"/>, as <see cref="Account.PhoneLookupHash"/>);
/// it is never logged. One token belongs to one account at a time; deleted with the account.
/// </summary>
public sealed class PushDevice
{
    /// <summary>The longest registration token accepted (FCM's are about 160 characters today).</summary>
    public const int MaxTokenLength = 4096;

    public long Id { get; set; }

    public long AccountId { get; set; }

    public DevicePlatform Platform { get; set; }

    /// <summary>HMAC-SHA-256 of the token under the lookup key: unique, so a token registered again moves to the new account.</summary>
    public byte[] TokenLookupHash { get; set; } = [];

    public byte[] TokenCiphertext { get; set; } = [];

    public DateTime RegisteredAt { get; set; }

    /// <summary>When the app last registered the token (on every start, as FCM advises), so stale devices can be told apart.</summary>
    public DateTime LastSeenAt { get; set; }
}
