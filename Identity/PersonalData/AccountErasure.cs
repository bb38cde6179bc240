using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Outbox;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Identity.PersonalData;

/// <summary>
/// Deletes an account and everything keyed by it (Law 91/2025/QH15, the right to erasure), in one
/// transaction: its listings of every kind, each with a delete tombstone in the outbox (so the
/// index drops them as it drops any deleted listing), its companies, its interaction events, and
/// the account itself with what cascades from it — profile, identity card, verification photos,
/// consents, refresh tokens, push devices; its applications, contact requests sent or received, personal QR codes, and the scans it made or its codes received. Access tokens already issued die with the account: their validation
/// finds no security stamp. On SQLite the freed pages are zeroed (<see cref="SecureDelete"/>).
/// One instance per request.
/// </summary>
public sealed class AccountErasure(AppDbContext db, TimeProvider time)
{
    /// <summary>Erases the account; returns false when there is none. The caller pokes the indexer afterwards.</summary>
    public async Task<bool> EraseAsync(long accountId, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await SecureDelete.EnableAsync(db, cancellationToken);
        await db.JobApplications.Where(a => a.ApplicantId == accountId || a.EmployerAccountId == accountId).ExecuteDeleteAsync(cancellationToken);

        // The foreign keys cascade too; said here so that no scan outlives either party even where they do not.
        await db.ContactRequests.Where(r => r.WorkerId == accountId || r.EmployerId == accountId).ExecuteDeleteAsync(cancellationToken);
        await db.PersonalQrScans.Where(s => s.OwnerId == accountId || s.ScannerId == accountId).ExecuteDeleteAsync(cancellationToken);
        await db.PersonalQrCodes.Where(c => c.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        foreach (var kind in ListingKinds.Descriptors)
        {
            foreach (var listing in await kind.OwnedByAsync(db, accountId, cancellationToken))
            {
                db.Remove(listing);
                db.Outbox.Add(new OutboxEntry
                {
                    Kind = listing.Kind,
                    ListingId = listing.Id,
                    Version = listing.Version + 1,
                    Operation = OutboxOperation.Delete,
                    CreatedAt = now,
                });
            }
        }

        // Listings first: a job refers to its company.
        await db.SaveChangesAsync(cancellationToken);
        await db.Employers.Where(e => e.OwnerId == accountId).ExecuteDeleteAsync(cancellationToken);
        await db.Interactions.Where(i => i.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        db.Accounts.Remove(account);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await SecureDelete.CheckpointAsync(db, cancellationToken);
        return true;
    }
}
