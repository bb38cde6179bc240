using DongNai.Domain;
using DongNai.Domain.Payments;
using DongNai.Payments.Gateways.MoMo;
using DongNai.Payments.Gateways.VnPay;
using DongNai.Payments.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DongNai.Payments.Gateways;

/// <summary>What the payer's return from VNPay says, once verified; nothing but <see cref="SignatureValid"/> when it is not.</summary>
/// <param name="SignatureValid">Whether VNPay signed the query.</param>
/// <param name="Reference">The order's reference (vnp_TxnRef).</param>
/// <param name="PaymentSucceeded">What VNPay says of the payment (response code and transaction status 00).</param>
/// <param name="OrderStatus">Where the order is now; null when no order has the reference. It turns paid when VNPay's IPN arrives, not on the return.</param>
public sealed record VnPayReturnResult(bool SignatureValid, string? Reference = null, bool? PaymentSucceeded = null, OrderStatus? OrderStatus = null);

/// <summary>What a MoMo IPN did.</summary>
public enum MoMoIpnOutcome
{
    /// <summary>Signed by MoMo and taken (confirmed, failed, or already settled: MoMo needs to know no more).</summary>
    Accepted,

    /// <summary>Not signed with our secret (or MoMo is not configured here): nothing was read from it.</summary>
    InvalidSignature,
}

/// <summary>
/// The gateways' server-to-server callbacks and the payer's return, applied to orders: each is
/// verified before anything is read from it, then handed to <see cref="OrderWorkflow"/>, which pays
/// an order at most once, so the same callback twice changes nothing. Logged with the order's
/// reference and the outcome only: never the query, the body, a signature or a secret. Scoped.
/// </summary>
public sealed partial class GatewayCallbacks(AppDbContext db, OrderWorkflow orders, IOptions<PaymentOptions> options, ILogger<GatewayCallbacks> logger)
{
    /// <summary>
    /// VNPay's IPN (<c>GET</c> with the signed result in the query): the answer VNPay reads
    /// (<see cref="VnPayIpn"/>'s RspCode), after confirming or failing the order. The source of
    /// truth for a VNPay payment.
    /// </summary>
    public async Task<VnPayIpnResponse> VnPayIpnAsync(IEnumerable<KeyValuePair<string, string?>> query, CancellationToken cancellationToken = default)
    {
        if (options.Value.VnPay is not { } vnPay)
        {
            LogNotConfigured(logger, GatewayNames.VnPay);
            return VnPayIpn.InvalidSignature;
        }

        var callback = VnPayCallbackVerifier.Verify(vnPay, query);
        var order = callback is { SignatureValid: true, TxnRef: { } reference } ? await FindAsync(reference, cancellationToken) : null;
        var decision = VnPayIpn.Decide(callback, order is null ? null : new VnPayOrder(order.AmountVnd, order.Status is OrderStatus.Created or OrderStatus.Pending));
        var response = decision.Response;
        switch (decision.Action)
        {
            case VnPayIpnAction.MarkPaid when callback.TransactionNo is null:
                response = VnPayIpn.InputDataRequired;
                break;
            case VnPayIpnAction.MarkPaid:
                var confirmation = await orders.ConfirmPaidAsync(order!.Id, callback.AmountVnd!.Value, GatewayNames.VnPay, callback.TransactionNo, cancellationToken);
                response = confirmation switch
                {
                    PaymentConfirmation.Confirmed => VnPayIpn.ConfirmSuccess,
                    PaymentConfirmation.AmountMismatch => VnPayIpn.InvalidAmount,
                    PaymentConfirmation.OrderNotFound => VnPayIpn.OrderNotFound,

                    // Paid meanwhile, or closed meanwhile: VNPay's "already confirmed" either way; a closed order's money is refunded by staff.
                    PaymentConfirmation.AlreadyConfirmed or PaymentConfirmation.OrderClosed => VnPayIpn.OrderAlreadyConfirmed,
                    _ => VnPayIpn.UnknownError,
                };
                LogConfirmation(logger, GatewayNames.VnPay, order.Reference, confirmation);
                break;
            case VnPayIpnAction.MarkFailed:
                await orders.MarkFailedAsync(order!.Id, GatewayNames.VnPay, "VNPay reported the payment failed or was cancelled.", cancellationToken);
                LogFailed(logger, GatewayNames.VnPay, order.Reference);
                break;
            default:
                if (order is { Status: OrderStatus.Expired or OrderStatus.Failed or OrderStatus.Cancelled } && callback.Succeeded)
                {
                    LogPaidAfterClose(logger, GatewayNames.VnPay, order.Reference);
                }

                break;
        }

        LogVnPayIpn(logger, response.RspCode, callback.SignatureValid ? callback.TxnRef : null);
        return response;
    }

    /// <summary>
    /// The payer's return from VNPay: verified, then what VNPay says and where the order is. It never
    /// changes the order (VNPay's IPN is the source of truth); a payer shown "pending" after paying
    /// sees "paid" once the IPN has arrived.
    /// </summary>
    public async Task<VnPayReturnResult> VnPayReturnAsync(IEnumerable<KeyValuePair<string, string?>> query, CancellationToken cancellationToken = default)
    {
        if (options.Value.VnPay is not { } vnPay)
        {
            return new(false);
        }

        var callback = VnPayCallbackVerifier.Verify(vnPay, query);
        if (!callback.SignatureValid || callback.TxnRef is null)
        {
            return new(false);
        }

        var order = await FindAsync(callback.TxnRef, cancellationToken);
        return new(true, callback.TxnRef, callback.Succeeded, order?.Status);
    }

    /// <summary>MoMo's IPN: verified, then the order is confirmed (resultCode 0) or failed (any other code).</summary>
    public async Task<MoMoIpnOutcome> MoMoIpnAsync(MoMoIpn ipn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ipn);
        if (options.Value.MoMo is not { } moMo)
        {
            LogNotConfigured(logger, GatewayNames.MoMo);
            return MoMoIpnOutcome.InvalidSignature;
        }

        var callback = MoMoIpnVerifier.Verify(moMo, ipn);
        if (!callback.SignatureValid)
        {
            LogInvalidSignature(logger, GatewayNames.MoMo);
            return MoMoIpnOutcome.InvalidSignature;
        }

        var order = callback.OrderId is { } reference ? await FindAsync(reference, cancellationToken) : null;
        if (order is null)
        {
            LogUnknownOrder(logger, GatewayNames.MoMo);
            return MoMoIpnOutcome.Accepted;
        }

        if (callback.Succeeded)
        {
            var confirmation = await orders.ConfirmPaidAsync(
                order.Id, callback.AmountVnd!.Value, GatewayNames.MoMo, callback.TransId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            LogConfirmation(logger, GatewayNames.MoMo, order.Reference, confirmation);
            if (confirmation == PaymentConfirmation.OrderClosed)
            {
                LogPaidAfterClose(logger, GatewayNames.MoMo, order.Reference);
            }
        }
        else if (await orders.MarkFailedAsync(order.Id, GatewayNames.MoMo, "MoMo reported the payment failed or was cancelled.", cancellationToken))
        {
            LogFailed(logger, GatewayNames.MoMo, order.Reference);
        }

        return MoMoIpnOutcome.Accepted;
    }

    private Task<Order?> FindAsync(string reference, CancellationToken cancellationToken) =>
        reference.Length == Order.ReferenceLength
            ? db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Reference == reference, cancellationToken)
            : Task.FromResult<Order?>(null);

    [LoggerMessage(Level = LogLevel.Information, Message = "VNPay IPN answered {RspCode} for order {Reference}")]
    private static partial void LogVnPayIpn(ILogger logger, string rspCode, string? reference);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Gateway} payment of order {Reference}: {Confirmation}")]
    private static partial void LogConfirmation(ILogger logger, string gateway, string reference, PaymentConfirmation confirmation);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Gateway} reported the payment of order {Reference} failed")]
    private static partial void LogFailed(ILogger logger, string gateway, string reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Gateway} callback with an invalid signature refused")]
    private static partial void LogInvalidSignature(ILogger logger, string gateway);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Gateway} callback names no known order")]
    private static partial void LogUnknownOrder(ILogger logger, string gateway);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Gateway} callback refused: the gateway is not configured on this host")]
    private static partial void LogNotConfigured(ILogger logger, string gateway);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Gateway} took a payment for order {Reference} after the order was closed: refund it at the gateway")]
    private static partial void LogPaidAfterClose(ILogger logger, string gateway, string reference);
}
