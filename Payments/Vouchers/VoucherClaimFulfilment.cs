using DongNai.Domain;
using DongNai.Domain.Payments;
using DongNai.Payments.Orders;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Payments.Vouchers;

/// <summary>
/// What an order for a priced voucher claim does to its claim: paid, the held claim becomes active
/// (redeemable); closed unpaid, the claim ends and its unit and per-person slot go back; refunded
/// before use, likewise. Each step is a conditional update on the claim's status, so a second call
/// for the same order changes nothing. Stateless; thread-safe.
/// </summary>
public sealed class VoucherClaimFulfilment : IOrderFulfilment
{
    public OrderPurpose Purpose => OrderPurpose.VoucherClaim;

    public Task OnPaidAsync(AppDbContext db, Order order, DateTime now, CancellationToken cancellationToken) =>
        db.VoucherClaims.Where(c => c.OrderId == order.Id && c.Status == VoucherClaimStatus.AwaitingPayment)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, VoucherClaimStatus.Active).SetProperty(c => c.UpdatedAt, now), cancellationToken);

    public Task OnClosedUnpaidAsync(AppDbContext db, Order order, OrderStatus status, DateTime now, CancellationToken cancellationToken) =>
        EndAsync(db, order.Id, VoucherClaimStatus.AwaitingPayment, status == OrderStatus.Cancelled ? VoucherClaimStatus.Cancelled : VoucherClaimStatus.Released, now, cancellationToken);

    public Task<bool> CanRefundAsync(AppDbContext db, Order order, CancellationToken cancellationToken) =>
        db.VoucherClaims.AnyAsync(c => c.OrderId == order.Id && c.Status == VoucherClaimStatus.Active, cancellationToken);

    public Task OnRefundedAsync(AppDbContext db, Order order, DateTime now, CancellationToken cancellationToken) =>
        EndAsync(db, order.Id, VoucherClaimStatus.Active, VoucherClaimStatus.Refunded, now, cancellationToken);

    private static async Task EndAsync(
        AppDbContext db, long orderId, VoucherClaimStatus from, VoucherClaimStatus to, DateTime now, CancellationToken cancellationToken)
    {
        var claim = await db.VoucherClaims.AsNoTracking().Where(c => c.OrderId == orderId && c.Status == from)
            .Select(c => new { c.Id, c.VoucherId }).SingleOrDefaultAsync(cancellationToken);
        if (claim is null)
        {
            return;
        }

        var ended = await db.VoucherClaims.Where(c => c.Id == claim.Id && c.Status == from)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, to).SetProperty(c => c.Slot, (int?)null).SetProperty(c => c.UpdatedAt, now), cancellationToken);
        if (ended > 0)
        {
            await VoucherStock.GiveBackAsync(db, claim.VoucherId, now, cancellationToken);
        }
    }
}
