using System.Globalization;

namespace DongNai.Payments.Gateways.VnPay;

/// <summary>
/// What a VNPay callback (the return URL's query or the IPN's) says, once its signature is checked.
/// When <see cref="SignatureValid"/> is false every other field is null: nothing is read from an
/// unverified callback.
/// </summary>
/// <param name="SignatureValid">Whether vnp_SecureHash is the signature of the other vnp_ parameters.</param>
/// <param name="TxnRef">vnp_TxnRef: the merchant's reference, as sent in the payment URL.</param>
/// <param name="AmountVnd">vnp_Amount ÷ 100; null when it is not a whole number of đồng × 100.</param>
/// <param name="ResponseCode">vnp_ResponseCode: 00 when the payer's payment succeeded.</param>
/// <param name="TransactionStatus">vnp_TransactionStatus: 00 when VNPay completed the transaction.</param>
/// <param name="TransactionNo">vnp_TransactionNo: VNPay's own number for the transaction.</param>
/// <param name="BankCode">vnp_BankCode: the bank or method the payer used.</param>
/// <param name="PayDate">vnp_PayDate: yyyyMMddHHmmss, Vietnam time.</param>
public sealed record VnPayCallback(
    bool SignatureValid, string? TxnRef = null, long? AmountVnd = null, string? ResponseCode = null, string? TransactionStatus = null,
    string? TransactionNo = null, string? BankCode = null, string? PayDate = null)
{
    public static VnPayCallback Unverified { get; } = new(false);

    /// <summary>Signed, and both codes say the money moved.</summary>
    public bool Succeeded => SignatureValid && ResponseCode == "00" && TransactionStatus == "00";
}

/// <summary>
/// Checks a VNPay callback: the HMAC-SHA512, with the hash secret, of every vnp_ parameter but
/// vnp_SecureHash and vnp_SecureHashType, in <see cref="VnPayPaymentUrl.CanonicalQuery"/> form,
/// compared in constant time with vnp_SecureHash (hex in either case). Pure and thread-safe.
/// </summary>
public static class VnPayCallbackVerifier
{
    /// <param name="options">The merchant's connection; only its hash secret is used.</param>
    /// <param name="query">The callback's query parameters, decoded (as ASP.NET Core's query collection gives them).</param>
    public static VnPayCallback Verify(VnPayOptions options, IEnumerable<KeyValuePair<string, string?>> query)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(query);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in query)
        {
            // A parameter sent twice could be read one way here and another way elsewhere: refused.
            if (key.StartsWith("vnp_", StringComparison.Ordinal) && !values.TryAdd(key, value ?? ""))
            {
                return VnPayCallback.Unverified;
            }
        }

        if (!values.TryGetValue("vnp_SecureHash", out var given))
        {
            return VnPayCallback.Unverified;
        }

        var signed = values.Where(p => p.Key is not ("vnp_SecureHash" or "vnp_SecureHashType"));
        var expected = GatewaySignature.HmacSha512Hex(options.HashSecret, VnPayPaymentUrl.CanonicalQuery(signed));
        if (!GatewaySignature.HexEquals(expected, given))
        {
            return VnPayCallback.Unverified;
        }

        return new VnPayCallback(
            SignatureValid: true,
            TxnRef: Value(values, "vnp_TxnRef"),
            AmountVnd: Amount(Value(values, "vnp_Amount")),
            ResponseCode: Value(values, "vnp_ResponseCode"),
            TransactionStatus: Value(values, "vnp_TransactionStatus"),
            TransactionNo: Value(values, "vnp_TransactionNo"),
            BankCode: Value(values, "vnp_BankCode"),
            PayDate: Value(values, "vnp_PayDate"));
    }

    private static string? Value(Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    private static long? Amount(string? text) =>
        text is { Length: > 0 and <= 15 } && text.All(char.IsAsciiDigit) && long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) is var hundredths && hundredths % 100 == 0
            ? hundredths / 100
            : null;
}
