using DongNai.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DongNai.Identity.Verification;

/// <summary>
/// Answers whether an account may take a trusted action: yes when <see cref="VerificationOptions"/>
/// does not gate the action, else only with a verified profile. One instance per request.
/// </summary>
public sealed class VerificationGate(AppDbContext db, IOptions<VerificationOptions> options)
{
    public async Task<bool> AllowsAsync(string action, long accountId, CancellationToken cancellationToken) =>
        !options.Value.Requires(action)
        || await db.Profiles.AnyAsync(p => p.AccountId == accountId && p.Verification == Domain.People.VerificationStatus.Verified, cancellationToken);
}
