using DongNai.Domain;
using DongNai.Domain.People;
using DongNai.Identity.Cccd;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Identity.Cvs;

/// <summary>The identity fields a CV shows, from the owner's verified card; personal data.</summary>
public sealed record CvIdentityFields(string FullName, DateOnly DateOfBirth, string Address);

/// <summary>
/// Reads a CV's identity fields from its owner's identity card (decision 0019): they are never
/// stored on the CV, so no request can set them. Only while the owner's profile is verified; null
/// otherwise (a card filled again since resets the verification). Callers decide who may see them:
/// the owner, or the employer of a job the owner applied to. One instance per request.
/// </summary>
public sealed class CvIdentity(AppDbContext db, IdentityCardService cards)
{
    public async Task<CvIdentityFields?> ReadAsync(long ownerId, CancellationToken cancellationToken)
    {
        if (!await db.Profiles.AnyAsync(p => p.AccountId == ownerId && p.Verification == VerificationStatus.Verified, cancellationToken))
        {
            return null;
        }

        return await cards.RevealAsync(ownerId, cancellationToken) is { } card
            ? new CvIdentityFields(card.FullName, card.DateOfBirth, card.Address)
            : null;
    }
}
