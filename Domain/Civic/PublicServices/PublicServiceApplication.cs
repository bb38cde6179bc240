namespace DongNai.Domain.Civic.PublicServices;

/// <summary>Where an application stands. Stored as its number; never renumbered.</summary>
public enum ApplicationStatus
{
    /// <summary>Submitted by the applicant, not yet taken up.</summary>
    Received = 1,

    Processing = 2,

    /// <summary>Staff asked the applicant for more (the note says what); the applicant may attach files.</summary>
    NeedsMoreInformation = 3,

    /// <summary>Finished: the result is issued. Final.</summary>
    Done = 4,

    /// <summary>Refused, with the reason in the note. Final.</summary>
    Refused = 5,
}

/// <summary>
/// An application for one of the three procedures with a typed form. The public handle is
/// <see cref="TrackingCode"/>; the applicant's identity fields (copied from their verified CCCD card,
/// never from the request), the typed form and every note are personal data: stored only as
/// AES-256-GCM ciphertext and shown only to the applicant and to agency staff.
/// </summary>
public sealed class PublicServiceApplication
{
    public long Id { get; set; }

    /// <summary>A random 12-digit number, unique: what the applicant quotes and what the API's paths name.</summary>
    public long TrackingCode { get; set; }

    public long ApplicantId { get; set; }

    /// <summary>The catalogue entry (a <see cref="PublicService"/> id).</summary>
    public long ServiceId { get; set; }

    public ApplicationForm Form { get; set; }

    /// <summary>GSO code of the commune or ward whose office handles it: the queue it is in.</summary>
    public string CommuneCode { get; set; } = "";

    /// <summary>Changes only from the value read (a concurrency token): two staff moving it at once cannot both succeed.</summary>
    public ApplicationStatus Status { get; set; }

    /// <summary>
    /// The procedure's fee at submission, in VND (0: nothing to pay). Later changes of the
    /// catalogue's fee do not change it: every fee order of the application is for this amount.
    /// </summary>
    public long FeeVnd { get; set; }

    /// <summary>
    /// The application's latest fee order (<see cref="Payments.OrderPurpose.PublicServiceFee"/>);
    /// null when there is no fee. Replaced only by a new order after the previous one closed unpaid
    /// or was refunded.
    /// </summary>
    public long? FeeOrderId { get; set; }

    /// <summary>
    /// When the fee order was paid; null while unpaid (and again after a refund). Set and cleared
    /// only by conditional updates in the order's transaction; a concurrency token, so that a staff
    /// move decided on a paid fee cannot succeed after a refund cleared it.
    /// </summary>
    public DateTime? FeePaidAt { get; set; }

    /// <summary>AES-256-GCM of the applicant fields as JSON (full name, date of birth, CCCD number, permanent address).</summary>
    public byte[] ApplicantCiphertext { get; set; } = [];

    /// <summary>AES-256-GCM of the procedure's typed form as JSON.</summary>
    public byte[] DetailsCiphertext { get; set; } = [];

    public DateTime SubmittedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>One change of an application's state: from, to, the note (encrypted) and who made it. The first row is the submission itself.</summary>
public sealed class ApplicationStateChange
{
    public long Id { get; set; }

    public long ApplicationId { get; set; }

    /// <summary>Null for the submission.</summary>
    public ApplicationStatus? From { get; set; }

    public ApplicationStatus To { get; set; }

    /// <summary>AES-256-GCM of the note; empty when there is none.</summary>
    public byte[] NoteCiphertext { get; set; } = [];

    /// <summary>The account that made the change: the applicant for the submission, agency staff or an admin after.</summary>
    public long ChangedBy { get; set; }

    public DateTime ChangedAt { get; set; }
}

/// <summary>A file the applicant attached (a scan of a birth certificate, a photo of a diploma): stored encrypted, type sniffed from its bytes.</summary>
public sealed class ApplicationAttachment
{
    public const int MaxContentTypeLength = 32;
    public const int MaxLabelLength = 100;

    public long Id { get; set; }

    public long ApplicationId { get; set; }

    /// <summary>What the file is, as the applicant names it ("Giấy chứng sinh"); not personal data of itself, kept plain.</summary>
    public string Label { get; set; } = "";

    /// <summary>The type its bytes show (<c>application/pdf</c>, <c>image/jpeg</c>, <c>image/png</c>).</summary>
    public string ContentType { get; set; } = "";

    public int Length { get; set; }

    public byte[] Ciphertext { get; set; } = [];

    public DateTime AttachedAt { get; set; }
}

/// <summary>
/// A commune whose applications an agency staff account works (the queue "per procedure and
/// commune"). A staff account with rows sees and moves only those communes' applications; one
/// without rows works the whole province; admins always do.
/// </summary>
public sealed class PublicServiceStaffCommune
{
    public long AccountId { get; set; }

    /// <summary>GSO code of the commune or ward.</summary>
    public string CommuneCode { get; set; } = "";
}
