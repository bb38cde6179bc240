using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Listings.Vouchers;
using DongNai.Domain.Outbox;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Payments.Vouchers;

/// <summary>
/// Takes units from a voucher's <see cref="Voucher.QuantityRemaining"/> and gives them back, with
/// conditional updates only: a unit is taken by <c>UPDATE … SET QuantityRemaining = QuantityRemaining - 1
/// WHERE Id = @id AND QuantityRemaining &gt; 0</c>, so no interleaving of claims can take more units than
/// there are. Each change bumps the listing's version and adds an outbox entry (tracked, saved by the
/// caller's transaction), so the search index shows the new count and drops a sold-out voucher.
/// </summary>
public static class VoucherStock
{
    /// <summary>Takes one unit if any is left and the voucher has not ended; false otherwise.</summary>
    public static async Task<bool> TryTakeAsync(AppDbContext db, long voucherId, DateTime now, CancellationToken cancellationToken)
    {
        var taken = await db.Set<Voucher>()
            .Where(v => v.Id == voucherId && v.QuantityRemaining > 0 && v.ValidTo > now)
            .ExecuteUpdateAsync(set => set.SetProperty(v => v.QuantityRemaining, v => v.QuantityRemaining - 1).SetProperty(v => v.Version, v => v.Version + 1), cancellationToken);
        if (taken == 0)
        {
            return false;
        }

        await AddOutboxEntryAsync(db, voucherId, now, cancellationToken);
        return true;
    }

    /// <summary>Gives one unit back (never above the voucher's total; nothing when the voucher was deleted).</summary>
    public static async Task GiveBackAsync(AppDbContext db, long voucherId, DateTime now, CancellationToken cancellationToken)
    {
        var given = await db.Set<Voucher>()
            .Where(v => v.Id == voucherId && v.QuantityRemaining < v.QuantityTotal)
            .ExecuteUpdateAsync(set => set.SetProperty(v => v.QuantityRemaining, v => v.QuantityRemaining + 1).SetProperty(v => v.Version, v => v.Version + 1), cancellationToken);
        if (given > 0)
        {
            await AddOutboxEntryAsync(db, voucherId, now, cancellationToken);
        }
    }

    private static async Task AddOutboxEntryAsync(AppDbContext db, long voucherId, DateTime now, CancellationToken cancellationToken)
    {
        // Read inside the same transaction as the update, so it is the version that update wrote.
        var version = await db.Set<Voucher>().Where(v => v.Id == voucherId).Select(v => v.Version).SingleAsync(cancellationToken);
        db.Outbox.Add(new OutboxEntry
        {
            Kind = ListingKind.Voucher,
            ListingId = voucherId,
            Version = version,
            Operation = OutboxOperation.Upsert,
            CreatedAt = now,
        });
    }
}
