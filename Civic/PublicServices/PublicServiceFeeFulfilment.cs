using DongNai.Domain;
using DongNai.Domain.Civic.PublicServices;
using DongNai.Domain.Payments;
using DongNai.Payments.Orders;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Civic.PublicServices;

/// <summary>
/// What a public-service fee order does to its application (<see cref="OrderPurpose.PublicServiceFee"/>):
/// paid, the application's <see cref="PublicServiceApplication.FeePaidAt"/> is set, which lets staff
/// take it up (received → processing); closed unpaid, nothing changes (the application stays, its
/// fee unpaid, and the applicant may ask for a new order); refunded, <c>FeePaidAt</c> is cleared.
/// A refund is possible while the application is still received, and after it was refused (a fee
/// paid for an application that is refused, even one paid as staff refused it, is owed back); once
/// staff work on it (processing and after), the fee is spent. Every change is a conditional update on the application naming this order, so a
/// second call for the same order changes nothing. Stateless; thread-safe.
/// </summary>
/// <remarks>
/// It lives in Civic, which references Payments (the port <see cref="IOrderFulfilment"/> and
/// <see cref="OrderWorkflow"/>), so that Payments knows nothing of public services, as it knows
/// nothing of any other buyer but its own vouchers.
/// </remarks>
public sealed class PublicServiceFeeFulfilment : IOrderFulfilment
{
    public OrderPurpose Purpose => OrderPurpose.PublicServiceFee;

    public Task OnPaidAsync(AppDbContext db, Order order, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(order);
        return db.PublicServiceApplications.Where(a => a.FeeOrderId == order.Id && a.FeePaidAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.FeePaidAt, now).SetProperty(a => a.UpdatedAt, now), cancellationToken);
    }

    /// <summary>Nothing to give back: the application keeps waiting for its fee (the applicant asks for a new order).</summary>
    public Task OnClosedUnpaidAsync(AppDbContext db, Order order, OrderStatus status, DateTime now, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// True while the application the order paid for is still received, or once it was refused. Asked as a conditional
    /// update that changes nothing (<c>UpdatedAt = UpdatedAt</c>) rather than a read: the update
    /// takes the application's row lock inside the refund's transaction, so a staff move racing the
    /// refund either commits first (and this answers false) or waits and then fails on its
    /// concurrency tokens (the status, and <c>FeePaidAt</c> cleared by the refund).
    /// </summary>
    public async Task<bool> CanRefundAsync(AppDbContext db, Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(order);
        var held = await db.PublicServiceApplications
            .Where(a => a.FeeOrderId == order.Id && a.FeePaidAt != null && (a.Status == ApplicationStatus.Received || a.Status == ApplicationStatus.Refused))
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.UpdatedAt, a => a.UpdatedAt), cancellationToken);
        return held > 0;
    }

    public Task OnRefundedAsync(AppDbContext db, Order order, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(order);
        return db.PublicServiceApplications
            .Where(a => a.FeeOrderId == order.Id && a.FeePaidAt != null && (a.Status == ApplicationStatus.Received || a.Status == ApplicationStatus.Refused))
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.FeePaidAt, (DateTime?)null).SetProperty(a => a.UpdatedAt, now), cancellationToken);
    }
}
