using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Payments.Orders;
using static DongNai.Api.Tests.Payments.PaymentScene;

namespace DongNai.Api.Tests.Payments;

/// <summary>Voucher claims through HTTP on the real host. The ledger must balance after each test.</summary>
public sealed class VoucherClaimApiTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => AssertLedgerBalancesAsync(factory);

    [Fact]
    public async Task ClaimVoucher_GivesExactlyFiveOfAHundredConcurrentClaims_AndTheSoldOutVoucherLeavesSearch()
    {
        var shop = await factory.SignUpAsync("employer");
        var marker = "trasua" + Guid.NewGuid().ToString("N")[..8];
        var voucher = await CreateVoucherAsync(shop, quantity: 5, title: $"Giảm 20% {marker} cho công nhân");
        var searchable = await PollSearchAsync(marker, expected: 1);
        var people = await WorkersAsync(factory, 100);

        var statuses = await Task.WhenAll(people.Select(person => Task.Run(() => ClaimWithRetryAsync(person, voucher))));

        var remaining = await QuantityRemainingAsync(factory.CreateClient(), voucher);
        var gone = await PollSearchAsync(marker, expected: 0);
        Assert.True(searchable, "The new voucher never became searchable.");
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(95, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(0, remaining);
        Assert.True(gone, "The sold-out voucher is still in the search results.");
    }

    [Fact]
    public async Task ClaimVoucher_Answers409LimitReached_ForASecondClaimOfTheSamePerson()
    {
        var shop = await factory.SignUpAsync("employer");
        var voucher = await CreateVoucherAsync(shop, quantity: 10);
        var person = await factory.SignUpAsync();
        await ClaimOkAsync(person.Client, voucher);

        var (status, body) = await ClaimAsync(person.Client, voucher);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("limitReached", body.GetProperty("reason").GetString());
        Assert.Equal(9, await QuantityRemainingAsync(person.Client, voucher));
    }

    [Fact]
    public async Task ClaimVoucher_Answers404_ForAnUnknownVoucher()
    {
        var person = await factory.SignUpAsync();

        var (status, _) = await ClaimAsync(person.Client, 987_654_321);

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task RedeemVoucher_WorksOnceForTheShop_AtALocationOfTheVoucher()
    {
        var shop = await factory.SignUpAsync("employer");
        var otherShop = await factory.SignUpAsync("employer");
        var voucher = await CreateVoucherAsync(shop, quantity: 3);
        var person = await factory.SignUpAsync();
        var claim = await ClaimOkAsync(person.Client, voucher);
        var code = claim.GetProperty("redemptionCode").GetString()!;

        var byOtherShop = await RedeemAsync(otherShop.Client, code, Shop);
        var elsewhere = await RedeemAsync(shop.Client, code, "Chi nhánh Hố Nai");
        var first = await RedeemAsync(shop.Client, code, "chi nhanh long binh");
        var second = await RedeemAsync(shop.Client, code, Shop);
        var wallet = await person.Client.GetFromJsonAsync<JsonElement>("/api/me/voucher-claims");

        Assert.Equal(HttpStatusCode.Forbidden, byOtherShop.StatusCode);
        await Problems.AssertFieldErrorAsync(elsewhere, "locationName");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var held = Assert.Single(wallet.EnumerateArray());
        Assert.Equal("redeemed", held.GetProperty("status").GetString());
        Assert.Equal(Shop, held.GetProperty("redeemedAtLocation").GetString());
        Assert.Equal(JsonValueKind.Null, held.GetProperty("redemptionCode").ValueKind);
    }

    [Theory]
    [InlineData(null, Shop, "code")]
    [InlineData("1-AAAAAAAAAAAAAAAA", Shop, "code")]
    [InlineData("not a code", Shop, "code")]
    [InlineData("1-AAAAAAAAAAAAAAAA", "", "locationName")]
    public async Task RedeemVoucher_Answers400NamingTheField_ForAMissingOrInvalidValue(string? code, string? location, string field)
    {
        var shop = await factory.SignUpAsync("employer");

        var response = await RedeemAsync(shop.Client, code, location);

        await Problems.AssertFieldErrorAsync(response, field);
    }

    [Fact]
    public async Task PricedClaim_IsPaidOnce_WhenTheCallbackArrivesTwice_AndAnAdminRefundGivesTheUnitBack()
    {
        var shop = await factory.SignUpAsync("employer");
        var voucher = await CreateVoucherAsync(shop, quantity: 2, priceVnd: 35_000);
        var person = await factory.SignUpAsync();
        var admin = await factory.SignUpAsAsync(Domain.People.Role.Admin);
        var claim = await ClaimOkAsync(person.Client, voucher);
        var orderId = claim.GetProperty("order").GetProperty("id").GetInt64();

        var first = await PayAsync(factory, orderId, 35_000, "14226200");
        var second = await PayAsync(factory, orderId, 35_000, "14226200");
        var paid = await person.Client.GetFromJsonAsync<JsonElement>($"/api/me/orders/{orderId}");
        var refund = await admin.Client.PostAsJsonAsync($"/api/admin/orders/{orderId}/refund", new { reason = "Cửa hàng tạm đóng cửa." });
        var refunded = await Problems.ReadAsync(refund);

        Assert.Equal("awaitingPayment", claim.GetProperty("status").GetString());
        Assert.Equal(PaymentConfirmation.Confirmed, first);
        Assert.Equal(PaymentConfirmation.AlreadyConfirmed, second);
        Assert.Equal("paid", paid.GetProperty("status").GetString());
        Assert.Equal(["created", "pending", "paid"], paid.GetProperty("transitions").EnumerateArray().Select(t => t.GetProperty("to").GetString()));
        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        Assert.Equal("refunded", refunded.GetProperty("status").GetString());
        Assert.Equal(2, await QuantityRemainingAsync(person.Client, voucher));
    }

    [Fact]
    public async Task CancelVoucherClaim_CancelsTheUnpaidOrder_AndGivesTheUnitBack()
    {
        var shop = await factory.SignUpAsync("employer");
        var voucher = await CreateVoucherAsync(shop, quantity: 1, priceVnd: 10_000);
        var person = await factory.SignUpAsync();
        var other = await factory.SignUpAsync();
        var claim = await ClaimOkAsync(person.Client, voucher);
        var soldOut = await ClaimAsync(other.Client, voucher);

        var notTheirs = await other.Client.PostAsync($"/api/me/voucher-claims/{claim.GetProperty("id").GetInt64()}/cancel", null);
        var cancel = await person.Client.PostAsync($"/api/me/voucher-claims/{claim.GetProperty("id").GetInt64()}/cancel", null);
        var cancelled = await Problems.ReadAsync(cancel);
        var (afterwards, _) = await ClaimAsync(other.Client, voucher);

        Assert.Equal(HttpStatusCode.Conflict, soldOut.Status);
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal("cancelled", cancelled.GetProperty("order").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Created, afterwards);
    }

    /// <summary>Claims as a client would: a 503 (database busy, with Retry-After) is tried again.</summary>
    private static async Task<HttpStatusCode> ClaimWithRetryAsync(HttpClient person, long voucher)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await person.PostAsync($"/api/vouchers/{voucher}/claims", null);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 20)
            {
                return response.StatusCode;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Repeats a voucher search until its total is <paramref name="expected"/> or five seconds pass (wall time: indexing is asynchronous).</summary>
    private async Task<bool> PollSearchAsync(string marker, int expected)
    {
        var client = factory.CreateClient();
        var elapsed = Stopwatch.StartNew();
        do
        {
            var body = await client.GetFromJsonAsync<JsonElement>($"/api/search/vouchers?q={marker}");
            if (body.GetProperty("total").GetInt32() == expected)
            {
                return true;
            }

            await Task.Delay(25);
        }
        while (elapsed.Elapsed < TimeSpan.FromSeconds(5));

        return false;
    }
}
