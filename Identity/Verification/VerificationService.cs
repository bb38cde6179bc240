using DongNai.Domain;
using DongNai.Domain.People;
using DongNai.Identity.Cccd;
using DongNai.Identity.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Identity.Verification;

public abstract record SubmissionResult
{
    public sealed record Submitted(VerificationStatus Status) : SubmissionResult;

    /// <summary>The profile has no CCCD card yet: fill it from the card's QR code first.</summary>
    public sealed record NoCard : SubmissionResult;

    /// <summary>A submission is already waiting for its decision.</summary>
    public sealed record AlreadyPending : SubmissionResult;

    public sealed record AlreadyVerified : SubmissionResult;

    public sealed record NotFound : SubmissionResult;
}

public abstract record DecisionResult
{
    public sealed record Decided(VerificationStatus Status) : DecisionResult;

    public sealed record NotFound : DecisionResult;

    /// <summary>Reviewers do not decide their own verification.</summary>
    public sealed record OwnSubmission : DecisionResult;
}

/// <summary>
/// One submission waiting for review, as a reviewer sees it: what the card says (name and date of
/// birth to compare with the ID photo, and only the last four digits of the number).
/// </summary>
public sealed record ReviewItem(long Id, DateTime SubmittedAt, string FullName, DateOnly DateOfBirth, Gender Gender, string CccdNumberEnding);

/// <summary>
/// The verification workflow of a profile: unverified → pending (photos submitted to the
/// <see cref="IIdentityVerificationProvider"/>) → verified or rejected, with the reason, who decided
/// and when. Submitting needs the CCCD card first; after a rejection the person may submit again.
/// A reviewer's decision deletes the photos (securely on SQLite, <see cref="SecureDelete"/>).
/// One instance per request.
/// </summary>
public sealed class VerificationService(
    AppDbContext db,
    IIdentityVerificationProvider provider,
    IdentityCardService cards,
    PersonalDataProtector protector,
    TimeProvider time)
{
    /// <summary>The most submissions <see cref="QueueAsync"/> lists: the oldest first.</summary>
    public const int QueuePageSize = 100;

    public async Task<SubmissionResult> SubmitAsync(long accountId, VerificationPhoto idPhoto, VerificationPhoto selfie, CancellationToken cancellationToken)
    {
        var profile = await db.Profiles.SingleOrDefaultAsync(p => p.AccountId == accountId, cancellationToken);
        if (profile is null)
        {
            return new SubmissionResult.NotFound();
        }

        switch (profile.Verification)
        {
            case VerificationStatus.Pending:
                return new SubmissionResult.AlreadyPending();
            case VerificationStatus.Verified:
                return new SubmissionResult.AlreadyVerified();
        }

        if (!await db.IdentityCards.AnyAsync(c => c.AccountId == accountId, cancellationToken))
        {
            return new SubmissionResult.NoCard();
        }

        var check = await provider.CheckAsync(accountId, idPhoto, selfie, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (check is VerificationCheck.Decided decided)
        {
            Record(profile, decided.Verified ? VerificationStatus.Verified : VerificationStatus.Rejected, decided.Reason, decidedBy: null, now);
        }
        else
        {
            profile.Verification = VerificationStatus.Pending;
            profile.VerificationReason = null;
            profile.VerificationDecidedBy = null;
            profile.VerificationDecidedAt = null;
            profile.UpdatedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two submissions of one account raced; the unique index on the account let one through.
            db.ChangeTracker.Clear();
            return new SubmissionResult.AlreadyPending();
        }

        return new SubmissionResult.Submitted(profile.Verification);
    }

    /// <summary>The oldest <see cref="QueuePageSize"/> submissions waiting for a reviewer.</summary>
    public async Task<List<ReviewItem>> QueueAsync(CancellationToken cancellationToken)
    {
        var waiting = await db.VerificationSubmissions.AsNoTracking()
            .OrderBy(s => s.SubmittedAt).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.AccountId, s.SubmittedAt })
            .Take(QueuePageSize)
            .ToListAsync(cancellationToken);
        var ids = waiting.Select(s => s.AccountId).ToList();
        var stored = await db.IdentityCards.AsNoTracking().Where(c => ids.Contains(c.AccountId)).ToDictionaryAsync(c => c.AccountId, cancellationToken);
        var items = new List<ReviewItem>(waiting.Count);
        foreach (var submission in waiting)
        {
            if (stored.TryGetValue(submission.AccountId, out var card))
            {
                var revealed = cards.Reveal(card);
                items.Add(new ReviewItem(submission.Id, submission.SubmittedAt, revealed.FullName, revealed.DateOfBirth, revealed.Gender, revealed.CccdNumber[^4..]));
            }
        }

        return items;
    }

    /// <summary>One image of a waiting submission, decrypted, or null when there is no such submission.</summary>
    public async Task<VerificationPhoto?> PhotoAsync(long submissionId, bool selfie, CancellationToken cancellationToken)
    {
        var submission = await db.VerificationSubmissions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == submissionId, cancellationToken);
        if (submission is null)
        {
            return null;
        }

        return selfie
            ? new VerificationPhoto(protector.DecryptBytes(submission.SelfieCiphertext), submission.SelfieContentType)
            : new VerificationPhoto(protector.DecryptBytes(submission.IdPhotoCiphertext), submission.IdPhotoContentType);
    }

    /// <summary>Approves or rejects a waiting submission as <paramref name="reviewerId"/>, and deletes its photos.</summary>
    public async Task<DecisionResult> DecideAsync(long submissionId, long reviewerId, bool approve, string? reason, CancellationToken cancellationToken)
    {
        var submission = await db.VerificationSubmissions.SingleOrDefaultAsync(s => s.Id == submissionId, cancellationToken);
        if (submission is null)
        {
            return new DecisionResult.NotFound();
        }

        if (submission.AccountId == reviewerId)
        {
            return new DecisionResult.OwnSubmission();
        }

        var profile = await db.Profiles.SingleAsync(p => p.AccountId == submission.AccountId, cancellationToken);
        var status = approve ? VerificationStatus.Verified : VerificationStatus.Rejected;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await SecureDelete.EnableAsync(db, cancellationToken);
        Record(profile, status, reason, reviewerId, time.GetUtcNow().UtcDateTime);
        db.VerificationSubmissions.Remove(submission);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await SecureDelete.CheckpointAsync(db, cancellationToken);
        return new DecisionResult.Decided(status);
    }

    private static void Record(Profile profile, VerificationStatus status, string? reason, long? decidedBy, DateTime now)
    {
        profile.Verification = status;
        profile.VerificationReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        profile.VerificationDecidedBy = decidedBy;
        profile.VerificationDecidedAt = now;
        profile.UpdatedAt = now;
    }
}
