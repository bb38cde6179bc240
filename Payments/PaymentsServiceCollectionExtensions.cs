using DongNai.Payments.Orders;
using DongNai.Payments.Vouchers;
using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>
    /// Registers orders, the voucher claims and the order expiry job. <paramref name="redemptionKey"/>
    /// (32 bytes) signs redemption codes. Needs the data store, indexing (its trigger) and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddPayments(this IServiceCollection services, byte[] redemptionKey)
    {
        services.AddOptions<PaymentOptions>().BindConfiguration(PaymentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(new RedemptionCodes(redemptionKey));
        services.AddSingleton<IOrderFulfilment, VoucherClaimFulfilment>();
        services.AddScoped<OrderWorkflow>();
        services.AddScoped<VoucherClaims>();
        services.AddTransient<OrderExpiryJob>();
        return services;
    }
}
