namespace DongNai.Domain.People;

/// <summary>
/// One refresh token of an account, stored only as the SHA-256 hash of the opaque value the client
/// holds. Tokens issued one for another form a family (one sign-in on one device): each is
/// exchanged at most once (<see cref="UsedAt"/>), and showing a used one again revokes the whole
/// family, since either the client or a thief holds a copy that must not live on.
/// </summary>
public sealed class RefreshToken
{
    /// <summary>The length of <see cref="TokenHash"/>: a SHA-256 digest.</summary>
    public const int HashLength = 32;

    public long Id { get; set; }

    public long AccountId { get; set; }

    /// <summary>SHA-256 of the token's text; unique. The token itself is never stored.</summary>
    public byte[] TokenHash { get; set; } = [];

    /// <summary>The sign-in this token descends from; every token of a family is revoked together.</summary>
    public Guid FamilyId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    /// <summary>When it was exchanged for its successor in the family; null while it may still be exchanged.</summary>
    public DateTime? UsedAt { get; set; }

    /// <summary>When it was revoked (sign-out, sign-out everywhere, a password change, or its family's reuse); null while not revoked.</summary>
    public DateTime? RevokedAt { get; set; }
}
