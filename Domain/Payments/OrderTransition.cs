namespace DongNai.Domain.Payments;

/// <summary>
/// One change of an order's status, with who made it and why. Appended in the same transaction as
/// the change; never updated. The first row of an order has no <see cref="From"/>.
/// </summary>
public sealed class OrderTransition
{
    public const int MaxActorLength = 64;
    public const int MaxReasonLength = 500;

    public long Id { get; set; }

    public long OrderId { get; set; }

    public OrderStatus? From { get; set; }

    public OrderStatus To { get; set; }

    public DateTime At { get; set; }

    /// <summary>Who: <c>account:42</c>, <c>gateway:vnpay</c>, <c>job:order-expiry</c>. No personal data.</summary>
    public string Actor { get; set; } = "";

    /// <summary>Why, in a sentence. No personal data, no secrets.</summary>
    public string Reason { get; set; } = "";
}
