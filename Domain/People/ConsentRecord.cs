namespace DongNai.Domain.People;

/// <summary>What a person may consent to, one purpose at a time (Law 91/2025/QH15 asks for consent per purpose).</summary>
public enum ConsentPurpose
{
    /// <summary>Filling the profile from the CCCD chip card and keeping that data.</summary>
    ProfileAutofill = 1,

    /// <summary>Sharing CVs with employers.</summary>
    CvSharing = 2,

    /// <summary>Showing chosen profile fields to whoever scans the personal QR code.</summary>
    PersonalQr = 3,
}

/// <summary>
/// One grant of consent for a purpose, and its withdrawal when it ends. Rows are appended, never
/// rewritten except to set <see cref="WithdrawnAt"/>, so the history of what was allowed when stays.
/// A purpose is granted while a row of it has no <see cref="WithdrawnAt"/>.
/// </summary>
public sealed class ConsentRecord
{
    public long Id { get; set; }

    public long AccountId { get; set; }

    public ConsentPurpose Purpose { get; set; }

    public DateTime GrantedAt { get; set; }

    public DateTime? WithdrawnAt { get; set; }
}
