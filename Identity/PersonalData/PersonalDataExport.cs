using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Messaging;
using DongNai.Domain.People;
using DongNai.Identity.Cccd;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Identity.PersonalData;

public sealed record ExportedAccount(long Id, string Phone, Role Role, DateTime CreatedAt);

public sealed record ExportedProfile(
    string DisplayName,
    string? HomeCommuneCode,
    string? IndustrialParkCode,
    VerificationStatus Verification,
    string? VerificationReason,
    DateTime? VerificationDecidedAt,
    DateTime UpdatedAt);

public sealed record ExportedIdentityCard(CccdCard Card, DateTime FilledAt);

/// <summary>A submission waiting for review, with both images (base64 in JSON).</summary>
public sealed record ExportedSubmission(DateTime SubmittedAt, string IdPhotoContentType, byte[] IdPhoto, string SelfieContentType, byte[] Selfie);

public sealed record ExportedConsent(ConsentPurpose Purpose, DateTime GrantedAt, DateTime? WithdrawnAt);

/// <summary>A sign-in session (its refresh tokens), without the token hashes, which are of no use to anyone.</summary>
public sealed record ExportedSession(Guid FamilyId, DateTime CreatedAt, DateTime ExpiresAt, DateTime? UsedAt, DateTime? RevokedAt);

public sealed record ExportedEmployer(long Id, string Name, string TaxCode, string? IndustrialParkCode, DateTime CreatedAt);

public sealed record ExportedListing(string Kind, long Id, string Title, string Description, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record ExportedInteraction(ListingKind ListingKind, long ListingId, InteractionType Type, string? DeviceId, string? Query, DateTime OccurredAt);

/// <summary>A device that receives the person's pushes, with its registration token (stored encrypted).</summary>
public sealed record ExportedPushDevice(DevicePlatform Platform, string Token, DateTime RegisteredAt, DateTime LastSeenAt);

/// <summary>An application the person made to a job, with one of their CVs.</summary>
public sealed record ExportedApplication(long Id, long JobId, long CvId, ApplicationStatus Status, string? Reason, DateTime CreatedAt, DateTime UpdatedAt, DateTime? DecidedAt);

/// <summary>A request to contact a worker about a job: sent by the person (an employer) or received on one of the person's CVs.</summary>
public sealed record ExportedContactRequest(long Id, long CvId, long JobId, string? Message, ContactRequestStatus Status, DateTime CreatedAt, DateTime? DecidedAt, long? ConversationId);

/// <summary>A personal QR code the person made: what it shared and until when (the token itself is of no use once exported).</summary>
public sealed record ExportedPersonalQrCode(long Id, IReadOnlyList<PersonalQrField> Fields, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt);

/// <summary>A scan of a personal QR code: of the person's code by someone (<paramref name="OtherHandle"/> the scanner), or by the person of someone's code (the code's owner).</summary>
public sealed record ExportedPersonalQrScan(long CodeId, string OtherHandle, DateTime ScannedAt);

/// <summary>Everything the service stores about one person, decrypted (<c>GET /api/me/data</c>).</summary>
public sealed record PersonalDataBundle(
    DateTime ExportedAt,
    ExportedAccount Account,
    ExportedProfile? Profile,
    ExportedIdentityCard? IdentityCard,
    ExportedSubmission? PendingVerification,
    IReadOnlyList<ExportedConsent> Consents,
    IReadOnlyList<ExportedSession> Sessions,
    IReadOnlyList<ExportedEmployer> Employers,
    IReadOnlyList<ExportedListing> Listings,
    IReadOnlyList<ExportedInteraction> Interactions,
    IReadOnlyList<ExportedPushDevice> PushDevices,
    IReadOnlyList<ExportedApplication> Applications,
    IReadOnlyList<ExportedContactRequest> ContactRequestsReceived,
    IReadOnlyList<ExportedContactRequest> ContactRequestsSent,
    IReadOnlyList<ExportedPersonalQrCode> PersonalQrCodes,
    IReadOnlyList<ExportedPersonalQrScan> ScansOfMyPersonalQrCodes,
    IReadOnlyList<ExportedPersonalQrScan> PersonalQrCodesIScanned);

/// <summary>
/// Gathers everything stored about an account, decrypted, for the person to take away (Law
/// 91/2025/QH15, the right of access). It reads the same tables <see cref="AccountErasure"/> deletes
/// from; a table keyed by an account belongs in both. One instance per request.
/// </summary>
public sealed class PersonalDataExport(AppDbContext db, PersonalDataProtector protector, IdentityCardService cards, OwnerHandles handles, TimeProvider time)
{
    public async Task<PersonalDataBundle?> ExportAsync(long accountId, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().Include(a => a.Profile).SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return null;
        }

        var card = await db.IdentityCards.AsNoTracking().SingleOrDefaultAsync(c => c.AccountId == accountId, cancellationToken);
        var submission = await db.VerificationSubmissions.AsNoTracking().SingleOrDefaultAsync(s => s.AccountId == accountId, cancellationToken);
        var listings = new List<ExportedListing>();
        foreach (var kind in ListingKinds.Descriptors)
        {
            listings.AddRange((await kind.OwnedByAsync(db, accountId, cancellationToken))
                .Select(l => new ExportedListing(kind.Slug, l.Id, l.Title, l.Description, l.CreatedAt, l.UpdatedAt)));
        }

        var qrCodes = await db.PersonalQrCodes.AsNoTracking().Where(c => c.AccountId == accountId).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var scansOfMine = await db.PersonalQrScans.AsNoTracking().Where(s => s.OwnerId == accountId).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var scansByMe = await db.PersonalQrScans.AsNoTracking().Where(s => s.ScannerId == accountId).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var profile = account.Profile;
        return new PersonalDataBundle(
            time.GetUtcNow().UtcDateTime,
            new ExportedAccount(account.Id, protector.Decrypt(account.PhoneCiphertext), account.Role, account.CreatedAt),
            profile is null ? null : new ExportedProfile(
                profile.DisplayName, profile.HomeCommuneCode, profile.IndustrialParkCode,
                profile.Verification, profile.VerificationReason, profile.VerificationDecidedAt, profile.UpdatedAt),
            card is null ? null : new ExportedIdentityCard(cards.Reveal(card), card.FilledAt),
            submission is null ? null : new ExportedSubmission(
                submission.SubmittedAt,
                submission.IdPhotoContentType, protector.DecryptBytes(submission.IdPhotoCiphertext),
                submission.SelfieContentType, protector.DecryptBytes(submission.SelfieCiphertext)),
            await db.Consents.AsNoTracking().Where(c => c.AccountId == accountId).OrderBy(c => c.Id)
                .Select(c => new ExportedConsent(c.Purpose, c.GrantedAt, c.WithdrawnAt)).ToListAsync(cancellationToken),
            await db.RefreshTokens.AsNoTracking().Where(t => t.AccountId == accountId).OrderBy(t => t.Id)
                .Select(t => new ExportedSession(t.FamilyId, t.CreatedAt, t.ExpiresAt, t.UsedAt, t.RevokedAt)).ToListAsync(cancellationToken),
            await db.Employers.AsNoTracking().Where(e => e.OwnerId == accountId).OrderBy(e => e.Id)
                .Select(e => new ExportedEmployer(e.Id, e.Name, e.TaxCode, e.IndustrialParkCode, e.CreatedAt)).ToListAsync(cancellationToken),
            listings,
            await db.Interactions.AsNoTracking().Where(i => i.AccountId == accountId).OrderBy(i => i.Id)
                .Select(i => new ExportedInteraction(i.ListingKind, i.ListingId, i.Type, i.DeviceId, i.Query, i.OccurredAt)).ToListAsync(cancellationToken),
            (await db.PushDevices.AsNoTracking().Where(d => d.AccountId == accountId).OrderBy(d => d.Id).ToListAsync(cancellationToken))
                .Select(d => new ExportedPushDevice(d.Platform, protector.Decrypt(d.TokenCiphertext), d.RegisteredAt, d.LastSeenAt)).ToList(),
            await db.JobApplications.AsNoTracking().Where(a => a.ApplicantId == accountId).OrderBy(a => a.Id)
                .Select(a => new ExportedApplication(a.Id, a.JobId, a.CvId, a.Status, a.Reason, a.CreatedAt, a.UpdatedAt, a.DecidedAt)).ToListAsync(cancellationToken),
            await db.ContactRequests.AsNoTracking().Where(r => r.WorkerId == accountId).OrderBy(r => r.Id)
                .Select(r => new ExportedContactRequest(r.Id, r.CvId, r.JobId, r.Message, r.Status, r.CreatedAt, r.DecidedAt, r.ConversationId)).ToListAsync(cancellationToken),
            await db.ContactRequests.AsNoTracking().Where(r => r.EmployerId == accountId).OrderBy(r => r.Id)
                .Select(r => new ExportedContactRequest(r.Id, r.CvId, r.JobId, r.Message, r.Status, r.CreatedAt, r.DecidedAt, r.ConversationId)).ToListAsync(cancellationToken),
            qrCodes.ConvertAll(c => new ExportedPersonalQrCode(c.Id, c.Fields, c.CreatedAt, c.ExpiresAt, c.RevokedAt)),
            scansOfMine.ConvertAll(s => new ExportedPersonalQrScan(s.CodeId, handles.Of(s.ScannerId), s.ScannedAt)),
            scansByMe.ConvertAll(s => new ExportedPersonalQrScan(s.CodeId, handles.Of(s.OwnerId), s.ScannedAt)));
    }
}
