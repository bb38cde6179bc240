namespace DongNai.Domain.Payments;

/// <summary>What the import did with a bank-statement line. Stored as its number; never renumbered.</summary>
public enum StatementLineOutcome
{
    /// <summary>The line paid the order its description names.</summary>
    Confirmed = 1,

    /// <summary>The order was already paid (by this line in an earlier import that was cut short, or by a gateway).</summary>
    AlreadyConfirmed = 2,

    /// <summary>No order reference in the description: money to look at by hand.</summary>
    Unmatched = 3,

    /// <summary>The description names an order whose amount is not the line's.</summary>
    AmountMismatch = 4,

    /// <summary>The order had expired, failed or been cancelled before the money arrived: staff refund it.</summary>
    OrderClosed = 5,

    /// <summary>The description names more than one order.</summary>
    Ambiguous = 6,

    /// <summary>The bank transaction id already paid another order.</summary>
    TransactionUsedElsewhere = 7,
}

/// <summary>
/// One imported bank-statement line (a VietQR transfer to the merchant account), kept so that a
/// re-imported statement changes nothing: <see cref="BankTransactionId"/> is unique. The transfer's
/// description is not kept: banks write the payer's name into it, and only the order reference
/// found in it matters.
/// </summary>
public sealed class BankStatementLine
{
    public const int MaxBankTransactionIdLength = 64;

    public long Id { get; set; }

    /// <summary>The bank's own id of the transaction; unique.</summary>
    public string BankTransactionId { get; set; } = "";

    /// <summary>The day the bank booked it.</summary>
    public DateOnly BookedOn { get; set; }

    /// <summary>What arrived, in whole VND.</summary>
    public long AmountVnd { get; set; }

    /// <summary>The order the description named; null when it named none (or several).</summary>
    public long? OrderId { get; set; }

    public StatementLineOutcome Outcome { get; set; }

    public DateTime ImportedAt { get; set; }

    /// <summary>The account of the admin who imported it.</summary>
    public long ImportedBy { get; set; }
}
