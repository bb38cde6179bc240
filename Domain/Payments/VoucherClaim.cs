namespace DongNai.Domain.Payments;

/// <summary>Where a claim is in its life. Stored as its number; never renumbered.</summary>
public enum VoucherClaimStatus
{
    /// <summary>A priced voucher's unit, held until its order is paid.</summary>
    AwaitingPayment = 1,

    /// <summary>Claimed (free, or paid): the holder may redeem it.</summary>
    Active = 2,

    /// <summary>Used at a shop, once.</summary>
    Redeemed = 3,

    /// <summary>Given up by its holder before use; the unit went back.</summary>
    Cancelled = 4,

    /// <summary>Its order expired or failed unpaid; the unit went back.</summary>
    Released = 5,

    /// <summary>Paid, then refunded before use; the unit went back.</summary>
    Refunded = 6,
}

/// <summary>
/// One person's claim of one unit of a voucher: the unit was taken from
/// <c>Voucher.QuantityRemaining</c> by a conditional update in the transaction that inserted this
/// row, and goes back when the claim ends unused. <see cref="Slot"/> is how "at most N claims per
/// person" holds under concurrency: a unique index on (voucher, account, slot), the slot cleared
/// when the claim ends unused so that it can be claimed again.
/// </summary>
public sealed class VoucherClaim
{
    public const int NonceLength = 16;
    public const int MaxLocationLength = 200;

    public long Id { get; set; }

    public long VoucherId { get; set; }

    public long AccountId { get; set; }

    /// <summary>1 to the voucher's claims per person while the claim holds a unit; null once it ended unused.</summary>
    public int? Slot { get; set; }

    public VoucherClaimStatus Status { get; set; }

    /// <summary>The order that pays for it; null for a free voucher.</summary>
    public long? OrderId { get; set; }

    /// <summary>Random bytes signed into the redemption code, so codes cannot be derived from the id alone.</summary>
    public byte[] CodeNonce { get; set; } = [];

    public DateTime ClaimedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? RedeemedAt { get; set; }

    /// <summary>The account that redeemed it (the voucher's owner).</summary>
    public long? RedeemedBy { get; set; }

    /// <summary>The name of the voucher location where it was redeemed.</summary>
    public string? RedeemedAtLocation { get; set; }
}
