using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Payments.Orders;
using Microsoft.Extensions.DependencyInjection;
using static DongNai.Api.Tests.Payments.PaymentScene;

namespace DongNai.Api.Tests.Payments;

/// <summary>Order expiry on the real host; a class of its own because it moves the host's clock.</summary>
public sealed class OrderExpiryApiTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => AssertLedgerBalancesAsync(factory);

    [Fact]
    public async Task ExpiryJob_ExpiresAnUnpaidClaimsOrder_AndTheUnitGoesBack()
    {
        var shop = await factory.SignUpAsync("employer");
        var voucher = await CreateVoucherAsync(shop, quantity: 2, priceVnd: 25_000);
        var person = await factory.SignUpAsync();
        var payer = await factory.SignUpAsync();
        var unpaid = await ClaimOkAsync(person.Client, voucher);
        var paid = await ClaimOkAsync(payer.Client, voucher);
        await PayAsync(factory, paid.GetProperty("order").GetProperty("id").GetInt64(), 25_000, "14226300");
        var before = await QuantityRemainingAsync(person.Client, voucher);

        factory.Clock.Advance(TimeSpan.FromMinutes(16));
        var expired = await factory.Services.GetRequiredService<OrderExpiryJob>().RunAsync(CancellationToken.None);

        // Access tokens live 15 minutes: sign in again after the clock moved past them.
        var personAgain = await SignInAsync(person);
        var wallet = await personAgain.GetFromJsonAsync<JsonElement>("/api/me/voucher-claims");
        var claim = Assert.Single(wallet.EnumerateArray());
        var payerClaim = Assert.Single((await (await SignInAsync(payer)).GetFromJsonAsync<JsonElement>("/api/me/voucher-claims")).EnumerateArray());
        Assert.Equal(0, before);
        Assert.True(expired >= 1);
        Assert.Equal(unpaid.GetProperty("id").GetInt64(), claim.GetProperty("id").GetInt64());
        Assert.Equal("released", claim.GetProperty("status").GetString());
        Assert.Equal("expired", claim.GetProperty("order").GetProperty("status").GetString());
        Assert.Equal("active", payerClaim.GetProperty("status").GetString());
        Assert.Equal(1, await QuantityRemainingAsync(personAgain, voucher));
    }

    private async Task<HttpClient> SignInAsync(SignedInClient account)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/accounts/sign-in", new { phone = account.Phone, password = "matkhau123" });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
