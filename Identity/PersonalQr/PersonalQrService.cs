using System.Security.Cryptography;
using DongNai.Domain;
using DongNai.Domain.People;
using DongNai.Identity.Cccd;
using DongNai.Identity.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Identity.PersonalQr;

/// <summary>A personal QR code as its owner sees it, with the token its image carries.</summary>
public sealed record PersonalQrCodeView(long Id, string Token, IReadOnlyList<PersonalQrField> Fields, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt);

/// <summary>
/// What a scanner is shown: the owner's verification badge (not personal data) and, of the fields
/// below, only those in <paramref name="SharedFields"/>; the others are null. The card's fields
/// (full name, date of birth, gender) only while the owner's identity is verified.
/// </summary>
public sealed record PersonalQrCard(
    IReadOnlyList<PersonalQrField> SharedFields,
    bool IdentityVerified,
    string? DisplayName,
    string? FullName,
    DateOnly? DateOfBirth,
    Gender? Gender,
    string? HomeCommuneCode,
    string? IndustrialParkCode,
    string? Phone);

/// <summary>One accepted scan of the owner's codes: who (their public handle and display name) and when.</summary>
public sealed record PersonalQrScanView(long Id, long CodeId, string ScannerHandle, string ScannerDisplayName, DateTime ScannedAt);

public abstract record PersonalQrCreation
{
    private PersonalQrCreation()
    {
    }

    public sealed record Created(PersonalQrCodeView Code) : PersonalQrCreation;

    /// <summary>A field of the CCCD card was chosen, and the owner's identity is not verified.</summary>
    public sealed record NeedsVerifiedIdentity(PersonalQrField Field) : PersonalQrCreation;

    public sealed record AccountGone : PersonalQrCreation;
}

public abstract record PersonalQrScanResult
{
    private PersonalQrScanResult()
    {
    }

    public sealed record Shown(PersonalQrCard Card) : PersonalQrScanResult;

    /// <summary>Not a token, altered, or not one this service issued.</summary>
    public sealed record Invalid : PersonalQrScanResult;

    public sealed record Expired(DateTime ExpiredAt) : PersonalQrScanResult;

    public sealed record Revoked(DateTime RevokedAt) : PersonalQrScanResult;
}

/// <summary>
/// Personal QR codes (issue 10, item 4; decision 0023): the owner makes one sharing chosen profile
/// fields until an expiry (recording the personalQr consent), shows its image, revokes it, and
/// sees who scanned it; a signed-in person scans it and is shown those fields alone. Withdrawing the
/// personalQr consent revokes every code (<see cref="ConsentService"/>). One instance per request.
/// </summary>
public sealed class PersonalQrService(
    AppDbContext db,
    PersonalQrTokens tokens,
    ConsentService consents,
    IdentityCardService cards,
    PersonalDataProtector protector,
    OwnerHandles handles,
    TimeProvider time)
{
    public const int MaxValidHours = 30 * 24;

    /// <summary>How many scans <see cref="ScansAsync"/> answers, the latest first.</summary>
    public const int ScanListSize = 200;

    private static readonly PersonalQrField[] CardFields = [PersonalQrField.FullName, PersonalQrField.DateOfBirth, PersonalQrField.Gender];

    public async Task<PersonalQrCreation> CreateAsync(long accountId, IReadOnlyCollection<PersonalQrField> fields, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var profile = await db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.AccountId == accountId, cancellationToken);
        if (profile is null)
        {
            return new PersonalQrCreation.AccountGone();
        }

        if (!profile.IdentityVerified && fields.FirstOrDefault(CardFields.Contains) is var cardField && cardField != default)
        {
            return new PersonalQrCreation.NeedsVerifiedIdentity(cardField);
        }

        var now = time.GetUtcNow().UtcDateTime;

        // Whole seconds: the token carries the expiry in Unix seconds, and the row must agree with it.
        var expires = DateTime.UnixEpoch.AddSeconds(PersonalQrTokens.UnixSeconds(now + validFor));
        var code = new PersonalQrCode
        {
            AccountId = accountId,
            SharedFields = PersonalQrCode.MaskOf(fields),
            Nonce = RandomNumberGenerator.GetBytes(PersonalQrCode.NonceLength),
            CreatedAt = now,
            ExpiresAt = expires,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await consents.GrantAsync(accountId, ConsentPurpose.PersonalQr, save: false, cancellationToken);
        db.PersonalQrCodes.Add(code);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PersonalQrCreation.Created(View(code));
    }

    /// <summary>The owner's codes, the newest first, revoked and expired ones included.</summary>
    public async Task<List<PersonalQrCodeView>> ListAsync(long accountId, CancellationToken cancellationToken) =>
        (await db.PersonalQrCodes.AsNoTracking().Where(c => c.AccountId == accountId).OrderByDescending(c => c.Id).ToListAsync(cancellationToken))
            .ConvertAll(View);

    /// <summary>The owner's code <paramref name="codeId"/>; null when there is none of that owner.</summary>
    public async Task<PersonalQrCodeView?> FindAsync(long accountId, long codeId, CancellationToken cancellationToken) =>
        await db.PersonalQrCodes.AsNoTracking().SingleOrDefaultAsync(c => c.Id == codeId && c.AccountId == accountId, cancellationToken) is { } code
            ? View(code)
            : null;

    /// <summary>Revokes the owner's code (again is harmless); false when the owner has no such code.</summary>
    public async Task<bool> RevokeAsync(long accountId, long codeId, CancellationToken cancellationToken)
    {
        var code = await db.PersonalQrCodes.SingleOrDefaultAsync(c => c.Id == codeId && c.AccountId == accountId, cancellationToken);
        if (code is null)
        {
            return false;
        }

        code.RevokedAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Checks <paramref name="text"/> (the decoded QR text) and, when it is a valid, unexpired and
    /// unrevoked token, records the scan (unless the owner scans their own code) and answers the card.
    /// </summary>
    public async Task<PersonalQrScanResult> ScanAsync(long scannerId, string? text, CancellationToken cancellationToken)
    {
        if (PersonalQrTokens.Read(text) is not { } claim)
        {
            return new PersonalQrScanResult.Invalid();
        }

        var code = await db.PersonalQrCodes.AsNoTracking().SingleOrDefaultAsync(c => c.Id == claim.CodeId, cancellationToken);
        if (code is null || !tokens.Verify(text!, claim, code.Nonce))
        {
            return new PersonalQrScanResult.Invalid();
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (code.RevokedAt is { } revokedAt)
        {
            return new PersonalQrScanResult.Revoked(revokedAt);
        }

        if (now >= code.ExpiresAt)
        {
            return new PersonalQrScanResult.Expired(code.ExpiresAt);
        }

        var card = await CardAsync(code, cancellationToken);
        if (card is null)
        {
            // The owner's account is going away while the code was read: as good as revoked.
            return new PersonalQrScanResult.Revoked(now);
        }

        if (scannerId != code.AccountId)
        {
            db.PersonalQrScans.Add(new PersonalQrScan { CodeId = code.Id, OwnerId = code.AccountId, ScannerId = scannerId, ScannedAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }

        return new PersonalQrScanResult.Shown(card);
    }

    /// <summary>The latest <see cref="ScanListSize"/> scans of the owner's codes; to the owner alone.</summary>
    public async Task<List<PersonalQrScanView>> ScansAsync(long ownerId, CancellationToken cancellationToken)
    {
        var scans = await db.PersonalQrScans.AsNoTracking()
            .Where(s => s.OwnerId == ownerId)
            .Join(db.Profiles.AsNoTracking(), s => s.ScannerId, p => p.AccountId, (s, p) => new { s.Id, s.CodeId, s.ScannerId, p.DisplayName, s.ScannedAt })
            .OrderByDescending(s => s.ScannedAt).ThenByDescending(s => s.Id)
            .Take(ScanListSize)
            .ToListAsync(cancellationToken);
        return scans.ConvertAll(s => new PersonalQrScanView(s.Id, s.CodeId, handles.Of(s.ScannerId), s.DisplayName, s.ScannedAt));
    }

    private PersonalQrCodeView View(PersonalQrCode code) =>
        new(code.Id, tokens.For(code.Id, code.ExpiresAt, code.Nonce), code.Fields, code.CreatedAt, code.ExpiresAt, code.RevokedAt);

    private async Task<PersonalQrCard?> CardAsync(PersonalQrCode code, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().Include(a => a.Profile).SingleOrDefaultAsync(a => a.Id == code.AccountId, cancellationToken);
        if (account?.Profile is not { } profile)
        {
            return null;
        }

        var fields = code.Fields;
        bool Shares(PersonalQrField field) => fields.Contains(field);
        var identity = profile.IdentityVerified && CardFields.Any(Shares) ? await cards.RevealAsync(account.Id, cancellationToken) : null;
        return new PersonalQrCard(
            fields,
            profile.IdentityVerified,
            Shares(PersonalQrField.DisplayName) ? profile.DisplayName : null,
            Shares(PersonalQrField.FullName) ? identity?.FullName : null,
            Shares(PersonalQrField.DateOfBirth) ? identity?.DateOfBirth : null,
            Shares(PersonalQrField.Gender) ? identity?.Gender : null,
            Shares(PersonalQrField.HomeCommune) ? profile.HomeCommuneCode : null,
            Shares(PersonalQrField.IndustrialPark) ? profile.IndustrialParkCode : null,
            Shares(PersonalQrField.Phone) ? protector.Decrypt(account.PhoneCiphertext) : null);
    }
}
