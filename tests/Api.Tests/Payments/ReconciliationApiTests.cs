using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static DongNai.Api.Tests.Payments.PaymentScene;

namespace DongNai.Api.Tests.Payments;

public sealed class ReconciliationApiTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => AssertLedgerBalancesAsync(factory);

    [Fact]
    public async Task PaymentReconciliation_ShowsTheDaysPaymentsPerGateway()
    {
        var shop = await factory.SignUpAsync("employer");
        var voucher = await CreateVoucherAsync(shop, quantity: 3, priceVnd: 15_000);
        var person = await factory.SignUpAsync();
        var admin = await factory.SignUpAsAsync(Domain.People.Role.Admin);
        var claim = await ClaimOkAsync(person.Client, voucher);
        await PayAsync(factory, claim.GetProperty("order").GetProperty("id").GetInt64(), 15_000, "14226400");

        var report = await admin.Client.GetFromJsonAsync<JsonElement>("/api/admin/payments/reconciliation?date=2026-11-02");

        var vnpay = Assert.Single(report.GetProperty("gateways").EnumerateArray());
        Assert.Equal("vnpay", vnpay.GetProperty("gateway").GetString());
        Assert.Equal(1, vnpay.GetProperty("payments").GetInt32());
        Assert.Equal(15_000, vnpay.GetProperty("paidVnd").GetInt64());
        Assert.Equal(0, report.GetProperty("unbalancedMovements").GetInt32());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?date=02-11-2026")]
    [InlineData("?date=2026-02-30")]
    [InlineData("?date=0001-01-01")]
    [InlineData("?date=2026-11-02&gateway=vnpay")]
    public async Task PaymentReconciliation_Answers400_ForAMissingOrInvalidDate(string query)
    {
        var admin = await factory.SignUpAsAsync(Domain.People.Role.Admin);

        var response = await admin.Client.GetAsync("/api/admin/payments/reconciliation" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
