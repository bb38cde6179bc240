namespace DongNai.Payments.Orders;

/// <summary>
/// What <see cref="OrderWorkflow.ConfirmPaidAsync"/> did with a gateway's "paid" report. A gateway
/// callback answers from this alone (VNPay: <c>01</c>, <c>04</c>, <c>02</c>, <c>00</c>).
/// </summary>
public enum PaymentConfirmation
{
    /// <summary>No order has this id: nothing changed.</summary>
    OrderNotFound = 1,

    /// <summary>The amount paid is not the order's: nothing changed.</summary>
    AmountMismatch = 2,

    /// <summary>The order was already paid (or paid and refunded): nothing changed. The same callback twice ends here.</summary>
    AlreadyConfirmed = 3,

    /// <summary>The order is now paid, its claim held and the payment in the ledger.</summary>
    Confirmed = 4,

    /// <summary>
    /// The order had expired, failed or been cancelled before the money arrived: nothing changed.
    /// The payer's money is at the gateway; staff refund it there.
    /// </summary>
    OrderClosed = 5,

    /// <summary>This gateway transaction id already paid another order: nothing changed.</summary>
    TransactionUsedElsewhere = 6,
}

/// <summary>What <see cref="OrderWorkflow.RefundAsync"/> did.</summary>
public enum RefundOutcome
{
    OrderNotFound = 1,

    /// <summary>The order is not paid (unpaid, closed, or refunded already): nothing changed.</summary>
    NotPaid = 2,

    /// <summary>What the order bought can no longer be given back (a redeemed voucher): nothing changed.</summary>
    AlreadyUsed = 3,

    /// <summary>The order is refunded and the refund in the ledger.</summary>
    Refunded = 4,
}
