using DongNai.Domain;
using DongNai.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Payments.Tests;

/// <summary>
/// The ledger's invariants, checked over a whole database: every movement sums to zero (so the
/// ledger does), and each order has exactly the movements its status implies: one payment once
/// paid, one payment and one refund once refunded, none otherwise.
/// </summary>
public static class LedgerAssert
{
    public static async Task BalancedAsync(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entries = await db.Ledger.AsNoTracking().ToListAsync();
        var orders = await db.Orders.AsNoTracking().ToDictionaryAsync(o => o.Id);

        Assert.Equal(0, entries.Sum(e => e.AmountVnd));
        foreach (var movement in entries.GroupBy(e => e.MovementId))
        {
            Assert.True(movement.Sum(e => e.AmountVnd) == 0, $"Movement {movement.Key} does not sum to zero.");
            Assert.Single(movement.Select(e => (e.Kind, e.OrderId)).Distinct());
        }

        foreach (var order in orders.Values)
        {
            var kinds = entries.Where(e => e.OrderId == order.Id).GroupBy(e => e.MovementId).Select(m => m.First().Kind).Order().ToList();
            List<LedgerMovementKind> expected = order.Status switch
            {
                OrderStatus.Paid => [LedgerMovementKind.Payment],
                OrderStatus.Refunded => [LedgerMovementKind.Payment, LedgerMovementKind.Refund],
                _ => [],
            };
            Assert.True(expected.SequenceEqual(kinds), $"Order {order.Id} ({order.Status}) has movements [{string.Join(", ", kinds)}].");
            var paid = entries.Where(e => e.OrderId == order.Id && e.Kind == LedgerMovementKind.Payment && e.Account == LedgerAccount.GatewayClearing).Sum(e => e.AmountVnd);
            Assert.Equal(expected.Count == 0 ? 0 : order.AmountVnd, paid);
        }
    }
}
