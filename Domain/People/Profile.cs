namespace DongNai.Domain.People;

/// <summary>Where a person's identity verification stands (<see cref="Profile.Verification"/>).</summary>
public enum VerificationStatus
{
    /// <summary>Nothing submitted yet (the default of a new profile), or the CCCD changed since the last decision.</summary>
    Unverified = 0,

    /// <summary>Photos submitted; a provider or a reviewer has yet to decide.</summary>
    Pending = 1,

    Verified = 2,

    /// <summary>Refused, with a reason; the person may submit again.</summary>
    Rejected = 3,
}

/// <summary>What an account tells about itself: a display name and where it lives and works, used to rank and to autofill.</summary>
public sealed class Profile
{
    public const int MaxVerificationReasonLength = 500;

    public long AccountId { get; set; }

    public string DisplayName { get; set; } = "";

    public string? HomeCommuneCode { get; set; }

    /// <summary>The industrial park the person works in or wants to work in.</summary>
    public string? IndustrialParkCode { get; set; }

    /// <summary>Unverified → pending → verified or rejected; see <see cref="VerificationStatus"/>.</summary>
    public VerificationStatus Verification { get; set; }

    /// <summary>Why the last decision was taken (required for a rejection); not personal data of the person.</summary>
    public string? VerificationReason { get; set; }

    /// <summary>The account (agency staff or admin) that took the last decision; null for an automatic provider or no decision.</summary>
    public long? VerificationDecidedBy { get; set; }

    public DateTime? VerificationDecidedAt { get; set; }

    /// <summary>True once the person's CCCD chip card has been verified: the badge on their listings, and what trusted actions require.</summary>
    public bool IdentityVerified => Verification == VerificationStatus.Verified;

    public DateTime UpdatedAt { get; set; }
}
