using System.Net;
using System.Security.Cryptography;
using System.Text;
using DongNai.Payments.Gateways.VnPay;

namespace DongNai.Payments.Tests.Gateways;

public sealed class VnPayCallbackTests
{
    private const string Secret = "TESTSECRETDONGNAI0123456789ABCDE";

    private static readonly VnPayOptions Options = new() { TmnCode = "DNTEST01", HashSecret = Secret, ReturnUrl = "https://app.dongnai.test/vnpay/return" };

    [Fact]
    public void Verify_ReadsTheFields_OfACallbackSignedWithTheSecret()
    {
        var query = VnPayCallbacks.Signed(Secret);

        var callback = VnPayCallbackVerifier.Verify(Options, query);

        Assert.Equal(new VnPayCallback(true, "DH20261202001", 150_000, "00", "00", "14226112", "NCB", "20261202151233"), callback);
        Assert.True(callback.Succeeded);
    }

    [Fact]
    public void Verify_AcceptsTheSignatureInUpperCaseHex()
    {
        var query = VnPayCallbacks.Signed(Secret).Select(p => p.Key == "vnp_SecureHash" ? new KeyValuePair<string, string?>(p.Key, p.Value!.ToUpperInvariant()) : p);

        var callback = VnPayCallbackVerifier.Verify(Options, query);

        Assert.True(callback.SignatureValid);
    }

    [Theory]
    [InlineData("vnp_Amount", "15000000000")]
    [InlineData("vnp_ResponseCode", "24")]
    [InlineData("vnp_TxnRef", "DH20261202002")]
    [InlineData("vnp_OrderInfo", "Thanh toan don hang DH20261202001 ")]
    public void Verify_RefusesACallback_WhoseSignedValueWasChanged(string key, string value)
    {
        var query = VnPayCallbacks.Signed(Secret).Select(p => p.Key == key ? new KeyValuePair<string, string?>(key, value) : p);

        var callback = VnPayCallbackVerifier.Verify(Options, query);

        Assert.Equal(VnPayCallback.Unverified, callback);
        Assert.Null(callback.TxnRef);
    }

    [Fact]
    public void Verify_RefusesACallbackSignedWithAnotherSecret()
    {
        var query = VnPayCallbacks.Signed("ANOTHERSECRET0123456789ABCDEFGHI");

        var callback = VnPayCallbackVerifier.Verify(Options, query);

        Assert.False(callback.SignatureValid);
    }

    [Fact]
    public void Verify_RefusesACallback_WithAnAddedParameter()
    {
        var query = VnPayCallbacks.Signed(Secret).Append(new("vnp_Extra", "1"));

        var callback = VnPayCallbackVerifier.Verify(Options, query);

        Assert.False(callback.SignatureValid);
    }

    [Fact]
    public void Verify_RefusesAParameterSentTwice_EvenWhenOneCopyIsSigned()
    {
        var query = VnPayCallbacks.Signed(Secret).Append(new("vnp_Amount", "100"));

        var callback = VnPayCallbackVerifier.Verify(Options, query);

        Assert.False(callback.SignatureValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("zz")]
    public void Verify_RefusesAMissingOrMalformedSignature(string? hash)
    {
        var query = VnPayCallbacks.Signed(Secret).Where(p => p.Key != "vnp_SecureHash");
        if (hash is not null)
        {
            query = query.Append(new("vnp_SecureHash", hash));
        }

        var callback = VnPayCallbackVerifier.Verify(Options, query);

        Assert.False(callback.SignatureValid);
    }

    [Fact]
    public void Verify_IgnoresParametersThatAreNotVnPays_AndTheHashType()
    {
        var query = VnPayCallbacks.Signed(Secret).Append(new("utm_source", "zalo")).Append(new("vnp_SecureHashType", "HmacSHA512"));

        var callback = VnPayCallbackVerifier.Verify(Options, query);

        Assert.True(callback.SignatureValid);
    }

    [Fact]
    public void Verify_GivesNoAmount_ForAnAmountThatIsNotWholeDong()
    {
        var query = VnPayCallbacks.Signed(Secret, ("vnp_Amount", "15000050"));

        var callback = VnPayCallbackVerifier.Verify(Options, query);

        Assert.True(callback.SignatureValid);
        Assert.Null(callback.AmountVnd);
    }
}

/// <summary>Callbacks as VNPay sends them, signed here independently of the code under test.</summary>
internal static class VnPayCallbacks
{
    public static List<KeyValuePair<string, string?>> Signed(string secret, params (string Key, string Value)[] overrides)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["vnp_Amount"] = "15000000",
            ["vnp_BankCode"] = "NCB",
            ["vnp_BankTranNo"] = "VNP14226112",
            ["vnp_CardType"] = "ATM",
            ["vnp_OrderInfo"] = "Thanh toan don hang DH20261202001",
            ["vnp_PayDate"] = "20261202151233",
            ["vnp_ResponseCode"] = "00",
            ["vnp_TmnCode"] = "DNTEST01",
            ["vnp_TransactionNo"] = "14226112",
            ["vnp_TransactionStatus"] = "00",
            ["vnp_TxnRef"] = "DH20261202001",
        };
        foreach (var (key, value) in overrides)
        {
            fields[key] = value;
        }

        // VNPay's sample leaves parameters without a value out of the signed text.
        var text = string.Join("&", fields.Where(p => p.Value.Length > 0).Select(p => WebUtility.UrlEncode(p.Key) + "=" + WebUtility.UrlEncode(p.Value)));
        using var hmac = new HMACSHA512(Encoding.UTF8.GetBytes(secret));
        var hash = Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
        return [.. fields.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)), new("vnp_SecureHash", hash)];
    }
}
