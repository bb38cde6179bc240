namespace DongNai.Domain.Payments;

/// <summary>Where an order is in its life. Stored as its number; never renumbered.</summary>
public enum OrderStatus
{
    /// <summary>Made, no payment asked for yet.</summary>
    Created = 1,

    /// <summary>Waiting for the payer's money, until <see cref="Order.ExpiresAt"/>.</summary>
    Pending = 2,

    /// <summary>The money arrived, once: a gateway confirmed it.</summary>
    Paid = 3,

    /// <summary>The gateway said the payment failed.</summary>
    Failed = 4,

    /// <summary>No payment arrived before <see cref="Order.ExpiresAt"/>.</summary>
    Expired = 5,

    /// <summary>Paid, then the money was given back (recorded in the ledger).</summary>
    Refunded = 6,

    /// <summary>The payer gave up before paying.</summary>
    Cancelled = 7,
}

/// <summary>What an order pays for; the code an order's other rows hang on (a voucher claim's order, an application's fee order).</summary>
public enum OrderPurpose
{
    VoucherClaim = 1,

    /// <summary>
    /// The fee of a public-service application, collected on behalf of the procedure's competent
    /// authority (decision 0020); the application names the order (<c>PublicServiceApplication.FeeOrderId</c>).
    /// </summary>
    PublicServiceFee = 2,
}

/// <summary>
/// Something a person pays for, in whole VND. Its <see cref="Status"/> changes only through
/// conditional updates (<c>WHERE Status IN (…)</c>), never read-then-write, so that two callbacks
/// for one payment cannot both mark it paid; every change is recorded as an <see cref="OrderTransition"/>.
/// </summary>
public sealed class Order
{
    public const int ReferenceLength = 12;
    public const int MaxGatewayLength = 16;
    public const int MaxGatewayTransactionIdLength = 64;

    public long Id { get; set; }

    /// <summary>The public reference a gateway or a bank transfer carries (e.g. <c>vnp_TxnRef</c>): 12 upper-case letters and digits, unique.</summary>
    public string Reference { get; set; } = "";

    /// <summary>The payer's account.</summary>
    public long AccountId { get; set; }

    public OrderPurpose Purpose { get; set; }

    /// <summary>What is paid, in VND; positive.</summary>
    public long AmountVnd { get; set; }

    public OrderStatus Status { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When an unpaid order expires and what it held is given back.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>Not yet paid nor closed (created or pending), whatever the time.</summary>
    public bool IsOpen => Status is OrderStatus.Created or OrderStatus.Pending;

    /// <summary>Open and not past its <see cref="ExpiresAt"/> at <paramref name="now"/> (UTC): it can still be paid.</summary>
    public bool IsPayableAt(DateTime now) => IsOpen && ExpiresAt > now;

    public DateTime UpdatedAt { get; set; }

    public DateTime? PaidAt { get; set; }

    /// <summary>The gateway that confirmed the payment (<c>vnpay</c>, <c>momo</c>, <c>vietqr</c>).</summary>
    public string? Gateway { get; set; }

    /// <summary>The gateway's own id of the payment; unique per gateway, so one payment pays one order.</summary>
    public string? GatewayTransactionId { get; set; }
}
