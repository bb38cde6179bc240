using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DongNai.Payments.Gateways.MoMo;

namespace DongNai.Payments.Tests.Gateways;

/// <summary>
/// MoMo v2 signatures. The credentials are MoMo's public sandbox ones (partner MOMO, published in
/// MoMo's developer documentation and sample code); no documented example with its resulting
/// signature was found for the v2 captureWallet create or IPN, so each expected signature is an
/// HMAC-SHA256 computed here with System.Security.Cryptography over the raw string written out by
/// hand in the documented field order.
/// </summary>
public sealed class MoMoTests
{
    private static readonly MoMoOptions Options = new()
    {
        PartnerCode = "MOMO",
        AccessKey = "F8BBA842ECF85",
        SecretKey = "K951B6PE1waDMi640xX08PD3vg6EkVlz",
        RedirectUrl = "https://momo.vn/return",
        IpnUrl = "https://callback.url/notify",
    };

    private static readonly MoMoCreateRequest Request = new(
        OrderId: "MM1540456472575", RequestId: "MM1540456472575", AmountVnd: 150_000, OrderInfo: "SDK team.");

    [Fact]
    public void RawSignature_ListsTheCreateFields_InTheDocumentedOrder()
    {
        var raw = MoMoCreateSigner.RawSignature(Options, Request);

        Assert.Equal(
            "accessKey=F8BBA842ECF85&amount=150000&extraData=&ipnUrl=https://callback.url/notify&orderId=MM1540456472575" +
            "&orderInfo=SDK team.&partnerCode=MOMO&redirectUrl=https://momo.vn/return&requestId=MM1540456472575&requestType=captureWallet",
            raw);
    }

    [Fact]
    public void Sign_GivesTheHmacSha256OfTheRawString_AndTheBodyMoMoExpects()
    {
        var body = MoMoCreateSigner.Sign(Options, Request);

        var expected = IndependentHmacSha256(
            "K951B6PE1waDMi640xX08PD3vg6EkVlz",
            "accessKey=F8BBA842ECF85&amount=150000&extraData=&ipnUrl=https://callback.url/notify&orderId=MM1540456472575" +
            "&orderInfo=SDK team.&partnerCode=MOMO&redirectUrl=https://momo.vn/return&requestId=MM1540456472575&requestType=captureWallet");
        Assert.Equal(expected, body.Signature);
        var json = JsonDocument.Parse(JsonSerializer.Serialize(body)).RootElement;
        Assert.Equal("captureWallet", json.GetProperty("requestType").GetString());
        Assert.Equal(150_000, json.GetProperty("amount").GetInt64());
        Assert.Equal("MOMO", json.GetProperty("partnerCode").GetString());
        Assert.False(json.TryGetProperty("accessKey", out _));
        Assert.DoesNotContain(Options.SecretKey, json.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_SignsVietnameseOrderInfo_AsUtf8()
    {
        var body = MoMoCreateSigner.Sign(Options, Request with { OrderInfo = "Thanh toán voucher Đồng Nai" });

        var expected = IndependentHmacSha256(
            "K951B6PE1waDMi640xX08PD3vg6EkVlz",
            "accessKey=F8BBA842ECF85&amount=150000&extraData=&ipnUrl=https://callback.url/notify&orderId=MM1540456472575" +
            "&orderInfo=Thanh toán voucher Đồng Nai&partnerCode=MOMO&redirectUrl=https://momo.vn/return&requestId=MM1540456472575&requestType=captureWallet");
        Assert.Equal(expected, body.Signature);
    }

    [Theory]
    [InlineData(999L)]
    [InlineData(50_000_001L)]
    public void Sign_RefusesAnAmountCaptureWalletDoesNotTake(long amount)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MoMoCreateSigner.Sign(Options, Request with { AmountVnd = amount }));
    }

    [Fact]
    public void Verify_AcceptsAnIpnSignedInTheDocumentedOrder_AndReadsIt()
    {
        var ipn = SignedIpn();

        var callback = MoMoIpnVerifier.Verify(Options, ipn);

        Assert.Equal(new MoMoCallback(true, "MM1540456472575", 150_000, 2_547_000_000, 0), callback);
        Assert.True(callback.Succeeded);
    }

    [Fact]
    public void RawSignature_ListsTheIpnFields_InTheDocumentedOrder()
    {
        var raw = MoMoIpnVerifier.RawSignature(Options, SignedIpn());

        Assert.Equal(IpnRaw, raw);
    }

    [Fact]
    public void Verify_RefusesAnIpn_WhoseAmountWasChanged()
    {
        var ipn = SignedIpn() with { Amount = 1_000 };

        var callback = MoMoIpnVerifier.Verify(Options, ipn);

        Assert.Equal(MoMoCallback.Unverified, callback);
    }

    [Fact]
    public void Verify_RefusesAnIpn_WhoseResultCodeWasChanged()
    {
        var failed = SignedIpn(resultCode: 1006);
        var forged = failed with { ResultCode = 0 };

        var callback = MoMoIpnVerifier.Verify(Options, forged);

        Assert.False(callback.SignatureValid);
        Assert.False(callback.Succeeded);
    }

    [Fact]
    public void Verify_ReadsAFailedPayment_AsSignedButNotSucceeded()
    {
        var callback = MoMoIpnVerifier.Verify(Options, SignedIpn(resultCode: 1006));

        Assert.True(callback.SignatureValid);
        Assert.False(callback.Succeeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-hex")]
    public void Verify_RefusesAMissingOrMalformedSignature(string? signature)
    {
        var callback = MoMoIpnVerifier.Verify(Options, SignedIpn() with { Signature = signature });

        Assert.False(callback.SignatureValid);
    }

    [Fact]
    public void Verify_RefusesAnIpnForAnotherPartner_SignedWithTheSameKeys()
    {
        var other = Options with { PartnerCode = "MOMOOTHER" };
        var ipn = SignedIpn() with { PartnerCode = "MOMOOTHER" };
        ipn = ipn with { Signature = IndependentHmacSha256(Options.SecretKey, MoMoIpnVerifier.RawSignature(other, ipn)) };

        var callback = MoMoIpnVerifier.Verify(Options, ipn);

        Assert.False(callback.SignatureValid);
    }

    [Fact]
    public void Options_ToString_LeavesTheSecretKeyOut()
    {
        var text = Options.ToString();

        Assert.DoesNotContain(Options.SecretKey, text, StringComparison.Ordinal);
    }

    private const string IpnRaw =
        "accessKey=F8BBA842ECF85&amount=150000&extraData=&message=Successful.&orderId=MM1540456472575&orderInfo=SDK team." +
        "&orderType=momo_wallet&partnerCode=MOMO&payType=qr&requestId=MM1540456472575&responseTime=1764658353000&resultCode=0&transId=2547000000";

    /// <summary>An IPN as MoMo sends it (JSON), signed here over the raw string written out by hand.</summary>
    private static MoMoIpn SignedIpn(int resultCode = 0)
    {
        var raw = IpnRaw.Replace("&resultCode=0&", $"&resultCode={resultCode}&", StringComparison.Ordinal);
        var json = $$"""
            {"partnerCode":"MOMO","orderId":"MM1540456472575","requestId":"MM1540456472575","amount":150000,"orderInfo":"SDK team.",
             "orderType":"momo_wallet","transId":2547000000,"resultCode":{{resultCode}},"message":"Successful.","payType":"qr",
             "responseTime":1764658353000,"extraData":"","signature":"{{IndependentHmacSha256("K951B6PE1waDMi640xX08PD3vg6EkVlz", raw)}}"}
            """;
        return JsonSerializer.Deserialize<MoMoIpn>(json)!;
    }

    private static string IndependentHmacSha256(string key, string text)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(key));
        return string.Concat(hmac.ComputeHash(Encoding.UTF8.GetBytes(text)).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
