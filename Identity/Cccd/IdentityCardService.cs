using System.Text.Json;
using DongNai.Domain;
using DongNai.Domain.People;
using DongNai.Identity.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Identity.Cccd;

/// <summary>What filling a profile from a CCCD card came to.</summary>
public abstract record CardFillResult
{
    /// <summary>The card is stored (encrypted) on the account; <paramref name="Verification"/> is where its verification stands now.</summary>
    public sealed record Filled(CccdCard Card, VerificationStatus Verification) : CardFillResult;

    /// <summary>Another account holds this card number: one account per CCCD.</summary>
    public sealed record HeldByAnotherAccount : CardFillResult;

    /// <summary>A verification of the current card is under way; another card number must wait for its decision.</summary>
    public sealed record VerificationPending : CardFillResult;

    /// <summary>There is no such account (deleted since the token was checked).</summary>
    public sealed record NotFound : CardFillResult;
}

/// <summary>
/// Stores and reads back the CCCD card of an account (<see cref="IdentityCard"/>): the number only
/// as a keyed hash (unique: one account per card) and the fields only as ciphertext
/// (<see cref="PersonalDataProtector"/>). Filling records the profile-autofill consent. A different
/// card number than the one verified resets the verification to unverified. One instance per
/// request (it holds the request's <see cref="AppDbContext"/>).
/// </summary>
public sealed class IdentityCardService(AppDbContext db, PersonalDataProtector protector, ConsentService consents, TimeProvider time)
{
    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.General);

    /// <summary>The lookup hash of a card number; prefixed, so that it can never equal the hash of a phone number.</summary>
    public byte[] LookupHash(string cccdNumber) => protector.LookupHash("cccd:" + cccdNumber);

    public async Task<CardFillResult> FillAsync(long accountId, CccdCard card, CancellationToken cancellationToken)
    {
        var profile = await db.Profiles.SingleOrDefaultAsync(p => p.AccountId == accountId, cancellationToken);
        if (profile is null)
        {
            return new CardFillResult.NotFound();
        }

        var lookup = LookupHash(card.CccdNumber);
        if (await db.IdentityCards.AnyAsync(c => c.CccdLookupHash == lookup && c.AccountId != accountId, cancellationToken))
        {
            return new CardFillResult.HeldByAnotherAccount();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var stored = await db.IdentityCards.SingleOrDefaultAsync(c => c.AccountId == accountId, cancellationToken);
        var sameNumber = stored is not null && stored.CccdLookupHash.AsSpan().SequenceEqual(lookup);
        if (!sameNumber && profile.Verification == VerificationStatus.Pending)
        {
            return new CardFillResult.VerificationPending();
        }

        if (stored is null)
        {
            stored = new IdentityCard { AccountId = accountId };
            db.IdentityCards.Add(stored);
        }

        stored.CccdLookupHash = lookup;
        stored.DetailsCiphertext = protector.Encrypt(JsonSerializer.Serialize(card, DetailsJson));
        stored.FilledAt = now;
        if (!sameNumber && profile.Verification != VerificationStatus.Unverified)
        {
            // A verification vouched for another card; this one has not been checked.
            profile.Verification = VerificationStatus.Unverified;
            profile.VerificationReason = null;
            profile.VerificationDecidedBy = null;
            profile.VerificationDecidedAt = null;
        }

        profile.UpdatedAt = now;
        await consents.GrantAsync(accountId, ConsentPurpose.ProfileAutofill, save: false, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two accounts filling the same card may race; the unique index lets exactly one through.
            db.ChangeTracker.Clear();
            if (await db.IdentityCards.AnyAsync(c => c.CccdLookupHash == lookup && c.AccountId != accountId, cancellationToken))
            {
                return new CardFillResult.HeldByAnotherAccount();
            }

            throw;
        }

        return new CardFillResult.Filled(card, profile.Verification);
    }

    /// <summary>The account's card, decrypted, or null when it has none. For the owner's own requests and reviewers only.</summary>
    public async Task<CccdCard?> RevealAsync(long accountId, CancellationToken cancellationToken)
    {
        var stored = await db.IdentityCards.AsNoTracking().SingleOrDefaultAsync(c => c.AccountId == accountId, cancellationToken);
        return stored is null ? null : Reveal(stored);
    }

    public CccdCard Reveal(IdentityCard stored) =>
        JsonSerializer.Deserialize<CccdCard>(protector.Decrypt(stored.DetailsCiphertext), DetailsJson)
            ?? throw new InvalidOperationException("A stored identity card decrypted to nothing.");
}
