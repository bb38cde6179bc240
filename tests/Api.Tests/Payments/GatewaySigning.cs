using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace DongNai.Api.Tests.Payments;

/// <summary>
/// The test hosts' gateway settings (made-up secrets) and callbacks signed with them, written out
/// by hand from the gateways' documentation rather than through the service's own signers, so that
/// a mistake in those is not repeated here.
/// </summary>
public static class GatewaySigning
{
    public const string VnPayTmnCode = "TESTTMN1";
    public const string VnPayHashSecret = "TESTVNPAYHASHSECRET0123456789ABC";
    public const string VnPayReturnUrl = "https://app.example.vn/thanh-toan/vnpay";
    public const string MoMoPartnerCode = "MOMOTEST0001";
    public const string MoMoAccessKey = "testaccesskey01";
    public const string MoMoSecretKey = "testmomosecretkey0123456789abcde";
    public const string BankBin = "970416";
    public const string AccountNumber = "257678859";

    public static IReadOnlyList<(string Key, string Value)> Settings { get; } =
    [
        ("Payments:VnPay:TmnCode", VnPayTmnCode),
        ("Payments:VnPay:HashSecret", VnPayHashSecret),
        ("Payments:VnPay:ReturnUrl", VnPayReturnUrl),
        ("Payments:MoMo:PartnerCode", MoMoPartnerCode),
        ("Payments:MoMo:AccessKey", MoMoAccessKey),
        ("Payments:MoMo:SecretKey", MoMoSecretKey),
        ("Payments:MoMo:RedirectUrl", "https://app.example.vn/thanh-toan/momo"),
        ("Payments:MoMo:IpnUrl", "https://api.example.vn/api/payments/momo/ipn"),
        ("Payments:VietQr:BankBin", BankBin),
        ("Payments:VietQr:AccountNumber", AccountNumber),
    ];

    /// <summary>
    /// A VNPay IPN query for <paramref name="reference"/>: the vnp_ fields VNPay sends, sorted, each
    /// key and value URL-encoded (spaces as +), joined with &amp;, and the HMAC-SHA512 of that text
    /// appended as vnp_SecureHash.
    /// </summary>
    public static string VnPayQuery(string reference, long amountVnd, string responseCode = "00", string transactionNo = "14226400", string secret = VnPayHashSecret)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["vnp_Amount"] = (amountVnd * 100).ToString(CultureInfo.InvariantCulture),
            ["vnp_BankCode"] = "NCB",
            ["vnp_BankTranNo"] = "VNP" + transactionNo,
            ["vnp_CardType"] = "ATM",
            ["vnp_OrderInfo"] = "Thanh toan don hang " + reference,
            ["vnp_PayDate"] = "20261102081500",
            ["vnp_ResponseCode"] = responseCode,
            ["vnp_TmnCode"] = VnPayTmnCode,
            ["vnp_TransactionNo"] = transactionNo,
            ["vnp_TransactionStatus"] = responseCode,
            ["vnp_TxnRef"] = reference,
        };
        var query = string.Join('&', fields.Select(f => WebUtility.UrlEncode(f.Key) + "=" + WebUtility.UrlEncode(f.Value)));
        var hash = Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(query)));
        return query + "&vnp_SecureHashType=HmacSHA512&vnp_SecureHash=" + hash;
    }

    /// <summary>
    /// A MoMo v2 IPN body for <paramref name="reference"/>, signed with HMAC-SHA256 over MoMo's raw
    /// string: accessKey, amount, extraData, message, orderId, orderInfo, orderType, partnerCode,
    /// payType, requestId, responseTime, resultCode, transId, in that order.
    /// </summary>
    public static JsonObject MoMoIpn(string reference, long amountVnd, int resultCode = 0, long transId = 4088878653, string secret = MoMoSecretKey)
    {
        var message = resultCode == 0 ? "Successful." : "Transaction denied by user.";
        var orderInfo = "Thanh toan don hang " + reference;
        var raw = $"accessKey={MoMoAccessKey}&amount={amountVnd}&extraData=&message={message}&orderId={reference}&orderInfo={orderInfo}" +
            $"&orderType=momo_wallet&partnerCode={MoMoPartnerCode}&payType=qr&requestId=4b0a8f2cd5f1436aa4b8a4a1d2b9e001&responseTime=1793581200000" +
            $"&resultCode={resultCode}&transId={transId}";
        return new JsonObject
        {
            ["partnerCode"] = MoMoPartnerCode,
            ["orderId"] = reference,
            ["requestId"] = "4b0a8f2cd5f1436aa4b8a4a1d2b9e001",
            ["amount"] = amountVnd,
            ["orderInfo"] = orderInfo,
            ["orderType"] = "momo_wallet",
            ["transId"] = transId,
            ["resultCode"] = resultCode,
            ["message"] = message,
            ["payType"] = "qr",
            ["responseTime"] = 1793581200000,
            ["extraData"] = "",
            ["signature"] = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(raw))),
        };
    }
}
