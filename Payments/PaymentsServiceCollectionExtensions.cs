using DongNai.Payments.Orders;
using DongNai.Payments.Vouchers;
using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>
    /// Registers orders, the voucher claims, the reconciliation report and their jobs. <paramref name="redemptionKey"/>
    /// (32 bytes) signs redemption codes. Needs the data store, indexing (its trigger) and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddPayments(this IServiceCollection services, byte[] redemptionKey)
    {
        services.AddOptions<PaymentOptions>().BindConfiguration(PaymentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(new RedemptionCodes(redemptionKey));
        services.AddSingleton<IOrderFulfilment, VoucherClaimFulfilment>();
        services.AddScoped<OrderWorkflow>();
        services.AddScoped<VoucherClaims>();
        services.AddScoped<PaymentReconciliation>();
        services.AddTransient<OrderExpiryJob>();
        services.AddTransient<ReconciliationReportJob>();
        return services;
    }
}
