namespace DongNai.Payments.Gateways.VnPay;

/// <summary>
/// A merchant's VNPay connection (payment gateway API v2.1.0). <see cref="ToString"/> leaves the
/// hash secret out, so the options can be logged. Immutable; thread-safe.
/// </summary>
public sealed record VnPayOptions
{
    public const string SandboxPaymentUrl = "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html";

    /// <summary>vnp_TmnCode: the merchant's terminal code, 8 letters or digits.</summary>
    public required string TmnCode { get; init; }

    /// <summary>vnp_HashSecret: the key of the HMAC-SHA512 signatures. Never logged.</summary>
    public required string HashSecret { get; init; }

    /// <summary>Where the payer is sent to pay; the sandbox by default.</summary>
    public string PaymentUrl { get; init; } = SandboxPaymentUrl;

    /// <summary>vnp_ReturnUrl: where VNPay sends the payer back, with the signed result in the query.</summary>
    public required string ReturnUrl { get; init; }

    public override string ToString() => $"VnPayOptions {{ TmnCode = {TmnCode}, HashSecret = ***, PaymentUrl = {PaymentUrl}, ReturnUrl = {ReturnUrl} }}";
}
