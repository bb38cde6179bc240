namespace DongNai.Domain.People;

/// <summary>What an account tells about itself: a display name and where it lives and works, used to rank and to autofill.</summary>
public sealed class Profile
{
    public long AccountId { get; set; }

    public string DisplayName { get; set; } = "";

    public string? HomeCommuneCode { get; set; }

    /// <summary>The industrial park the person works in or wants to work in.</summary>
    public string? IndustrialParkCode { get; set; }

    /// <summary>Set once the person's CCCD chip card has been verified (a later feature).</summary>
    public bool IdentityVerified { get; set; }

    public DateTime UpdatedAt { get; set; }
}
