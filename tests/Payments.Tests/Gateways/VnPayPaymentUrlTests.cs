using System.Security.Cryptography;
using System.Text;
using DongNai.Payments.Gateways.VnPay;

namespace DongNai.Payments.Tests.Gateways;

public sealed class VnPayPaymentUrlTests
{
    /// <summary>
    /// The example URL of VNPay's integration guide (sandbox.vnpayment.vn/apis/docs/huong-dan-tich-hop/),
    /// up to its signature. The guide does not publish the hash secret behind its vnp_SecureHash, so
    /// the signature is checked against an HMAC-SHA512 computed here with System.Security.Cryptography
    /// over the same text, with a secret of our own.
    /// </summary>
    private const string DocumentedUrl =
        "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html?vnp_Amount=1806000&vnp_Command=pay&vnp_CreateDate=20210801153333&vnp_CurrCode=VND" +
        "&vnp_IpAddr=127.0.0.1&vnp_Locale=vn&vnp_OrderInfo=Thanh+toan+don+hang+%3A5&vnp_OrderType=other" +
        "&vnp_ReturnUrl=https%3A%2F%2Fdomainmerchant.vn%2FReturnUrl&vnp_TmnCode=DEMOV210&vnp_TxnRef=5&vnp_Version=2.1.0";

    private const string Secret = "TESTSECRETDONGNAI0123456789ABCDE";

    private static readonly VnPayOptions Options = new()
    {
        TmnCode = "DEMOV210",
        HashSecret = Secret,
        ReturnUrl = "https://domainmerchant.vn/ReturnUrl",
    };

    private static readonly VnPayPaymentRequest DocumentedRequest = new(
        TxnRef: "5", AmountVnd: 18_060, OrderInfo: "Thanh toan don hang :5", IpAddress: "127.0.0.1",
        CreatedAt: new DateTimeOffset(2021, 8, 1, 8, 33, 33, TimeSpan.Zero));

    [Fact]
    public void Create_WritesTheGuidesExampleQuery_ByteForByte()
    {
        var url = VnPayPaymentUrl.Create(Options, DocumentedRequest);

        var (unsigned, hash) = SplitHash(url);
        Assert.Equal(DocumentedUrl, unsigned);
        Assert.Equal(IndependentHmacSha512(Secret, DocumentedUrl[(DocumentedUrl.IndexOf('?', StringComparison.Ordinal) + 1)..]), hash);
    }

    [Fact]
    public void Create_SignsWithLowerCaseHexOf64Bytes_AsTheLastParameter()
    {
        var url = VnPayPaymentUrl.Create(Options, DocumentedRequest);

        var (_, hash) = SplitHash(url);
        Assert.Matches("^[0-9a-f]{128}$", hash);
    }

    [Fact]
    public void Create_FoldsOrderInfo_EncodesSpacesAsPlus_AndAddsExpiryAndBank()
    {
        var request = DocumentedRequest with
        {
            OrderInfo = "Thanh toán voucher Trà sữa & bánh",
            ExpiresAt = DocumentedRequest.CreatedAt.AddMinutes(15),
            BankCode = "VNPAYQR",
        };

        var url = VnPayPaymentUrl.Create(Options, request);

        Assert.Contains("&vnp_OrderInfo=Thanh+toan+voucher+Tra+sua+%26+banh&", url, StringComparison.Ordinal);
        Assert.Contains("&vnp_ExpireDate=20210801154833&", url, StringComparison.Ordinal);
        Assert.Contains("?vnp_Amount=1806000&vnp_BankCode=VNPAYQR&", url, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SortsKeysOrdinally_SoUpperCaseComesBeforeLowerCase()
    {
        var query = VnPayPaymentUrl.CanonicalQuery([new("vnp_b", "1"), new("vnp_B", "2"), new("vnp_a", "3"), new("vnp_empty", "")]);

        Assert.Equal("vnp_B=2&vnp_a=3&vnp_b=1", query);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(10_000_000_000L)]
    public void Create_RefusesAnAmountVnPayCannotCarry(long amount)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VnPayPaymentUrl.Create(Options, DocumentedRequest with { AmountVnd = amount }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("đơn 5")]
    public void Create_RefusesATxnRefVnPayCannotCarry(string txnRef)
    {
        Assert.Throws<ArgumentException>(() => VnPayPaymentUrl.Create(Options, DocumentedRequest with { TxnRef = txnRef }));
    }

    [Fact]
    public void Options_ToString_LeavesTheHashSecretOut()
    {
        var text = Options.ToString();

        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.Contains("DEMOV210", text, StringComparison.Ordinal);
    }

    private static (string Unsigned, string Hash) SplitHash(string url)
    {
        var at = url.IndexOf("&vnp_SecureHash=", StringComparison.Ordinal);
        Assert.True(at > 0, url);
        return (url[..at], url[(at + "&vnp_SecureHash=".Length)..]);
    }

    private static string IndependentHmacSha512(string key, string text)
    {
        using var hmac = new HMACSHA512(Encoding.UTF8.GetBytes(key));
        return string.Concat(hmac.ComputeHash(Encoding.UTF8.GetBytes(text)).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
