namespace DongNai.Identity.Verification;

/// <summary>An uploaded image, checked by <see cref="VerificationPhotos"/>: JPEG or PNG, at most <see cref="VerificationPhotos.MaxBytes"/>.</summary>
public sealed record VerificationPhoto(byte[] Content, string ContentType);

/// <summary>What a provider made of a submission.</summary>
public abstract record VerificationCheck
{
    /// <summary>A person must decide: the submission waits in a review queue, and the profile is pending.</summary>
    public sealed record Queued : VerificationCheck;

    /// <summary>The provider decided at once (an automatic face-match and liveness service).</summary>
    public sealed record Decided(bool Verified, string Reason) : VerificationCheck;
}

/// <summary>
/// The port for checking that the face in a selfie is the face on the ID card photo, and that the
/// selfie is of a live person. <see cref="StaffReviewQueue"/> (the default) queues both images for
/// agency staff; an automatic provider may decide at once. Called once per submission, within the
/// submitter's request and unit of work (scoped); a provider that stores anything adds it to that
/// unit of work, and the caller saves. Photos are personal data: a provider must keep them only
/// until the decision, encrypted at rest, and must not log them or the person's identity.
/// </summary>
public interface IIdentityVerificationProvider
{
    Task<VerificationCheck> CheckAsync(long accountId, VerificationPhoto idPhoto, VerificationPhoto selfie, CancellationToken cancellationToken);
}
