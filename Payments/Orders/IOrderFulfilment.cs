using DongNai.Domain;
using DongNai.Domain.Payments;

namespace DongNai.Payments.Orders;

/// <summary>
/// What an order of one <see cref="OrderPurpose"/> bought, and what happens to it when the order
/// is paid, closed unpaid or refunded. <see cref="OrderWorkflow"/> calls these inside the
/// transaction that changes the order, after the order's conditional update succeeded, so they run
/// at most once per transition. They change rows with conditional updates and add tracked rows
/// (outbox entries) that the workflow saves; they never save or commit themselves.
/// </summary>
public interface IOrderFulfilment
{
    OrderPurpose Purpose { get; }

    /// <summary>The order was paid: deliver what it bought.</summary>
    Task OnPaidAsync(AppDbContext db, Order order, DateTime now, CancellationToken cancellationToken);

    /// <summary>The order ended unpaid (<paramref name="status"/>: expired, failed or cancelled): give back what it held.</summary>
    Task OnClosedUnpaidAsync(AppDbContext db, Order order, OrderStatus status, DateTime now, CancellationToken cancellationToken);

    /// <summary>
    /// Whether what the paid order bought can still be given back (false once used). Called in the
    /// refund's transaction; it may lock what it checks (a conditional update that changes nothing),
    /// so that nothing starts using it before the refund commits.
    /// </summary>
    Task<bool> CanRefundAsync(AppDbContext db, Order order, CancellationToken cancellationToken);

    /// <summary>The order was refunded: take back what it bought.</summary>
    Task OnRefundedAsync(AppDbContext db, Order order, DateTime now, CancellationToken cancellationToken);
}
