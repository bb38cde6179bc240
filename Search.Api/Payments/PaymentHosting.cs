using System.Security.Cryptography;
using DongNai.Identity;
using DongNai.Payments;
using DongNai.Payments.Orders;
using Hangfire;

namespace DongNai.Search.Api.Payments;

/// <summary>The payments module in the host: its services and its recurring jobs.</summary>
public static class PaymentHosting
{
    private static readonly byte[] RedemptionKeyInfo = "dongnai/voucher-redemption-codes/v1"u8.ToArray();

    /// <summary>
    /// Registers the payments services. Redemption codes are signed with a key derived (HKDF) from
    /// the token signing key, so the service needs no further key file; replacing the signing key
    /// invalidates the codes of claims not yet used (their holders see new ones in the wallet).
    /// </summary>
    public static void AddPaymentServices(this IServiceCollection services, SecretKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        services.AddPayments(HKDF.DeriveKey(HashAlgorithmName.SHA256, keys.Signing, 32, info: RedemptionKeyInfo));
    }

    /// <summary>Schedules the order expiry each minute and the nightly reconciliation report (idempotent: replaces the schedules of an earlier start).</summary>
    public static void SchedulePaymentJobs(this IServiceProvider services)
    {
        var jobs = services.GetRequiredService<IRecurringJobManager>();
        jobs.AddOrUpdate<OrderExpiryJob>(OrderExpiryJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<ReconciliationReportJob>(ReconciliationReportJob.RecurringId, job => job.RunAsync(CancellationToken.None), ReconciliationReportJob.Schedule);
    }
}
