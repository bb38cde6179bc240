using System.Globalization;
using DongNai.Domain.Payments;
using DongNai.Identity;
using DongNai.Domain.Messaging;
using DongNai.Messaging.Notifications;
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
        services.AddPayments(keys.DeriveFromSigning(RedemptionKeyInfo));
        services.AddScoped<IOrderNotices, InboxOrderNotices>();
    }

    /// <summary>Schedules the order expiry each minute and the nightly reconciliation report (idempotent: replaces the schedules of an earlier start).</summary>
    public static void SchedulePaymentJobs(this IServiceProvider services)
    {
        var jobs = services.GetRequiredService<IRecurringJobManager>();
        jobs.AddOrUpdate<OrderExpiryJob>(OrderExpiryJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<ReconciliationReportJob>(ReconciliationReportJob.RecurringId, job => job.RunAsync(CancellationToken.None), ReconciliationReportJob.Schedule);
    }

    /// <summary>
    /// Tells the payer what became of an order through the inbox (and a push where they allow it):
    /// for a voucher bought, the claim's result; for a public-service fee, what it means for the application; the amount and the reference only, never how they paid.
    /// A notice that fails is logged: the order's change stands, and the order page shows it.
    /// </summary>
    private sealed class InboxOrderNotices(Notifier notifier, ILogger<InboxOrderNotices> logger) : IOrderNotices
    {
        private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

        public async Task TellAsync(Order order, CancellationToken cancellationToken)
        {
            var amount = order.AmountVnd.ToString("N0", Vietnamese) + " đ";
            var voucher = order.Purpose == OrderPurpose.VoucherClaim;
            var fee = order.Purpose == OrderPurpose.PublicServiceFee;
            var (title, body) = order.Status switch
            {
                OrderStatus.Paid when fee => ("Đã nộp phí hồ sơ", $"Đã nhận {amount} phí hồ sơ (đơn {order.Reference}); hồ sơ sẽ được tiếp nhận xử lý."),
                OrderStatus.Failed or OrderStatus.Expired when fee => ("Chưa nộp được phí hồ sơ", $"Đơn {order.Reference} ({amount}) chưa được thanh toán; mở hồ sơ để tạo đơn nộp phí mới."),
                OrderStatus.Paid when voucher => ("Đã nhận voucher", $"Thanh toán {amount} (mã {order.Reference}) thành công: voucher đã vào ví của bạn."),
                OrderStatus.Paid => ("Thanh toán thành công", $"Đã nhận {amount} cho đơn {order.Reference}."),
                OrderStatus.Failed when voucher => ("Chưa nhận được voucher", $"Thanh toán {amount} (mã {order.Reference}) không thành công; voucher đã được trả lại."),
                OrderStatus.Failed => ("Thanh toán không thành công", $"Đơn {order.Reference} ({amount}) chưa được thanh toán."),
                OrderStatus.Expired when voucher => ("Hết hạn thanh toán voucher", $"Đơn {order.Reference} ({amount}) hết hạn trước khi nhận được tiền; voucher đã được trả lại."),
                OrderStatus.Expired => ("Đơn đã hết hạn", $"Đơn {order.Reference} ({amount}) hết hạn trước khi nhận được tiền."),
                OrderStatus.Refunded => ("Đã hoàn tiền", $"Đơn {order.Reference}: {amount} đã được hoàn lại."),
                _ => ("Đơn hàng được cập nhật", $"Đơn {order.Reference} ({amount}) đã được cập nhật."),
            };
            try
            {
                await notifier.NotifyAsync(
                    new NotificationRequest(
                        order.AccountId,
                        voucher && order.Status != OrderStatus.Refunded ? NotificationType.ClaimResult : NotificationType.PaymentResult,
                        title,
                        body,
                        "/orders/" + order.Id.ToString(CultureInfo.InvariantCulture)),
                    cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "The notice of order {OrderId} ({Status}) failed; the order stands", order.Id, order.Status);
            }
        }
    }
}
