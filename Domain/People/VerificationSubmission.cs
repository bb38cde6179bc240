namespace DongNai.Domain.People;

/// <summary>
/// A person's ID card photo and selfie waiting for a reviewer (the default verification provider).
/// Both images are stored encrypted (AES-256-GCM) and shown only to agency staff and admins; the
/// row, photos included, is deleted when the decision is taken. At most one per account.
/// </summary>
public sealed class VerificationSubmission
{
    public const int MaxContentTypeLength = 32;

    public long Id { get; set; }

    public long AccountId { get; set; }

    public byte[] IdPhotoCiphertext { get; set; } = [];

    public string IdPhotoContentType { get; set; } = "";

    public byte[] SelfieCiphertext { get; set; } = [];

    public string SelfieContentType { get; set; } = "";

    public DateTime SubmittedAt { get; set; }
}
