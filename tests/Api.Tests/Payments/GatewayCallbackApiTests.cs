using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static DongNai.Api.Tests.Payments.PaymentScene;

namespace DongNai.Api.Tests.Payments;

/// <summary>
/// The gateways' callbacks through HTTP, signed by hand with the test hosts' secrets
/// (<see cref="GatewaySigning"/>). The ledger must balance after each test.
/// </summary>
public sealed class GatewayCallbackApiTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private const long Price = 25_000;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => AssertLedgerBalancesAsync(factory);

    [Fact]
    public async Task VnPayIpn_Answers00AndPaysTheOrder_ThenAnswers02_WhenTheSameIpnArrivesTwice()
    {
        var order = await PricedOrderAsync();
        var query = GatewaySigning.VnPayQuery(order.Reference, Price, transactionNo: "14226401");

        var first = await VnPayIpnAsync(query);
        var second = await VnPayIpnAsync(query);

        Assert.Equal("00", first);
        Assert.Equal("02", second);
        var paid = await OrderAsync(order);
        Assert.Equal("paid", paid.GetProperty("status").GetString());
        Assert.Equal("vnpay", paid.GetProperty("gateway").GetString());
        Assert.Equal("active", (await ClaimStatusAsync(order)));
        // The payer is told once (the repeated IPN changed nothing), with the claim's result.
        var notice = Assert.Single(await NoticesAsync(order));
        Assert.Equal("claimResult", notice.GetProperty("type").GetString());
        Assert.Equal("Đã nhận voucher", notice.GetProperty("title").GetString());
        Assert.Contains(order.Reference, notice.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VnPayIpn_Answers97AndChangesNothing_ForABadSignature()
    {
        var order = await PricedOrderAsync();

        var rsp = await VnPayIpnAsync(GatewaySigning.VnPayQuery(order.Reference, Price, transactionNo: "14226402", secret: "NOTTHEMERCHANTSHASHSECRET0000000"));

        Assert.Equal("97", rsp);
        Assert.Equal("pending", (await OrderAsync(order)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task VnPayIpn_Answers97_ForAQueryChangedAfterSigning()
    {
        var order = await PricedOrderAsync();
        var query = GatewaySigning.VnPayQuery(order.Reference, 1_000, transactionNo: "14226403")
            .Replace("vnp_Amount=100000", "vnp_Amount=" + (Price * 100).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var rsp = await VnPayIpnAsync(query);

        Assert.Equal("97", rsp);
        Assert.Equal("pending", (await OrderAsync(order)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task VnPayIpn_Answers04AndChangesNothing_ForAWrongAmount()
    {
        var order = await PricedOrderAsync();

        var rsp = await VnPayIpnAsync(GatewaySigning.VnPayQuery(order.Reference, Price - 1_000, transactionNo: "14226404"));

        Assert.Equal("04", rsp);
        Assert.Equal("pending", (await OrderAsync(order)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task VnPayIpn_Answers01_ForAnUnknownOrder()
    {
        var rsp = await VnPayIpnAsync(GatewaySigning.VnPayQuery("ZZZZZZZZZZZZ", Price, transactionNo: "14226405"));

        Assert.Equal("01", rsp);
    }

    [Fact]
    public async Task VnPayIpn_Answers00AndFailsTheOrder_WhenThePayerCancelled()
    {
        var order = await PricedOrderAsync();

        var rsp = await VnPayIpnAsync(GatewaySigning.VnPayQuery(order.Reference, Price, responseCode: "24", transactionNo: "0"));

        Assert.Equal("00", rsp);
        Assert.Equal("failed", (await OrderAsync(order)).GetProperty("status").GetString());
        Assert.Equal("released", await ClaimStatusAsync(order));
    }

    [Fact]
    public async Task VnPayReturn_ShowsTheOrderStillPending_AndConfirmsNothing()
    {
        var order = await PricedOrderAsync();

        var result = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/payments/vnpay/return?" + GatewaySigning.VnPayQuery(order.Reference, Price, transactionNo: "14226406"));

        Assert.True(result.GetProperty("signatureValid").GetBoolean());
        Assert.True(result.GetProperty("paymentSucceeded").GetBoolean());
        Assert.Equal("pending", result.GetProperty("orderStatus").GetString());
        Assert.Equal("pending", (await OrderAsync(order)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task VnPayReturn_SaysNothingButInvalid_ForABadSignature()
    {
        var order = await PricedOrderAsync();

        var result = await factory.CreateClient().GetFromJsonAsync<JsonElement>(
            "/api/payments/vnpay/return?" + GatewaySigning.VnPayQuery(order.Reference, Price, transactionNo: "14226407", secret: "NOTTHEMERCHANTSHASHSECRET0000000"));

        Assert.False(result.GetProperty("signatureValid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("reference").ValueKind);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("orderStatus").ValueKind);
    }

    [Fact]
    public async Task MoMoIpn_Answers204AndPaysTheOrderOnce_ForAGoodSignature()
    {
        var order = await PricedOrderAsync();
        var ipn = GatewaySigning.MoMoIpn(order.Reference, Price, transId: 4088878601);

        var first = await factory.CreateClient().PostAsJsonAsync("/api/payments/momo/ipn", ipn);
        var second = await factory.CreateClient().PostAsJsonAsync("/api/payments/momo/ipn", ipn);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        var paid = await OrderAsync(order);
        Assert.Equal("paid", paid.GetProperty("status").GetString());
        Assert.Equal("momo", paid.GetProperty("gateway").GetString());
        var payments = await factory.WithDbAsync(db => Task.FromResult(db.Ledger.Count(e => e.OrderId == order.Id)));
        Assert.Equal(2, payments);
    }

    [Fact]
    public async Task MoMoIpn_Answers400AndChangesNothing_ForABadSignature()
    {
        var order = await PricedOrderAsync();

        var response = await factory.CreateClient().PostAsJsonAsync("/api/payments/momo/ipn", GatewaySigning.MoMoIpn(order.Reference, Price, transId: 4088878602, secret: "notthepartnerssecretkey000000000"));

        await Problems.AssertFieldErrorAsync(response, "signature");
        Assert.Equal("pending", (await OrderAsync(order)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task MoMoIpn_FailsTheOrder_ForANonZeroResultCode()
    {
        var order = await PricedOrderAsync();

        var response = await factory.CreateClient().PostAsJsonAsync("/api/payments/momo/ipn", GatewaySigning.MoMoIpn(order.Reference, Price, resultCode: 1006, transId: 4088878603));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("failed", (await OrderAsync(order)).GetProperty("status").GetString());
        Assert.Equal("released", await ClaimStatusAsync(order));
        var notice = Assert.Single(await NoticesAsync(order));
        Assert.Equal("claimResult", notice.GetProperty("type").GetString());
        Assert.Equal("Chưa nhận được voucher", notice.GetProperty("title").GetString());
    }

    private static async Task<List<JsonElement>> NoticesAsync(PricedOrder order) =>
        (await order.Payer.Client.GetFromJsonAsync<JsonElement>("/api/me/notifications")).GetProperty("items").EnumerateArray().ToList();

    private async Task<PricedOrder> PricedOrderAsync()
    {
        var shop = await factory.SignUpAsync("employer");
        var voucher = await CreateVoucherAsync(shop, quantity: 3, priceVnd: Price);
        var person = await factory.SignUpAsync();
        var claim = await ClaimOkAsync(person.Client, voucher);
        var order = claim.GetProperty("order");
        return new PricedOrder(person, claim.GetProperty("id").GetInt64(), order.GetProperty("id").GetInt64(), order.GetProperty("reference").GetString()!);
    }

    private async Task<string> VnPayIpnAsync(string query)
    {
        var answer = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/payments/vnpay/ipn?" + query);
        Assert.False(string.IsNullOrEmpty(answer.GetProperty("Message").GetString()));
        return answer.GetProperty("RspCode").GetString()!;
    }

    private static Task<JsonElement> OrderAsync(PricedOrder order) => order.Payer.Client.GetFromJsonAsync<JsonElement>($"/api/me/orders/{order.Id}");

    private static async Task<string?> ClaimStatusAsync(PricedOrder order) =>
        (await order.Payer.Client.GetFromJsonAsync<JsonElement>($"/api/me/voucher-claims/{order.ClaimId}")).GetProperty("status").GetString();
}

/// <summary>A priced claim's pending order, with its payer.</summary>
public sealed record PricedOrder(SignedInClient Payer, long ClaimId, long Id, string Reference);
