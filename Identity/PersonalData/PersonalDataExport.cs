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
    IReadOnlyList<ExportedPushDevice> PushDevices);

/// <summary>
/// Gathers everything stored about an account, decrypted, for the person to take away (Law
/// 91/2025/QH15, the right of access). It reads the same tables <see cref="AccountErasure"/> deletes
/// from; a table keyed by an account belongs in both. One instance per request.
/// </summary>
public sealed class PersonalDataExport(AppDbContext db, PersonalDataProtector protector, IdentityCardService cards, TimeProvider time)
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
                .Select(d => new ExportedPushDevice(d.Platform, protector.Decrypt(d.TokenCiphertext), d.RegisteredAt, d.LastSeenAt)).ToList());
    }
}
