using System.Globalization;
using System.Net;
using System.Text;
using DongNai.Payments.VietQr;

namespace DongNai.Payments.Gateways.VnPay;

/// <summary>One payment to ask VNPay for.</summary>
/// <param name="TxnRef">vnp_TxnRef: the merchant's reference for this payment attempt, unique per day at VNPay; 1 to 100 letters, digits, '-' or '_'.</param>
/// <param name="AmountVnd">Whole đồng; VNPay receives it × 100 (vnp_Amount has no decimal point).</param>
/// <param name="OrderInfo">vnp_OrderInfo: what is paid, folded to ASCII as VNPay asks ("không dấu").</param>
/// <param name="IpAddress">vnp_IpAddr: the payer's address.</param>
/// <param name="CreatedAt">vnp_CreateDate, written in Vietnam's time (UTC+7).</param>
/// <param name="ExpiresAt">vnp_ExpireDate, likewise; left out when null.</param>
/// <param name="BankCode">vnp_BankCode: a payment method chosen in advance (VNPAYQR, VNBANK, INTCARD); the payer chooses at VNPay when null.</param>
/// <param name="Locale">vnp_Locale: vn or en.</param>
/// <param name="OrderType">vnp_OrderType: VNPay's goods category; "other" by default.</param>
public sealed record VnPayPaymentRequest(
    string TxnRef, long AmountVnd, string OrderInfo, string IpAddress, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt = null, string? BankCode = null, string Locale = "vn", string OrderType = "other");

/// <summary>
/// The VNPay v2.1.0 payment URL: the vnp_ parameters sorted by key (ordinal), keys and values
/// URL-encoded as VNPay's own .NET sample does (<see cref="WebUtility.UrlEncode"/>: spaces as '+',
/// upper-case %XX), joined with '&amp;'; that query string, HMAC-SHA512 with the hash secret, in hex,
/// is appended as vnp_SecureHash. Pure and thread-safe.
/// </summary>
public static class VnPayPaymentUrl
{
    public const string Version = "2.1.0";

    /// <summary>The largest amount: vnp_Amount is at most 12 digits once multiplied by 100.</summary>
    public const long MaxAmountVnd = 9_999_999_999;

    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>The URL to send the payer to. Throws <see cref="ArgumentException"/> for a request VNPay would refuse.</summary>
    public static string Create(VnPayOptions options, VnPayPaymentRequest request)
    {
        var parameters = Parameters(options, request);
        var query = CanonicalQuery(parameters);
        return $"{options.PaymentUrl}?{query}&vnp_SecureHash={GatewaySignature.HmacSha512Hex(options.HashSecret, query)}";
    }

    /// <summary>The vnp_ parameters of <paramref name="request"/>, before signing.</summary>
    public static SortedDictionary<string, string> Parameters(VnPayOptions options, VnPayPaymentRequest request)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(request);
        if (request.TxnRef.Length is 0 or > 100 || !request.TxnRef.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException("vnp_TxnRef is 1 to 100 letters, digits, '-' or '_'.", nameof(request));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(request.AmountVnd, 1, nameof(request));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.AmountVnd, MaxAmountVnd, nameof(request));
        var orderInfo = VietQrText.FoldToAscii(request.OrderInfo);
        if (orderInfo.Length is 0 or > 255)
        {
            throw new ArgumentException("vnp_OrderInfo is 1 to 255 characters once folded to ASCII.", nameof(request));
        }

        if (string.IsNullOrWhiteSpace(request.IpAddress) || request.Locale is not ("vn" or "en"))
        {
            throw new ArgumentException("vnp_IpAddr is required and vnp_Locale is vn or en.", nameof(request));
        }

        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["vnp_Version"] = Version,
            ["vnp_Command"] = "pay",
            ["vnp_TmnCode"] = options.TmnCode,
            ["vnp_Amount"] = (request.AmountVnd * 100).ToString(CultureInfo.InvariantCulture),
            ["vnp_CurrCode"] = "VND",
            ["vnp_TxnRef"] = request.TxnRef,
            ["vnp_OrderInfo"] = orderInfo,
            ["vnp_OrderType"] = request.OrderType,
            ["vnp_Locale"] = request.Locale,
            ["vnp_ReturnUrl"] = options.ReturnUrl,
            ["vnp_IpAddr"] = request.IpAddress,
            ["vnp_CreateDate"] = VietnamTime(request.CreatedAt),
        };
        if (request.ExpiresAt is { } expires)
        {
            parameters["vnp_ExpireDate"] = VietnamTime(expires);
        }

        if (!string.IsNullOrEmpty(request.BankCode))
        {
            parameters["vnp_BankCode"] = request.BankCode;
        }

        return parameters;
    }

    /// <summary>
    /// The text VNPay signs: the pairs with a value, sorted by key (ordinal), each key and value
    /// URL-encoded, as <c>key=value</c> joined with '&amp;'. Used for the payment URL and, over the
    /// callback's parameters, for checking VNPay's signature.
    /// </summary>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in parameters.Where(p => !string.IsNullOrEmpty(p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (text.Length > 0)
            {
                text.Append('&');
            }

            text.Append(WebUtility.UrlEncode(key)).Append('=').Append(WebUtility.UrlEncode(value));
        }

        return text.ToString();
    }

    /// <summary>yyyyMMddHHmmss in Vietnam's time (UTC+7 all year: Vietnam keeps no daylight saving).</summary>
    public static string VietnamTime(DateTimeOffset time) =>
        time.ToOffset(VietnamOffset).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
}
