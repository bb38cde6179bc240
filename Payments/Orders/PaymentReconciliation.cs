using DongNai.Domain;
using DongNai.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Payments.Orders;

/// <summary>One gateway's money over a day, from the ledger.</summary>
/// <param name="Gateway">The gateway (<c>vnpay</c>, <c>momo</c>, <c>vietqr</c>).</param>
/// <param name="Payments">Payments confirmed.</param>
/// <param name="PaidVnd">Their sum, in VND: what the gateway's statement should show as received.</param>
/// <param name="Refunds">Refunds granted on its payments.</param>
/// <param name="RefundedVnd">Their sum, in VND: what it should pay back to payers.</param>
/// <param name="NetVnd">Paid minus refunded.</param>
public sealed record GatewayReconciliation(string Gateway, int Payments, long PaidVnd, int Refunds, long RefundedVnd, long NetVnd);

/// <summary>The ledger's view of one day in Vietnam (UTC+7), per gateway, to compare with each gateway's statement.</summary>
/// <param name="Date">The day, in Vietnam.</param>
/// <param name="From">Its start, UTC (inclusive).</param>
/// <param name="To">Its end, UTC (exclusive).</param>
/// <param name="Gateways">One line per gateway with movements that day, by name.</param>
/// <param name="UnbalancedMovements">Movements of the day whose lines do not sum to zero: 0 unless the ledger is damaged.</param>
public sealed record ReconciliationReport(DateOnly Date, DateTime From, DateTime To, IReadOnlyList<GatewayReconciliation> Gateways, int UnbalancedMovements);

/// <summary>
/// The daily reconciliation report, computed from the append-only ledger, so it can be recomputed
/// for any past day and always says the same. Scoped (reads through the request's context).
/// </summary>
public sealed class PaymentReconciliation(AppDbContext db)
{
    /// <summary>Vietnam keeps UTC+7 all year (no daylight saving time).</summary>
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>The day in Vietnam that <paramref name="utc"/> falls in.</summary>
    public static DateOnly VietnamDate(DateTime utc) => DateOnly.FromDateTime(utc + VietnamOffset);

    public async Task<ReconciliationReport> ForDayAsync(DateOnly date, CancellationToken cancellationToken = default)
    {
        var from = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - VietnamOffset;
        var to = from.AddDays(1);
        var entries = await db.Ledger.AsNoTracking().Where(e => e.RecordedAt >= from && e.RecordedAt < to).ToListAsync(cancellationToken);
        var unbalanced = entries.GroupBy(e => e.MovementId).Count(m => m.Sum(e => e.AmountVnd) != 0);
        var gateways = entries.GroupBy(e => e.Gateway).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var paid = g.Where(e => e.Kind == LedgerMovementKind.Payment && e.Account == LedgerAccount.GatewayClearing).ToList();
            var refunded = g.Where(e => e.Kind == LedgerMovementKind.Refund && e.Account == LedgerAccount.RefundsPayable).ToList();
            var paidVnd = paid.Sum(e => e.AmountVnd);
            var refundedVnd = -refunded.Sum(e => e.AmountVnd);
            return new GatewayReconciliation(g.Key, paid.Count, paidVnd, refunded.Count, refundedVnd, paidVnd - refundedVnd);
        }).ToList();
        return new ReconciliationReport(date, from, to, gateways, unbalanced);
    }
}
