using System.Data.Common;
using System.Security.Cryptography;
using DongNai.Domain;
using DongNai.Domain.Listings.Vouchers;
using DongNai.Domain.Payments;
using DongNai.Domain.Text;
using DongNai.Indexers;
using DongNai.Payments.Orders;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Payments.Vouchers;

/// <summary>How a claim request ended.</summary>
public enum ClaimOutcome
{
    /// <summary>Claimed: active for a free voucher, awaiting payment (with an order) for a priced one.</summary>
    Claimed = 1,
    VoucherNotFound = 2,

    /// <summary>The voucher's validity has ended.</summary>
    Ended = 3,

    /// <summary>No unit is left.</summary>
    SoldOut = 4,

    /// <summary>The person already holds as many live claims of this voucher as it allows.</summary>
    LimitReached = 5,
}

/// <summary>How a cancel or redeem request ended.</summary>
public enum ClaimChange
{
    Done = 1,
    NotFound = 2,

    /// <summary>The caller may not do this to the claim (not its holder, or not the voucher's owner).</summary>
    Forbidden = 3,

    /// <summary>The claim is not in a state that allows it (see the message).</summary>
    Conflict = 4,

    /// <summary>The code is not a valid redemption code (400 on <c>code</c>).</summary>
    InvalidCode = 5,

    /// <summary>The location is not one of the voucher's (400 on <c>locationName</c>).</summary>
    UnknownLocation = 6,
}

/// <summary>A claim request's outcome and, when claimed, the claim.</summary>
public sealed record ClaimResult(ClaimOutcome Outcome, VoucherClaimResponse? Claim = null);

/// <summary>A cancel or redeem request's outcome, the claim after it, and for a conflict why.</summary>
public sealed record ClaimChangeResult(ClaimChange Outcome, VoucherClaimResponse? Claim = null, string? Message = null);

/// <summary>
/// Claims of vouchers: claim (free at once, priced through an order that holds the unit), cancel
/// before use, redeem once at the shop, and the holder's wallet. A claim never oversells: the unit
/// is taken by <see cref="VoucherStock.TryTakeAsync"/> in the transaction that inserts the claim and
/// the outbox entry, and the per-person limit is a unique index on (voucher, account, slot).
/// Scoped: one per request.
/// </summary>
public sealed class VoucherClaims(AppDbContext db, TimeProvider time, OrderWorkflow orders, RedemptionCodes codes, IndexingTrigger indexing)
{
    /// <summary>How many claims the wallet lists, newest first.</summary>
    public const int WalletLimit = 200;

    public async Task<ClaimResult> ClaimAsync(long voucherId, long accountId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var voucher = await db.Set<Voucher>().AsNoTracking().Where(v => v.Id == voucherId)
            .Select(v => new { v.Title, v.PriceVnd, v.MaxClaimsPerPerson, v.ValidTo }).SingleOrDefaultAsync(cancellationToken);
        if (voucher is null)
        {
            return new(ClaimOutcome.VoucherNotFound);
        }

        if (voucher.ValidTo <= now)
        {
            return new(ClaimOutcome.Ended);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The first free slot; a concurrent claim of the same person for the same slot loses on the unique index below.
        var held = await db.VoucherClaims.Where(c => c.VoucherId == voucherId && c.AccountId == accountId && c.Slot != null)
            .Select(c => c.Slot!.Value).ToListAsync(cancellationToken);
        var slot = Enumerable.Range(1, Math.Max(1, voucher.MaxClaimsPerPerson)).FirstOrDefault(s => !held.Contains(s));
        if (slot == 0)
        {
            return new(ClaimOutcome.LimitReached);
        }

        if (!await VoucherStock.TryTakeAsync(db, voucherId, now, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return new(ClaimOutcome.SoldOut);
        }

        try
        {
            var order = voucher.PriceVnd > 0
                ? await orders.AddPendingAsync(accountId, OrderPurpose.VoucherClaim, voucher.PriceVnd, $"Claim of voucher {voucherId}.", cancellationToken)
                : null;
            var claim = new VoucherClaim
            {
                VoucherId = voucherId,
                AccountId = accountId,
                Slot = slot,
                Status = order is null ? VoucherClaimStatus.Active : VoucherClaimStatus.AwaitingPayment,
                OrderId = order?.Id,
                CodeNonce = RandomNumberGenerator.GetBytes(VoucherClaim.NonceLength),
                ClaimedAt = now,
                UpdatedAt = now,
            };
            db.VoucherClaims.Add(claim);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            indexing.Poke();
            return new(ClaimOutcome.Claimed, await GetAsync(claim.Id, cancellationToken));
        }
        catch (DbUpdateException exception) when (IsUniqueViolation(exception))
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new(ClaimOutcome.LimitReached);
        }
    }

    /// <summary>
    /// The holder gives up a claim before using it: an unpaid one cancels its order, a free one ends
    /// at once; either way the unit and the slot go back. A paid claim is refunded by staff instead.
    /// Idempotent: cancelling a cancelled claim answers done and gives nothing back twice.
    /// </summary>
    public async Task<ClaimChangeResult> CancelAsync(long claimId, long accountId, CancellationToken cancellationToken = default)
    {
        var claim = await db.VoucherClaims.AsNoTracking().SingleOrDefaultAsync(c => c.Id == claimId, cancellationToken);
        if (claim is null)
        {
            return new(ClaimChange.NotFound);
        }

        if (claim.AccountId != accountId)
        {
            return new(ClaimChange.Forbidden);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (claim is { Status: VoucherClaimStatus.AwaitingPayment, OrderId: { } orderId })
        {
            await orders.CancelAsync(orderId, accountId, "The payer cancelled the voucher claim.", cancellationToken);
        }
        else if (claim is { Status: VoucherClaimStatus.Active, OrderId: null })
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var ended = await db.VoucherClaims.Where(c => c.Id == claimId && c.Status == VoucherClaimStatus.Active)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, VoucherClaimStatus.Cancelled).SetProperty(c => c.Slot, (int?)null).SetProperty(c => c.UpdatedAt, now), cancellationToken);
            if (ended > 0)
            {
                await VoucherStock.GiveBackAsync(db, claim.VoucherId, now, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            indexing.Poke();
        }

        var after = await GetAsync(claimId, cancellationToken);
        return after!.Status == VoucherClaimStatus.Cancelled
            ? new(ClaimChange.Done, after)
            : new(ClaimChange.Conflict, after, after.Status switch
            {
                VoucherClaimStatus.Active => "The claim is paid: ask for a refund instead.",
                VoucherClaimStatus.Redeemed => "The voucher was already used.",
                _ => "The claim has already ended.",
            });
    }

    /// <summary>
    /// The voucher's owner (its shop) redeems a claim by its code at one of the voucher's locations,
    /// within the voucher's validity, once: the conditional update from active to redeemed lets one
    /// of any number of concurrent redemptions through.
    /// </summary>
    public async Task<ClaimChangeResult> RedeemAsync(string code, string locationName, long staffAccountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(locationName);
        var claimId = RedemptionCodes.ClaimIdOf(code);
        var claim = claimId is null ? null : await db.VoucherClaims.AsNoTracking().SingleOrDefaultAsync(c => c.Id == claimId, cancellationToken);
        if (claim is null || !codes.Verify(code, claim.Id, claim.CodeNonce))
        {
            return new(ClaimChange.InvalidCode);
        }

        var voucher = await db.Set<Voucher>().AsNoTracking().SingleOrDefaultAsync(v => v.Id == claim.VoucherId, cancellationToken);
        if (voucher is null)
        {
            return new(ClaimChange.Conflict, null, "The voucher no longer exists.");
        }

        if (voucher.OwnerId != staffAccountId)
        {
            return new(ClaimChange.Forbidden);
        }

        var wanted = VietnameseText.FoldKey(locationName);
        var location = voucher.Locations.FirstOrDefault(l => string.Equals(VietnameseText.FoldKey(l.Name), wanted, StringComparison.Ordinal));
        if (location is null)
        {
            return new(ClaimChange.UnknownLocation);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (now < voucher.ValidFrom)
        {
            return new(ClaimChange.Conflict, null, "The voucher is not valid yet.");
        }

        if (now >= voucher.ValidTo)
        {
            return new(ClaimChange.Conflict, null, "The voucher has expired.");
        }

        var redeemed = await db.VoucherClaims.Where(c => c.Id == claim.Id && c.Status == VoucherClaimStatus.Active)
            .ExecuteUpdateAsync(
                set => set.SetProperty(c => c.Status, VoucherClaimStatus.Redeemed).SetProperty(c => c.RedeemedAt, now)
                    .SetProperty(c => c.RedeemedBy, staffAccountId).SetProperty(c => c.RedeemedAtLocation, location.Name).SetProperty(c => c.UpdatedAt, now),
                cancellationToken);
        var after = await GetAsync(claim.Id, cancellationToken);
        return redeemed > 0
            ? new(ClaimChange.Done, after)
            : new(ClaimChange.Conflict, null, claim.Status switch
            {
                VoucherClaimStatus.Redeemed => "This code was already used.",
                VoucherClaimStatus.AwaitingPayment => "The claim is not paid yet.",
                _ => "The claim was cancelled, released or refunded.",
            });
    }

    /// <summary>The wallet of <paramref name="accountId"/>: its claims, newest first, at most <see cref="WalletLimit"/>.</summary>
    public async Task<List<VoucherClaimResponse>> WalletAsync(long accountId, CancellationToken cancellationToken = default)
    {
        var ids = await db.VoucherClaims.AsNoTracking().Where(c => c.AccountId == accountId)
            .OrderByDescending(c => c.ClaimedAt).ThenByDescending(c => c.Id).Select(c => c.Id).Take(WalletLimit).ToListAsync(cancellationToken);
        return await ViewsAsync(ids, cancellationToken);
    }

    /// <summary>One claim as its holder sees it, or null; the caller checks who may see it (<see cref="HolderOfAsync"/>).</summary>
    public async Task<VoucherClaimResponse?> GetAsync(long claimId, CancellationToken cancellationToken = default) =>
        (await ViewsAsync([claimId], cancellationToken)).SingleOrDefault();

    /// <summary>The account holding the claim, or null when there is no such claim.</summary>
    public Task<long?> HolderOfAsync(long claimId, CancellationToken cancellationToken = default) =>
        db.VoucherClaims.AsNoTracking().Where(c => c.Id == claimId).Select(c => (long?)c.AccountId).SingleOrDefaultAsync(cancellationToken);

    private async Task<List<VoucherClaimResponse>> ViewsAsync(List<long> ids, CancellationToken cancellationToken)
    {
        var claims = await db.VoucherClaims.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        var voucherIds = claims.Select(c => c.VoucherId).Distinct().ToList();
        var vouchers = await db.Set<Voucher>().AsNoTracking().Where(v => voucherIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken);
        var orderIds = claims.Where(c => c.OrderId is not null).Select(c => c.OrderId!.Value).ToList();
        var orderRows = await db.Orders.AsNoTracking().Where(o => orderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        return
        [
            .. ids.Select(id => claims.Find(c => c.Id == id)).Where(c => c is not null).Select(c =>
            {
                var voucher = vouchers.GetValueOrDefault(c!.VoucherId);
                var order = c.OrderId is { } orderId ? orderRows[orderId] : null;
                return new VoucherClaimResponse(
                    c.Id,
                    c.VoucherId,
                    voucher?.Title,
                    voucher?.Brand,
                    c.Status,
                    c.Status == VoucherClaimStatus.Active ? codes.For(c.Id, c.CodeNonce) : null,
                    voucher?.ValidFrom,
                    voucher?.ValidTo,
                    voucher?.Locations.Select(l => new VoucherLocationResponse(l.Name, l.Latitude, l.Longitude)).ToList() ?? [],
                    c.ClaimedAt,
                    c.RedeemedAt,
                    c.RedeemedAtLocation,
                    order is null ? null : new ClaimOrderResponse(order.Id, order.Reference, order.AmountVnd, order.Status, order.ExpiresAt));
            }),
        ];
    }

    /// <summary>A unique index refused the insert: SQLite's constraint error, or PostgreSQL's 23505.</summary>
    private static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteErrorCode: 19 } or DbException { SqlState: "23505" };
}
