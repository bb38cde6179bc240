using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Domain.Payments;
using DongNai.Domain.People;
using DongNai.Payments.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DongNai.Api.Tests.Payments.PaymentScene;

namespace DongNai.Api.Tests.Civic.PublicServices;

/// <summary>
/// Public-service fees collected through the payments module (decision 0020): the fee order made
/// with the application, paid as a gateway's verified callback pays it, the fee gating staff's
/// take-up, a new order after an unpaid one closed, refunds while the application is received, and
/// nobody else seeing or paying the order. The ledger must balance after each test.
/// </summary>
public sealed class PublicServiceFeeTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private const long Fee = 30_000;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => AssertLedgerBalancesAsync(factory);

    [Fact]
    public async Task Submit_MakesAFeeOrderOwnedByTheApplicant_OnlyWhenTheProcedureHasAFee()
    {
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        var commune = await PublicServiceRequests.CommuneAsync(factory);
        var priced = await CreateServiceAsync(staff, Fee);
        var free = await CreateServiceAsync(staff, 0);
        var (person, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);

        var pricedSubmit = await SubmitAsync(person.Client, priced, commune);
        var freeSubmit = await SubmitAsync(person.Client, free, commune);
        var fee = pricedSubmit.GetProperty("fee");
        var order = await person.Client.GetFromJsonAsync<JsonElement>($"/api/me/orders/{fee.GetProperty("orderId").GetInt64()}");
        var mine = await person.Client.GetFromJsonAsync<JsonElement[]>("/api/me/civic/applications") ?? [];
        var orders = await factory.WithDbAsync(db => db.Orders.CountAsync(o => o.AccountId == person.AccountId));

        Assert.Equal(Fee, fee.GetProperty("amountVnd").GetInt64());
        Assert.Equal("awaitingPayment", fee.GetProperty("state").GetString());
        Assert.Equal("pending", fee.GetProperty("orderStatus").GetString());
        Assert.Equal(JsonValueKind.Null, fee.GetProperty("paidAt").ValueKind);
        Assert.Equal("publicServiceFee", order.GetProperty("purpose").GetString());
        Assert.Equal(Fee, order.GetProperty("amountVnd").GetInt64());
        Assert.Equal("pending", order.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, freeSubmit.GetProperty("fee").ValueKind);
        Assert.Equal(1, orders);
        var pricedLine = Assert.Single(mine, a => a.GetProperty("trackingCode").GetInt64() == pricedSubmit.GetProperty("trackingCode").GetInt64());
        var freeLine = Assert.Single(mine, a => a.GetProperty("trackingCode").GetInt64() == freeSubmit.GetProperty("trackingCode").GetInt64());
        Assert.Equal(fee.GetProperty("orderId").GetInt64(), pricedLine.GetProperty("fee").GetProperty("orderId").GetInt64());
        Assert.Equal(JsonValueKind.Null, freeLine.GetProperty("fee").ValueKind);
    }

    [Fact]
    public async Task Checkout_OfTheFeeOrder_IsTheApplicantsAlone_AndTheApplicationStaysHidden()
    {
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        var commune = await PublicServiceRequests.CommuneAsync(factory);
        var service = await CreateServiceAsync(staff, Fee);
        var (owner, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var (other, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var submitted = await SubmitAsync(owner.Client, service, commune);
        var code = submitted.GetProperty("trackingCode").GetInt64();
        var orderId = submitted.GetProperty("fee").GetProperty("orderId").GetInt64();

        var othersRead = await other.Client.GetAsync($"/api/me/orders/{orderId}");
        var othersCheckout = await other.Client.PostAsJsonAsync($"/api/me/orders/{orderId}/checkout", new { gateway = "vietqr" });
        var othersFeeOrder = await other.Client.PostAsync($"/api/civic/applications/{code}/fee-order", null);
        var othersTrack = await other.Client.GetAsync($"/api/civic/applications/{code}");
        var ownersCheckout = await owner.Client.PostAsJsonAsync($"/api/me/orders/{orderId}/checkout", new { gateway = "vietqr" });
        var checkout = await Problems.ReadAsync(ownersCheckout);

        Assert.Equal(HttpStatusCode.Forbidden, othersRead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, othersCheckout.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, othersFeeOrder.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, othersTrack.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownersCheckout.StatusCode);
        Assert.Equal(orderId, checkout.GetProperty("orderId").GetInt64());
        Assert.Equal(Fee, checkout.GetProperty("amountVnd").GetInt64());
    }

    [Fact]
    public async Task Processing_IsRefusedWith409NamingTheFee_UntilTheFeeIsPaid()
    {
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        var commune = await PublicServiceRequests.CommuneAsync(factory);
        var service = await CreateServiceAsync(staff, Fee);
        var (person, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var submitted = await SubmitAsync(person.Client, service, commune);
        var code = submitted.GetProperty("trackingCode").GetInt64();
        var orderId = submitted.GetProperty("fee").GetProperty("orderId").GetInt64();

        var unpaid = await MoveAsync(staff, code, "processing");
        var problem = await Problems.ReadAsync(unpaid);
        var confirmed = await PayAsync(factory, orderId, Fee, "14227001");
        var paid = await MoveAsync(staff, code, "processing");
        var application = await person.Client.GetFromJsonAsync<JsonElement>($"/api/civic/applications/{code}");

        Assert.Equal(HttpStatusCode.Conflict, unpaid.StatusCode);
        Assert.Equal("application/problem+json", unpaid.Content.Headers.ContentType?.MediaType);
        Assert.Contains("fee", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("feeUnpaid", problem.GetProperty("reason").GetString());
        Assert.Equal(PaymentConfirmation.Confirmed, confirmed);
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal("processing", application.GetProperty("status").GetString());
        Assert.Equal("paid", application.GetProperty("fee").GetProperty("state").GetString());
        Assert.Equal(2, application.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task Payment_MarksTheFeePaidOnce_WhenTwoConfirmationsArriveAtOnce()
    {
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        var commune = await PublicServiceRequests.CommuneAsync(factory);
        var service = await CreateServiceAsync(staff, Fee);
        var (person, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var submitted = await SubmitAsync(person.Client, service, commune);
        var code = submitted.GetProperty("trackingCode").GetInt64();
        var orderId = submitted.GetProperty("fee").GetProperty("orderId").GetInt64();

        var results = await Task.WhenAll(
            Task.Run(() => PayAsync(factory, orderId, Fee, "14227101")),
            Task.Run(() => PayAsync(factory, orderId, Fee, "14227101")));

        var application = await person.Client.GetFromJsonAsync<JsonElement>($"/api/civic/applications/{code}");
        var order = await person.Client.GetFromJsonAsync<JsonElement>($"/api/me/orders/{orderId}");
        var movements = await factory.WithDbAsync(db => db.Ledger.Where(e => e.OrderId == orderId).Select(e => e.MovementId).Distinct().CountAsync());
        var inbox = await person.Client.GetFromJsonAsync<JsonElement>("/api/me/notifications");
        var feeNotices = inbox.GetProperty("items").EnumerateArray().Count(n => n.GetProperty("title").GetString() == "Đã nộp phí hồ sơ");
        Assert.Single(results, r => r == PaymentConfirmation.Confirmed);
        Assert.Single(results, r => r == PaymentConfirmation.AlreadyConfirmed);
        Assert.Equal(1, movements);
        Assert.Equal(1, feeNotices);
        var fee = application.GetProperty("fee");
        Assert.Equal("paid", fee.GetProperty("state").GetString());
        Assert.Equal(order.GetProperty("paidAt").GetDateTime(), fee.GetProperty("paidAt").GetDateTime());
    }

    [Fact]
    public async Task NewFeeOrder_AfterTheFirstExpired_IsForTheFeeAtSubmission_EvenAfterStaffChangedTheFee()
    {
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        var commune = await PublicServiceRequests.CommuneAsync(factory);
        var service = await CreateServiceAsync(staff, Fee);
        var (person, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var submitted = await SubmitAsync(person.Client, service, commune);
        var code = submitted.GetProperty("trackingCode").GetInt64();
        var firstOrder = submitted.GetProperty("fee").GetProperty("orderId").GetInt64();
        var whileOpen = await person.Client.PostAsync($"/api/civic/applications/{code}/fee-order", null);
        var changed = PublicServiceRequests.Service();
        changed["feeVnd"] = 50_000;
        (await staff.Client.PutAsJsonAsync($"/api/public-services/{service}", changed)).EnsureSuccessStatusCode();
        await ExpireAsync(firstOrder);
        var afterExpiry = await person.Client.GetFromJsonAsync<JsonElement>($"/api/civic/applications/{code}");

        var response = await person.Client.PostAsync($"/api/civic/applications/{code}/fee-order", null);
        var created = await Problems.ReadAsync(response);
        var again = await person.Client.PostAsync($"/api/civic/applications/{code}/fee-order", null);
        var newOrderId = created.GetProperty("orderId").GetInt64();
        var newOrder = await person.Client.GetFromJsonAsync<JsonElement>($"/api/me/orders/{newOrderId}");
        var later = await SubmitAsync(person.Client, service, commune);

        Assert.Equal(HttpStatusCode.Conflict, whileOpen.StatusCode);
        Assert.Equal("feeOrderOpen", (await Problems.ReadAsync(whileOpen)).GetProperty("reason").GetString());
        Assert.Equal("needsNewOrder", afterExpiry.GetProperty("fee").GetProperty("state").GetString());
        Assert.Equal("expired", afterExpiry.GetProperty("fee").GetProperty("orderStatus").GetString());
        Assert.Equal("received", afterExpiry.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/me/orders/{newOrderId}", response.Headers.Location?.OriginalString);
        Assert.NotEqual(firstOrder, newOrderId);
        Assert.Equal("awaitingPayment", created.GetProperty("state").GetString());
        Assert.Equal(Fee, created.GetProperty("amountVnd").GetInt64());
        Assert.Equal(Fee, newOrder.GetProperty("amountVnd").GetInt64());
        Assert.Equal("publicServiceFee", newOrder.GetProperty("purpose").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(50_000, later.GetProperty("fee").GetProperty("amountVnd").GetInt64());
    }

    [Fact]
    public async Task NewFeeOrder_Answers409_WithoutAFee_AndOnceThePaidFeeIsPaid()
    {
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        var commune = await PublicServiceRequests.CommuneAsync(factory);
        var priced = await CreateServiceAsync(staff, Fee);
        var free = await CreateServiceAsync(staff, 0);
        var (person, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var paid = await SubmitAsync(person.Client, priced, commune);
        var freeCode = (await SubmitAsync(person.Client, free, commune)).GetProperty("trackingCode").GetInt64();
        await PayAsync(factory, paid.GetProperty("fee").GetProperty("orderId").GetInt64(), Fee, "14227201");

        var forFree = await person.Client.PostAsync($"/api/civic/applications/{freeCode}/fee-order", null);
        var forPaid = await person.Client.PostAsync($"/api/civic/applications/{paid.GetProperty("trackingCode").GetInt64()}/fee-order", null);

        Assert.Equal(HttpStatusCode.Conflict, forFree.StatusCode);
        Assert.Equal("noFee", (await Problems.ReadAsync(forFree)).GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Conflict, forPaid.StatusCode);
        Assert.Equal("feePaid", (await Problems.ReadAsync(forPaid)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Refund_WhileReceived_MakesTheFeeUnpaidAgain_ButIsRefusedOnceProcessing()
    {
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        var admin = await factory.SignUpAsAsync(Role.Admin);
        var commune = await PublicServiceRequests.CommuneAsync(factory);
        var service = await CreateServiceAsync(staff, Fee);
        var (person, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var received = await SubmitAsync(person.Client, service, commune);
        var taken = await SubmitAsync(person.Client, service, commune);
        var receivedOrder = received.GetProperty("fee").GetProperty("orderId").GetInt64();
        var takenOrder = taken.GetProperty("fee").GetProperty("orderId").GetInt64();
        await PayAsync(factory, receivedOrder, Fee, "14227301");
        await PayAsync(factory, takenOrder, Fee, "14227302");
        (await MoveAsync(staff, taken.GetProperty("trackingCode").GetInt64(), "processing")).EnsureSuccessStatusCode();

        var refund = await admin.Client.PostAsJsonAsync($"/api/admin/orders/{receivedOrder}/refund", new { reason = "Người dân nộp nhầm hồ sơ." });
        var refused = await admin.Client.PostAsJsonAsync($"/api/admin/orders/{takenOrder}/refund", new { reason = "Người dân đổi ý sau khi xử lý." });
        var refundedApplication = await person.Client.GetFromJsonAsync<JsonElement>($"/api/civic/applications/{received.GetProperty("trackingCode").GetInt64()}");
        var takenApplication = await person.Client.GetFromJsonAsync<JsonElement>($"/api/civic/applications/{taken.GetProperty("trackingCode").GetInt64()}");
        var moveAfterRefund = await MoveAsync(staff, received.GetProperty("trackingCode").GetInt64(), "processing");

        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        Assert.Equal("refunded", (await Problems.ReadAsync(refund)).GetProperty("status").GetString());
        Assert.Equal("needsNewOrder", refundedApplication.GetProperty("fee").GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, refundedApplication.GetProperty("fee").GetProperty("paidAt").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, moveAfterRefund.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("paid", takenApplication.GetProperty("fee").GetProperty("state").GetString());
        Assert.Equal("paid", (await person.Client.GetFromJsonAsync<JsonElement>($"/api/me/orders/{takenOrder}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Refusal_CancelsTheOpenFeeOrder_AndNoNewOrderIsMade()
    {
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        var commune = await PublicServiceRequests.CommuneAsync(factory);
        var service = await CreateServiceAsync(staff, Fee);
        var (person, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var submitted = await SubmitAsync(person.Client, service, commune);
        var code = submitted.GetProperty("trackingCode").GetInt64();
        var orderId = submitted.GetProperty("fee").GetProperty("orderId").GetInt64();

        var refusal = await staff.Client.PostAsJsonAsync($"/api/civic/queue/{code}/transitions", new { to = "refused", note = "Không thuộc thẩm quyền giải quyết." });
        var order = await person.Client.GetFromJsonAsync<JsonElement>($"/api/me/orders/{orderId}");
        var checkout = await person.Client.PostAsJsonAsync($"/api/me/orders/{orderId}/checkout", new { gateway = "vietqr" });
        var feeOrder = await person.Client.PostAsync($"/api/civic/applications/{code}/fee-order", null);

        Assert.Equal(HttpStatusCode.OK, refusal.StatusCode);
        Assert.Equal("noLongerDue", (await Problems.ReadAsync(refusal)).GetProperty("fee").GetProperty("state").GetString());
        Assert.Equal("cancelled", order.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, checkout.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, feeOrder.StatusCode);
        Assert.Equal("applicationClosed", (await Problems.ReadAsync(feeOrder)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Refund_OfAFeePaidForAnApplicationThatWasThenRefused_IsAllowed()
    {
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        var admin = await factory.SignUpAsAsync(Role.Admin);
        var commune = await PublicServiceRequests.CommuneAsync(factory);
        var service = await CreateServiceAsync(staff, Fee);
        var (person, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var submitted = await SubmitAsync(person.Client, service, commune);
        var code = submitted.GetProperty("trackingCode").GetInt64();
        var orderId = submitted.GetProperty("fee").GetProperty("orderId").GetInt64();
        await PayAsync(factory, orderId, Fee, "14227303");
        (await staff.Client.PostAsJsonAsync($"/api/civic/queue/{code}/transitions", new { to = "refused", note = "Hồ sơ không đủ điều kiện." })).EnsureSuccessStatusCode();

        var refund = await admin.Client.PostAsJsonAsync($"/api/admin/orders/{orderId}/refund", new { reason = "Hồ sơ bị từ chối, hoàn lệ phí." });
        var again = await admin.Client.PostAsJsonAsync($"/api/admin/orders/{orderId}/refund", new { reason = "Lần nữa." });
        var application = await person.Client.GetFromJsonAsync<JsonElement>($"/api/civic/applications/{code}");

        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        Assert.Equal("refunded", (await Problems.ReadAsync(refund)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("refused", application.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, application.GetProperty("fee").GetProperty("paidAt").ValueKind);
    }

    /// <summary>A catalogue entry taking birth registrations with <paramref name="feeVnd"/>, written by <paramref name="staff"/>.</summary>
    private static async Task<long> CreateServiceAsync(SignedInClient staff, long feeVnd)
    {
        var body = PublicServiceRequests.Service();
        body["feeVnd"] = feeVnd;
        var response = await staff.Client.PostAsJsonAsync("/api/public-services", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Arrange: creating a service answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> SubmitAsync(HttpClient person, long serviceId, string commune)
    {
        var response = await person.PostAsJsonAsync("/api/civic/applications", PublicServiceRequests.BirthRegistration(serviceId, commune));
        var body = await Problems.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Arrange: submitting answered {(int)response.StatusCode}: {body}");
        return body;
    }

    private static Task<HttpResponseMessage> MoveAsync(SignedInClient staff, long code, string to) =>
        staff.Client.PostAsJsonAsync($"/api/civic/queue/{code}/transitions", new { to });

    /// <summary>Puts the order's time in the past and runs the expiry job, as a minute later on the real host (without moving the host's clock, which the tokens live by).</summary>
    private async Task ExpireAsync(long orderId)
    {
        var past = factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1);
        await factory.WithDbAsync(db => db.Orders.Where(o => o.Id == orderId).ExecuteUpdateAsync(set => set.SetProperty(o => o.ExpiresAt, past)));
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<OrderWorkflow>().ExpireAsync(orderId), "Arrange: the order did not expire.");
        Assert.Equal(OrderStatus.Expired, await factory.WithDbAsync(db => db.Orders.Where(o => o.Id == orderId).Select(o => o.Status).SingleAsync()));
    }
}
