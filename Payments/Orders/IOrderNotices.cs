using DongNai.Domain.Payments;

namespace DongNai.Payments.Orders;

/// <summary>
/// Tells the payer what became of their order (paid, failed, expired, refunded) once the change is
/// committed. The service tells them through its inbox and pushes; without an implementation
/// registered (the payments tests) nobody is told. An implementation must not throw: the order's
/// change stands whatever happens to the notice.
/// </summary>
public interface IOrderNotices
{
    Task TellAsync(Order order, CancellationToken cancellationToken);
}
