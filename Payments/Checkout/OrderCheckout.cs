using DongNai.Domain;
using DongNai.Domain.Payments;
using DongNai.Domain.Validation;
using DongNai.Payments.Gateways;
using DongNai.Payments.Gateways.MoMo;
using DongNai.Payments.Gateways.VnPay;
using DongNai.Payments.VietQr;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DongNai.Payments.Checkout;

/// <summary>What the MoMo app or web needs to start the payment: the create request, signed, and where to POST it.</summary>
/// <param name="CreateUrl">MoMo's create endpoint (the sandbox unless configured otherwise).</param>
/// <param name="Request">The signed JSON body; MoMo answers it with <c>payUrl</c>, <c>deeplink</c> and <c>qrCodeUrl</c>.</param>
public sealed record MoMoCheckout(string CreateUrl, MoMoCreateBody Request);

/// <summary>A dynamic VietQR transfer to the merchant account, the order's reference in the transfer note.</summary>
/// <param name="Payload">The text of the QR code.</param>
/// <param name="PngBase64">The QR code as a PNG, base64.</param>
/// <param name="BankBin">The merchant bank's NAPAS BIN.</param>
/// <param name="AccountNumber">The merchant account.</param>
/// <param name="Purpose">The transfer note (tag 62/08): what to type when paying by hand; the payment is matched by the reference in it.</param>
public sealed record VietQrCheckout(string Payload, string PngBase64, string BankBin, string AccountNumber, string Purpose);

/// <summary>How to pay an order through one gateway; exactly one of the gateway fields is set.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Reference">The order's reference, which every gateway carries back.</param>
/// <param name="Gateway">vnpay, momo or vietqr.</param>
/// <param name="AmountVnd">What to pay, in VND.</param>
/// <param name="ExpiresAt">When the order expires unpaid (UTC).</param>
/// <param name="PaymentUrl">VNPay: the signed payment URL to open.</param>
/// <param name="MoMo">MoMo: the signed create request.</param>
/// <param name="VietQr">VietQR: the transfer code.</param>
public sealed record CheckoutResponse(
    long OrderId, string Reference, string Gateway, long AmountVnd, DateTime ExpiresAt, string? PaymentUrl, MoMoCheckout? MoMo, VietQrCheckout? VietQr);

/// <summary>What <see cref="OrderCheckout.StartAsync"/> found.</summary>
public enum CheckoutOutcome
{
    Ready,
    OrderNotFound,

    /// <summary>The order is someone else's.</summary>
    Forbidden,

    /// <summary>The order is paid, closed or past its time.</summary>
    NotPayable,

    /// <summary>The gateway has no configuration on this host.</summary>
    GatewayNotConfigured,

    /// <summary>The gateway does not take this amount (MoMo: 1,000 to 50,000,000 đồng).</summary>
    AmountOutsideGatewayRange,
}

public sealed record CheckoutResult(CheckoutOutcome Outcome, CheckoutResponse? Response = null);

/// <summary>
/// Starts paying an open order through a gateway: VNPay's signed payment URL, MoMo's signed create
/// request, or a dynamic VietQR to the merchant account. Changes nothing: the order stays pending
/// until a verified callback (or a bank-statement line) confirms it, and a second checkout, through
/// the same gateway or another, only draws again. Scoped.
/// </summary>
/// <remarks>
/// Every gateway carries the order's <see cref="Order.Reference"/> back (vnp_TxnRef, MoMo's
/// orderId, the VietQR transfer note), which is how callbacks find the order. VietQR puts it in the
/// purpose (62/08) as well as the bill number (62/01): many bank apps keep the purpose in the
/// transfer note and drop the bill number.
/// </remarks>
public sealed class OrderCheckout(AppDbContext db, TimeProvider time, IOptions<PaymentOptions> options)
{
    public async Task<CheckoutResult> StartAsync(long orderId, long accountId, string gateway, string clientAddress, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(gateway);
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null)
        {
            return new(CheckoutOutcome.OrderNotFound);
        }

        if (order.AccountId != accountId)
        {
            return new(CheckoutOutcome.Forbidden);
        }

        var now = time.GetUtcNow();
        if (!order.IsPayableAt(now.UtcDateTime))
        {
            return new(CheckoutOutcome.NotPayable);
        }

        var settings = options.Value;
        return gateway switch
        {
            GatewayNames.VnPay => settings.VnPay is { } vnPay ? VnPay(vnPay, order, clientAddress, now) : new(CheckoutOutcome.GatewayNotConfigured),
            GatewayNames.MoMo => settings.MoMo is { } moMo ? MoMo(moMo, order) : new(CheckoutOutcome.GatewayNotConfigured),
            GatewayNames.VietQr => settings.VietQr is { } account ? VietQr(account, order) : new(CheckoutOutcome.GatewayNotConfigured),
            _ => throw new ArgumentException($"Unknown gateway {gateway}.", nameof(gateway)),
        };
    }

    /// <summary>The text a payment's description carries: what is paid and the reference, without personal data.</summary>
    public static string OrderInfo(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return "Thanh toan don hang " + order.Reference;
    }

    /// <summary>The VietQR transfer note: short enough for the 25 characters of tag 62/08, the reference as its own word.</summary>
    public static string TransferNote(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return "DH " + order.Reference;
    }

    private static CheckoutResult VnPay(VnPayOptions vnPay, Order order, string clientAddress, DateTimeOffset now)
    {
        if (order.AmountVnd > VnPayPaymentUrl.MaxAmountVnd)
        {
            return new(CheckoutOutcome.AmountOutsideGatewayRange);
        }

        var url = VnPayPaymentUrl.Create(vnPay, new VnPayPaymentRequest(
            order.Reference, order.AmountVnd, OrderInfo(order), clientAddress, now, new DateTimeOffset(order.ExpiresAt, TimeSpan.Zero)));
        return Ready(order, GatewayNames.VnPay, paymentUrl: url);
    }

    private static CheckoutResult MoMo(MoMoOptions moMo, Order order)
    {
        if (order.AmountVnd is < MoMoCreateSigner.MinAmountVnd or > MoMoCreateSigner.MaxAmountVnd)
        {
            return new(CheckoutOutcome.AmountOutsideGatewayRange);
        }

        // A new requestId each time, as MoMo asks of every request; the orderId stays the reference,
        // so the IPN names the order whichever attempt was paid.
        var body = MoMoCreateSigner.Sign(moMo, new MoMoCreateRequest(order.Reference, Guid.NewGuid().ToString("N"), order.AmountVnd, OrderInfo(order)));
        return Ready(order, GatewayNames.MoMo, moMo: new MoMoCheckout(moMo.CreateUrl, body));
    }

    private static CheckoutResult VietQr(VietQrAccountOptions account, Order order)
    {
        var note = TransferNote(order);
        var errors = new FieldErrors();
        if (!VietQrBuilder.TryBuild(new VietQrRequest(account.BankBin, account.AccountNumber, VietQrService.Account, order.AmountVnd, note, order.Reference), errors, out var payload))
        {
            // Only the amount can fail here (the account was checked on start).
            return new(CheckoutOutcome.AmountOutsideGatewayRange);
        }

        var qr = new VietQrCheckout(payload, Convert.ToBase64String(VietQrImage.Png(payload)), account.BankBin, account.AccountNumber, note);
        return Ready(order, GatewayNames.VietQr, vietQr: qr);
    }

    private static CheckoutResult Ready(Order order, string gateway, string? paymentUrl = null, MoMoCheckout? moMo = null, VietQrCheckout? vietQr = null) =>
        new(CheckoutOutcome.Ready, new CheckoutResponse(order.Id, order.Reference, gateway, order.AmountVnd, order.ExpiresAt, paymentUrl, moMo, vietQr));
}
