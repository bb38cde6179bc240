using DongNai.Domain.Payments;

namespace DongNai.Payments.Orders;

/// <summary>
/// The movements of the double-entry ledger, each a set of <see cref="LedgerEntry"/> lines that sum
/// to zero. Pure functions; the caller adds the lines in the transaction that changes the order.
/// </summary>
/// <remarks>
/// A confirmed payment debits <see cref="LedgerAccount.GatewayClearing"/> (the gateway holds the
/// payer's money for us) and credits <see cref="LedgerAccount.MerchantPayable"/> (we owe it to the
/// voucher's owner, or to the competent authority for a public-service fee). A refund reverses the merchant's share into
/// <see cref="LedgerAccount.RefundsPayable"/> (owed back to the payer); the gateway's payout of it
/// (refunds payable debited, gateway clearing credited) is a movement for the reconciliation with
/// the gateway's statement, not built yet.
/// </remarks>
public static class LedgerPostings
{
    public static IReadOnlyList<LedgerEntry> Payment(Order order, string gateway, DateTime now) =>
        Movement(LedgerMovementKind.Payment, order, gateway, now, (LedgerAccount.GatewayClearing, order.AmountVnd), (LedgerAccount.MerchantPayable, -order.AmountVnd));

    public static IReadOnlyList<LedgerEntry> Refund(Order order, DateTime now) =>
        Movement(LedgerMovementKind.Refund, order, order.Gateway ?? "", now, (LedgerAccount.MerchantPayable, order.AmountVnd), (LedgerAccount.RefundsPayable, -order.AmountVnd));

    private static LedgerEntry[] Movement(
        LedgerMovementKind kind, Order order, string gateway, DateTime now, params (LedgerAccount Account, long AmountVnd)[] lines)
    {
        if (lines.Sum(line => line.AmountVnd) != 0)
        {
            throw new InvalidOperationException($"A {kind} movement must sum to zero.");
        }

        var movement = Guid.NewGuid();
        return [.. lines.Select(line => new LedgerEntry
        {
            MovementId = movement,
            Kind = kind,
            OrderId = order.Id,
            Account = line.Account,
            AmountVnd = line.AmountVnd,
            Gateway = gateway,
            RecordedAt = now,
        })];
    }
}
