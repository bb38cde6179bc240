using DongNai.Domain;
using DongNai.Domain.People;

namespace DongNai.Identity.Verification;

/// <summary>
/// The default <see cref="IIdentityVerificationProvider"/>: no automatic check; both images are
/// encrypted (<see cref="PersonalDataProtector"/>) into a <see cref="VerificationSubmission"/> that
/// agency staff review through <see cref="VerificationService"/>, which deletes it with the decision.
/// Scoped, like the context it writes to.
/// </summary>
public sealed class StaffReviewQueue(AppDbContext db, PersonalDataProtector protector, TimeProvider time) : IIdentityVerificationProvider
{
    public Task<VerificationCheck> CheckAsync(long accountId, VerificationPhoto idPhoto, VerificationPhoto selfie, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idPhoto);
        ArgumentNullException.ThrowIfNull(selfie);
        db.VerificationSubmissions.Add(new VerificationSubmission
        {
            AccountId = accountId,
            IdPhotoCiphertext = protector.Encrypt(idPhoto.Content),
            IdPhotoContentType = idPhoto.ContentType,
            SelfieCiphertext = protector.Encrypt(selfie.Content),
            SelfieContentType = selfie.ContentType,
            SubmittedAt = time.GetUtcNow().UtcDateTime,
        });
        return Task.FromResult<VerificationCheck>(new VerificationCheck.Queued());
    }
}
