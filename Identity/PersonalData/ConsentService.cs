using DongNai.Domain;
using DongNai.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Identity.PersonalData;

/// <summary>Where one purpose's consent stands, with the time of its last grant or withdrawal.</summary>
public sealed record ConsentState(ConsentPurpose Purpose, bool Granted, DateTime? GrantedAt, DateTime? WithdrawnAt);

/// <summary>
/// Consent per purpose (Law 91/2025/QH15): each grant appends a <see cref="ConsentRecord"/>,
/// each withdrawal closes the open one, so the history of what was allowed when stays. Withdrawing
/// the profile-autofill consent also erases what it allowed: the stored CCCD card, any photos
/// waiting for review, and the verification that rested on them; withdrawing the personal-QR
/// consent revokes every personal QR code. One instance per request.
/// </summary>
public sealed class ConsentService(AppDbContext db, TimeProvider time)
{
    /// <summary>Records a grant unless one is open already; returns the open grant. With <paramref name="save"/> false the caller saves.</summary>
    public async Task<ConsentRecord> GrantAsync(long accountId, ConsentPurpose purpose, bool save, CancellationToken cancellationToken)
    {
        var open = await OpenAsync(accountId, purpose, cancellationToken);
        if (open is null)
        {
            open = new ConsentRecord { AccountId = accountId, Purpose = purpose, GrantedAt = time.GetUtcNow().UtcDateTime };
            db.Consents.Add(open);
            if (save)
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        return open;
    }

    /// <summary>Closes the open grant of <paramref name="purpose"/>; returns false when none was open (nothing changes then).</summary>
    public async Task<bool> WithdrawAsync(long accountId, ConsentPurpose purpose, CancellationToken cancellationToken)
    {
        var open = await OpenAsync(accountId, purpose, cancellationToken);
        if (open is null)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        open.WithdrawnAt = now;
        if (purpose == ConsentPurpose.ProfileAutofill)
        {
            await db.IdentityCards.Where(c => c.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
            await db.VerificationSubmissions.Where(s => s.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
            if (await db.Profiles.SingleOrDefaultAsync(p => p.AccountId == accountId, cancellationToken) is { } profile)
            {
                profile.Verification = VerificationStatus.Unverified;
                profile.VerificationReason = null;
                profile.VerificationDecidedBy = null;
                profile.VerificationDecidedAt = null;
                profile.UpdatedAt = now;
            }
        }

        if (purpose == ConsentPurpose.PersonalQr)
        {
            // Without the consent no code may show anything: every code still valid is revoked now.
            await db.PersonalQrCodes.Where(c => c.AccountId == accountId && c.RevokedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.RevokedAt, (DateTime?)now), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Every purpose with its current state, in the order of <see cref="ConsentPurpose"/>.</summary>
    public async Task<List<ConsentState>> StatesAsync(long accountId, CancellationToken cancellationToken)
    {
        var records = await db.Consents.AsNoTracking().Where(c => c.AccountId == accountId).ToListAsync(cancellationToken);
        return Enum.GetValues<ConsentPurpose>().Select(purpose =>
        {
            var latest = records.Where(r => r.Purpose == purpose).OrderBy(r => r.GrantedAt).ThenBy(r => r.Id).LastOrDefault();
            return new ConsentState(purpose, latest is { WithdrawnAt: null }, latest?.GrantedAt, latest?.WithdrawnAt);
        }).ToList();
    }

    private Task<ConsentRecord?> OpenAsync(long accountId, ConsentPurpose purpose, CancellationToken cancellationToken) =>
        db.Consents.Where(c => c.AccountId == accountId && c.Purpose == purpose && c.WithdrawnAt == null).OrderBy(c => c.Id).LastOrDefaultAsync(cancellationToken);
}
