namespace DongNai.Domain.Payments;

/// <summary>The accounts of the ledger. Stored as numbers; never renumbered.</summary>
public enum LedgerAccount
{
    /// <summary>Money a gateway (or the bank, for transfers) holds for the service: debited when a payment is confirmed.</summary>
    GatewayClearing = 1,

    /// <summary>What the service owes the merchants (voucher owners) for what was sold, and the competent authorities for the public-service fees collected on their behalf.</summary>
    MerchantPayable = 2,

    /// <summary>What the service owes payers back after a refund, until the gateway has paid it out.</summary>
    RefundsPayable = 3,
}

/// <summary>Why money moved.</summary>
public enum LedgerMovementKind
{
    /// <summary>A payment confirmed: gateway clearing +amount, merchant payable −amount.</summary>
    Payment = 1,

    /// <summary>A refund granted: merchant payable +amount, refunds payable −amount.</summary>
    Refund = 2,
}

/// <summary>
/// One line of the append-only double-entry ledger. A movement is the lines sharing a
/// <see cref="MovementId"/>, written in one transaction; their <see cref="AmountVnd"/> (debit
/// positive, credit negative) sum to zero, so the whole ledger does too. Lines are never updated or
/// deleted: a correction is a new movement.
/// </summary>
public sealed class LedgerEntry
{
    public long Id { get; set; }

    public Guid MovementId { get; set; }

    public LedgerMovementKind Kind { get; set; }

    public long OrderId { get; set; }

    public LedgerAccount Account { get; set; }

    /// <summary>Debit positive, credit negative, whole VND.</summary>
    public long AmountVnd { get; set; }

    /// <summary>The gateway of the order's payment, for the daily reconciliation per gateway.</summary>
    public string Gateway { get; set; } = "";

    public DateTime RecordedAt { get; set; }
}
