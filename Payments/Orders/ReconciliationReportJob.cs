using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DongNai.Payments.Orders;

/// <summary>
/// Each night at 00:30 in Vietnam, writes the previous day's reconciliation report to the log, one
/// line per gateway, for operators to compare with the gateways' statements; an unbalanced movement
/// is logged as an error. The same report is served on demand (<see cref="PaymentReconciliation"/>).
/// A failure is retried by Hangfire after a pause; the report can be recomputed any later day.
/// </summary>
public sealed partial class ReconciliationReportJob(IServiceScopeFactory scopes, TimeProvider time, ILogger<ReconciliationReportJob> logger)
{
    public const string RecurringId = "payment-reconciliation";

    /// <summary>00:30 in Vietnam is 17:30 UTC.</summary>
    public const string Schedule = "30 17 * * *";

    [AutomaticRetry(Attempts = 5)]
    public async Task<ReconciliationReport> RunAsync(CancellationToken cancellationToken)
    {
        var yesterday = PaymentReconciliation.VietnamDate(time.GetUtcNow().UtcDateTime).AddDays(-1);
        await using var scope = scopes.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<PaymentReconciliation>().ForDayAsync(yesterday, cancellationToken);
        foreach (var line in report.Gateways)
        {
            LogGateway(logger, report.Date, line.Gateway, line.Payments, line.PaidVnd, line.Refunds, line.RefundedVnd, line.NetVnd);
        }

        if (report.UnbalancedMovements > 0)
        {
            LogUnbalanced(logger, report.Date, report.UnbalancedMovements);
        }

        return report;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Reconciliation {Date} {Gateway}: {Payments} payments {PaidVnd} VND, {Refunds} refunds {RefundedVnd} VND, net {NetVnd} VND")]
    private static partial void LogGateway(ILogger logger, DateOnly date, string gateway, int payments, long paidVnd, int refunds, long refundedVnd, long netVnd);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciliation {Date}: {Count} ledger movements do not sum to zero")]
    private static partial void LogUnbalanced(ILogger logger, DateOnly date, int count);
}
