using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DongNai.Payments;
using Microsoft.Extensions.DependencyInjection;
using static DongNai.Api.Tests.Payments.PaymentScene;

namespace DongNai.Api.Tests.Payments;

/// <summary>
/// Checkout through each gateway, the bank-statement import and the redemption QR, through HTTP.
/// Signatures are checked by hand against the test hosts' secrets (<see cref="GatewaySigning"/>).
/// The ledger must balance after each test.
/// </summary>
public sealed class CheckoutApiTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private const long Price = 25_000;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => AssertLedgerBalancesAsync(factory);

    [Fact]
    public async Task CheckoutOrder_GivesASignedVnPayUrl_ForTheOrdersReferenceAndAmount()
    {
        var order = await PricedOrderAsync();

        var body = await CheckoutOkAsync(order, "vnpay");

        var url = new Uri(body.GetProperty("paymentUrl").GetString()!);
        var query = url.Query.TrimStart('?');
        var signed = query[..query.IndexOf("&vnp_SecureHash=", StringComparison.Ordinal)];
        var hash = query[(query.IndexOf("&vnp_SecureHash=", StringComparison.Ordinal) + "&vnp_SecureHash=".Length)..];
        var fields = signed.Split('&').Select(pair => pair.Split('=')).ToDictionary(p => p[0], p => WebUtility.UrlDecode(p[1]));
        Assert.Equal("https://sandbox.vnpayment.vn/paymentv2/vpcpay.html", url.GetLeftPart(UriPartial.Path));
        Assert.Equal(order.Reference, fields["vnp_TxnRef"]);
        Assert.Equal((Price * 100).ToString(CultureInfo.InvariantCulture), fields["vnp_Amount"]);
        Assert.Equal(GatewaySigning.VnPayReturnUrl, fields["vnp_ReturnUrl"]);
        Assert.Equal(GatewaySigning.VnPayTmnCode, fields["vnp_TmnCode"]);
        Assert.False(string.IsNullOrEmpty(fields["vnp_IpAddr"]));
        Assert.Equal(fields.Keys.Order(StringComparer.Ordinal), fields.Keys);
        Assert.Equal(Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(GatewaySigning.VnPayHashSecret), Encoding.UTF8.GetBytes(signed))), hash);
        Assert.Equal("pending", (await OrderAsync(order)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task CheckoutOrder_GivesAMoMoCreateRequest_SignedOverTheDocumentedFields()
    {
        var order = await PricedOrderAsync();

        var body = await CheckoutOkAsync(order, "momo");

        var momo = body.GetProperty("moMo");
        var request = momo.GetProperty("request");
        string Text(string name) => request.GetProperty(name).GetString()!;
        var raw = $"accessKey={GatewaySigning.MoMoAccessKey}&amount={Price}&extraData={Text("extraData")}&ipnUrl={Text("ipnUrl")}&orderId={Text("orderId")}" +
            $"&orderInfo={Text("orderInfo")}&partnerCode={Text("partnerCode")}&redirectUrl={Text("redirectUrl")}&requestId={Text("requestId")}&requestType=captureWallet";
        Assert.Equal("https://test-payment.momo.vn/v2/gateway/api/create", momo.GetProperty("createUrl").GetString());
        Assert.Equal(order.Reference, Text("orderId"));
        Assert.Equal(Price, request.GetProperty("amount").GetInt64());
        Assert.Equal("captureWallet", Text("requestType"));
        Assert.Equal(GatewaySigning.MoMoPartnerCode, Text("partnerCode"));
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(GatewaySigning.MoMoSecretKey), Encoding.UTF8.GetBytes(raw))), Text("signature"));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("paymentUrl").ValueKind);
    }

    [Fact]
    public async Task CheckoutOrder_GivesADynamicVietQr_ToTheMerchantAccount_WithTheReferenceInThePurpose()
    {
        var order = await PricedOrderAsync();

        var body = await CheckoutOkAsync(order, "vietqr");

        var qr = body.GetProperty("vietQr");
        var decoded = await (await factory.CreateClient().PostAsJsonAsync("/api/payments/vietqr/decode", new { payload = qr.GetProperty("payload").GetString() }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("dynamic", decoded.GetProperty("initiation").GetString());
        Assert.Equal(GatewaySigning.BankBin, decoded.GetProperty("bankBin").GetString());
        Assert.Equal(GatewaySigning.AccountNumber, decoded.GetProperty("accountNumber").GetString());
        Assert.Equal(Price, decoded.GetProperty("amountVnd").GetInt64());
        Assert.Contains(order.Reference, decoded.GetProperty("purpose").GetString(), StringComparison.Ordinal);
        Assert.Equal(order.Reference, decoded.GetProperty("billNumber").GetString());
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, Convert.FromBase64String(qr.GetProperty("pngBase64").GetString()!)[..4]);
    }

    [Fact]
    public async Task CheckoutOrder_Answers409NotPayable_ForAPaidOrder()
    {
        var order = await PricedOrderAsync();
        await PayAsync(factory, order.Id, Price, "14226501");

        var response = await CheckoutAsync(order, "vnpay");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("notPayable", (await Problems.ReadAsync(response)).GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("paypal")]
    [InlineData("")]
    public async Task CheckoutOrder_Answers400NamingGateway_ForAnUnknownGateway(string gateway)
    {
        var order = await PricedOrderAsync();

        var response = await CheckoutAsync(order, gateway);

        await Problems.AssertFieldErrorAsync(response, "gateway");
    }

    [Fact]
    public async Task CheckoutOrder_Answers422GatewayNotConfigured_WhenTheHostHasNoMoMoSettings()
    {
        using var host = new ApiFactory { TestServices = services => services.PostConfigure<PaymentOptions>(options => options.MoMo = null) };
        var shop = await host.SignUpAsync("employer");
        var voucher = await CreateVoucherAsync(shop, quantity: 2, priceVnd: Price);
        var person = await host.SignUpAsync();
        var claim = await ClaimOkAsync(person.Client, voucher);

        var response = await person.Client.PostAsJsonAsync($"/api/me/orders/{claim.GetProperty("order").GetProperty("id").GetInt64()}/checkout", new { gateway = "momo" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("gatewayNotConfigured", (await Problems.ReadAsync(response)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ImportBankStatement_ConfirmsTheVietQrOrderOnce_AndReportsTheLineThatMatchesNothing()
    {
        var order = await PricedOrderAsync();
        var purpose = (await CheckoutOkAsync(order, "vietqr")).GetProperty("vietQr").GetProperty("purpose").GetString();
        var admin = await factory.SignUpAsAsync(Domain.People.Role.Admin);
        var statement = new
        {
            lines = new object[]
            {
                new { bankTransactionId = "FT26306D0001", date = "2026-11-02", amountVnd = Price, description = $"TRAN THI BINH chuyen tien {purpose}" },
                new { bankTransactionId = "FT26306D0002", date = "2026-11-02", amountVnd = 99_000, description = "Chuyen tien an trua" },
            },
        };

        var first = await (await admin.Client.PostAsJsonAsync("/api/admin/payments/vietqr/statement", statement)).Content.ReadFromJsonAsync<JsonElement>();
        var again = await (await admin.Client.PostAsJsonAsync("/api/admin/payments/vietqr/statement", statement)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(["confirmed", "unmatched"], first.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("outcome").GetString()));
        Assert.Equal(1, first.GetProperty("needAttention").GetInt32());
        Assert.Equal(2, again.GetProperty("duplicates").GetInt32());
        Assert.Equal(0, again.GetProperty("confirmed").GetInt32());
        var paid = await OrderAsync(order);
        Assert.Equal("paid", paid.GetProperty("status").GetString());
        Assert.Equal("vietqr", paid.GetProperty("gateway").GetString());
    }

    [Fact]
    public async Task ImportBankStatement_Answers400NamingTheLinesField_ForAMissingAmount()
    {
        var admin = await factory.SignUpAsAsync(Domain.People.Role.Admin);

        var response = await admin.Client.PostAsJsonAsync("/api/admin/payments/vietqr/statement",
            new { lines = new[] { new { bankTransactionId = "FT26306E0001", date = "2026-11-02", amountVnd = (long?)null, description = "DH" } } });

        await Problems.AssertFieldErrorAsync(response, "lines[0].amountVnd");
    }

    [Fact]
    public async Task MyVoucherClaimQr_DrawsTheRedemptionCode_OnceTheClaimIsPaid()
    {
        var order = await PricedOrderAsync();
        var unpaid = await order.Payer.Client.GetAsync($"/api/me/voucher-claims/{order.ClaimId}/qr.png");
        await PayAsync(factory, order.Id, Price, "14226502");
        var code = (await order.Payer.Client.GetFromJsonAsync<JsonElement>($"/api/me/voucher-claims/{order.ClaimId}")).GetProperty("redemptionCode").GetString()!;

        var response = await order.Payer.Client.GetAsync($"/api/me/voucher-claims/{order.ClaimId}/qr.png");

        Assert.Equal(HttpStatusCode.Conflict, unpaid.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(DongNai.Payments.Vouchers.RedemptionQr.Png(code), await response.Content.ReadAsByteArrayAsync());
    }

    private async Task<PricedOrder> PricedOrderAsync()
    {
        var shop = await factory.SignUpAsync("employer");
        var voucher = await CreateVoucherAsync(shop, quantity: 3, priceVnd: Price);
        var person = await factory.SignUpAsync();
        var claim = await ClaimOkAsync(person.Client, voucher);
        var order = claim.GetProperty("order");
        return new PricedOrder(person, claim.GetProperty("id").GetInt64(), order.GetProperty("id").GetInt64(), order.GetProperty("reference").GetString()!);
    }

    private static Task<HttpResponseMessage> CheckoutAsync(PricedOrder order, string gateway) =>
        order.Payer.Client.PostAsJsonAsync($"/api/me/orders/{order.Id}/checkout", new { gateway });

    private static async Task<JsonElement> CheckoutOkAsync(PricedOrder order, string gateway)
    {
        var response = await CheckoutAsync(order, gateway);
        var body = await Problems.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal(order.Reference, body.GetProperty("reference").GetString());
        Assert.Equal(gateway, body.GetProperty("gateway").GetString());
        return body;
    }

    private static Task<JsonElement> OrderAsync(PricedOrder order) => order.Payer.Client.GetFromJsonAsync<JsonElement>($"/api/me/orders/{order.Id}");
}
