using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using DongNai.Domain.People;
using DongNai.Identity;
using DongNai.Payments.Orders;
using DongNai.Payments.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Api.Tests.Payments;

/// <summary>What the payments API tests share: vouchers, claims, a paying gateway, and the ledger check.</summary>
public static class PaymentScene
{
    public const string Shop = "Chi nhánh Long Bình";

    /// <summary>Creates a voucher of <paramref name="quantity"/> units as <paramref name="owner"/>; returns its id.</summary>
    public static async Task<long> CreateVoucherAsync(SignedInClient owner, int quantity, long priceVnd = 0, string? title = null)
    {
        var payload = ListingPayloads.Voucher();
        payload["quantityTotal"] = quantity;
        payload["priceVnd"] = priceVnd;
        if (title is not null)
        {
            payload["title"] = title;
        }

        var response = await owner.Client.PostAsJsonAsync("/api/vouchers", payload);
        var body = await Problems.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetInt64();
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> ClaimAsync(HttpClient client, long voucherId)
    {
        var response = await client.PostAsync($"/api/vouchers/{voucherId}/claims", null);
        return (response.StatusCode, await Problems.ReadAsync(response));
    }

    public static async Task<JsonElement> ClaimOkAsync(HttpClient client, long voucherId)
    {
        var (status, body) = await ClaimAsync(client, voucherId);
        Assert.True(status == HttpStatusCode.Created, body.ToString());
        return body;
    }

    public static Task<HttpResponseMessage> RedeemAsync(HttpClient shop, string? code, string? location) =>
        shop.PostAsJsonAsync("/api/vouchers/redeem", new { code, locationName = location });

    public static async Task<int> QuantityRemainingAsync(HttpClient client, long voucherId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/vouchers/{voucherId}")).GetProperty("quantityRemaining").GetInt32();

    /// <summary>What a gateway's verified callback does: confirms the payment of the order.</summary>
    public static async Task<PaymentConfirmation> PayAsync(ApiFactory factory, long orderId, long amountVnd, string transactionId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrderWorkflow>().ConfirmPaidAsync(orderId, amountVnd, "vnpay", transactionId);
    }

    public static Task AssertLedgerBalancesAsync(ApiFactory factory) =>
        factory.WithDbAsync(async db =>
        {
            await LedgerAssert.BalancedAsync(db);
            return 0;
        });

    /// <summary>
    /// <paramref name="count"/> signed-in workers without registering each (a password hash each
    /// would take seconds): accounts written directly, tokens issued by the service's own issuer.
    /// </summary>
    public static async Task<List<HttpClient>> WorkersAsync(ApiFactory factory, int count)
    {
        var accounts = await factory.WithDbAsync(async db =>
        {
            var rows = Enumerable.Range(0, count).Select(_ => new Account
            {
                PhoneLookupHash = RandomNumberGenerator.GetBytes(32),
                PhoneCiphertext = RandomNumberGenerator.GetBytes(32),
                PasswordHash = "unused",
                Role = Role.Worker,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                CreatedAt = ApiFactory.Start.UtcDateTime,
            }).ToList();
            db.Accounts.AddRange(rows);
            await db.SaveChangesAsync();
            return rows;
        });
        var issuer = factory.Services.GetRequiredService<TokenIssuer>();
        return accounts.ConvertAll(account =>
        {
            var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Issue(account).AccessToken);
            return client;
        });
    }
}
