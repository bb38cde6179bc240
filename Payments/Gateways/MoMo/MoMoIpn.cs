using System.Globalization;
using System.Text.Json.Serialization;

namespace DongNai.Payments.Gateways.MoMo;

/// <summary>The JSON body MoMo POSTs to the IPN URL (v2), as received.</summary>
public sealed record MoMoIpn(
    [property: JsonPropertyName("partnerCode")] string? PartnerCode,
    [property: JsonPropertyName("orderId")] string? OrderId,
    [property: JsonPropertyName("requestId")] string? RequestId,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("orderInfo")] string? OrderInfo,
    [property: JsonPropertyName("orderType")] string? OrderType,
    [property: JsonPropertyName("transId")] long TransId,
    [property: JsonPropertyName("resultCode")] int ResultCode,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("payType")] string? PayType,
    [property: JsonPropertyName("responseTime")] long ResponseTime,
    [property: JsonPropertyName("extraData")] string? ExtraData,
    [property: JsonPropertyName("signature")] string? Signature);

/// <summary>
/// What a MoMo IPN says once its signature is checked; every field but <see cref="SignatureValid"/>
/// is null when the signature is wrong, so nothing is read from an unverified callback.
/// </summary>
/// <param name="SignatureValid">The signature matches and the partner code is ours.</param>
/// <param name="OrderId">The merchant's reference from the create request.</param>
/// <param name="AmountVnd">The amount paid, in đồng.</param>
/// <param name="TransId">MoMo's number for the transaction.</param>
/// <param name="ResultCode">0 when the payment succeeded.</param>
public sealed record MoMoCallback(bool SignatureValid, string? OrderId = null, long? AmountVnd = null, long? TransId = null, int? ResultCode = null)
{
    public static MoMoCallback Unverified { get; } = new(false);

    public bool Succeeded => SignatureValid && ResultCode == 0;
}

/// <summary>
/// Checks a MoMo v2 IPN: HMAC-SHA256, with the secret key, over the documented raw string
/// <c>accessKey=…&amp;amount=…&amp;extraData=…&amp;message=…&amp;orderId=…&amp;orderInfo=…&amp;orderType=…&amp;partnerCode=…&amp;payType=…&amp;requestId=…&amp;responseTime=…&amp;resultCode=…&amp;transId=…</c>
/// (the access key is ours, never sent), compared in constant time. Pure and thread-safe.
/// </summary>
/// <remarks>MoMo expects HTTP 204 from the IPN URL within 15 seconds, whatever the outcome.</remarks>
public static class MoMoIpnVerifier
{
    public static string RawSignature(MoMoOptions options, MoMoIpn ipn)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ipn);
        var invariant = CultureInfo.InvariantCulture;
        return $"accessKey={options.AccessKey}&amount={ipn.Amount.ToString(invariant)}&extraData={ipn.ExtraData}&message={ipn.Message}" +
            $"&orderId={ipn.OrderId}&orderInfo={ipn.OrderInfo}&orderType={ipn.OrderType}&partnerCode={ipn.PartnerCode}&payType={ipn.PayType}" +
            $"&requestId={ipn.RequestId}&responseTime={ipn.ResponseTime.ToString(invariant)}&resultCode={ipn.ResultCode.ToString(invariant)}&transId={ipn.TransId.ToString(invariant)}";
    }

    public static MoMoCallback Verify(MoMoOptions options, MoMoIpn ipn)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ipn);
        var expected = GatewaySignature.HmacSha256Hex(options.SecretKey, RawSignature(options, ipn));
        if (!GatewaySignature.HexEquals(expected, ipn.Signature) || !string.Equals(ipn.PartnerCode, options.PartnerCode, StringComparison.Ordinal))
        {
            return MoMoCallback.Unverified;
        }

        return new MoMoCallback(true, ipn.OrderId, ipn.Amount, ipn.TransId, ipn.ResultCode);
    }
}
