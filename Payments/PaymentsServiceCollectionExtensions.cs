using DongNai.Payments.Checkout;
using DongNai.Payments.Gateways;
using DongNai.Payments.Orders;
using DongNai.Payments.Statements;
using DongNai.Payments.Vouchers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DongNai.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>
    /// Registers orders, checkouts, the gateways' callbacks, the bank-statement import, the voucher claims, the reconciliation report and their jobs. <paramref name="redemptionKey"/>
    /// (32 bytes) signs redemption codes. Needs the data store, indexing (its trigger) and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddPayments(this IServiceCollection services, byte[] redemptionKey)
    {
        services.AddOptions<PaymentOptions>().BindConfiguration(PaymentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<PaymentOptions>, PaymentOptionsValidation>();
        services.AddSingleton(new RedemptionCodes(redemptionKey));
        services.AddSingleton<IOrderFulfilment, VoucherClaimFulfilment>();
        services.AddScoped<OrderWorkflow>();
        services.AddScoped<VoucherClaims>();
        services.AddScoped<PaymentReconciliation>();
        services.AddScoped<OrderCheckout>();
        services.AddScoped<GatewayCallbacks>();
        services.AddScoped<BankStatementImport>();
        services.AddTransient<OrderExpiryJob>();
        services.AddTransient<ReconciliationReportJob>();
        return services;
    }
}
