using System.Globalization;
using System.Text.Json.Serialization;

namespace DongNai.Payments.Gateways.MoMo;

/// <summary>One payment to ask MoMo for.</summary>
/// <param name="OrderId">The merchant's reference for this payment attempt, unique per partner.</param>
/// <param name="RequestId">Unique per request (a retry of the same create gets a new one).</param>
/// <param name="AmountVnd">Whole đồng; captureWallet takes 1,000 to 50,000,000.</param>
/// <param name="OrderInfo">What is paid, shown to the payer.</param>
/// <param name="ExtraData">Base64 of whatever the merchant wants back in the IPN; empty by default.</param>
/// <param name="Lang">vi or en.</param>
public sealed record MoMoCreateRequest(string OrderId, string RequestId, long AmountVnd, string OrderInfo, string ExtraData = "", string Lang = "vi");

/// <summary>The JSON body POSTed to <see cref="MoMoOptions.CreateUrl"/>, signature included.</summary>
public sealed record MoMoCreateBody(
    [property: JsonPropertyName("partnerCode")] string PartnerCode,
    [property: JsonPropertyName("requestId")] string RequestId,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("orderId")] string OrderId,
    [property: JsonPropertyName("orderInfo")] string OrderInfo,
    [property: JsonPropertyName("redirectUrl")] string RedirectUrl,
    [property: JsonPropertyName("ipnUrl")] string IpnUrl,
    [property: JsonPropertyName("requestType")] string RequestType,
    [property: JsonPropertyName("extraData")] string ExtraData,
    [property: JsonPropertyName("lang")] string Lang,
    [property: JsonPropertyName("signature")] string Signature);

/// <summary>
/// Signs MoMo v2 create requests for the captureWallet flow: HMAC-SHA256, with the secret key, over
/// the documented raw string <c>accessKey=…&amp;amount=…&amp;extraData=…&amp;ipnUrl=…&amp;orderId=…&amp;orderInfo=…&amp;partnerCode=…&amp;redirectUrl=…&amp;requestId=…&amp;requestType=captureWallet</c>
/// (values as they are, not URL-encoded), in lower-case hex. Pure and thread-safe.
/// </summary>
public static class MoMoCreateSigner
{
    public const string RequestType = "captureWallet";
    public const long MinAmountVnd = 1_000;
    public const long MaxAmountVnd = 50_000_000;

    public static string RawSignature(MoMoOptions options, MoMoCreateRequest request)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(request);
        return $"accessKey={options.AccessKey}&amount={request.AmountVnd.ToString(CultureInfo.InvariantCulture)}&extraData={request.ExtraData}" +
            $"&ipnUrl={options.IpnUrl}&orderId={request.OrderId}&orderInfo={request.OrderInfo}&partnerCode={options.PartnerCode}" +
            $"&redirectUrl={options.RedirectUrl}&requestId={request.RequestId}&requestType={RequestType}";
    }

    /// <summary>The signed body. Throws <see cref="ArgumentException"/> for a request MoMo would refuse.</summary>
    public static MoMoCreateBody Sign(MoMoOptions options, MoMoCreateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.AmountVnd, MinAmountVnd, nameof(request));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.AmountVnd, MaxAmountVnd, nameof(request));
        if (string.IsNullOrEmpty(request.OrderId) || string.IsNullOrEmpty(request.RequestId) || string.IsNullOrEmpty(request.OrderInfo))
        {
            throw new ArgumentException("orderId, requestId and orderInfo are required.", nameof(request));
        }

        if (request.Lang is not ("vi" or "en"))
        {
            throw new ArgumentException("lang is vi or en.", nameof(request));
        }

        var signature = GatewaySignature.HmacSha256Hex(options.SecretKey, RawSignature(options, request));
        return new MoMoCreateBody(
            options.PartnerCode, request.RequestId, request.AmountVnd, request.OrderId, request.OrderInfo,
            options.RedirectUrl, options.IpnUrl, RequestType, request.ExtraData, request.Lang, signature);
    }
}
