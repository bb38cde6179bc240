using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace DongNai.Api.Tests;

public sealed class AccountTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Register_ReturnsTokenThatOpensMe_WhenInputIsValid()
    {
        var phone = ApiFactory.NewPhone();
        var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/accounts/register", new { phone, password = "matkhau123", displayName = "Lê Văn Cường" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new("Bearer", body.GetProperty("accessToken").GetString());
        var me = await client.GetFromJsonAsync<JsonElement>("/api/accounts/me");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("worker", body.GetProperty("role").GetString());
        Assert.Equal("+84" + phone[1..], me.GetProperty("phone").GetString());
        Assert.Equal("Lê Văn Cường", me.GetProperty("displayName").GetString());
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("0112345678")]
    [InlineData("091234567")]
    [InlineData("09123456789")]
    [InlineData("+1 415 555 0100")]
    [InlineData("số điện thoại")]
    [InlineData("")]
    public async Task Register_RejectsPhone_WhenItIsNotAVietnameseMobile(string phone)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/accounts/register", new { phone, password = "matkhau123", displayName = "Lê Văn Cường" });

        await Problems.AssertFieldErrorAsync(response, "phone");
    }

    [Theory]
    [InlineData("short1")]
    [InlineData("onlyletters")]
    [InlineData("1234567890")]
    public async Task Register_RejectsPassword_WhenItIsWeak(string password)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/accounts/register", new { phone = ApiFactory.NewPhone(), password, displayName = "Lê Văn Cường" });

        await Problems.AssertFieldErrorAsync(response, "password");
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("agencyStaff")]
    public async Task Register_RejectsRole_WhenItMustBeAppointed(string role)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/accounts/register", new { phone = ApiFactory.NewPhone(), password = "matkhau123", displayName = "Lê Văn Cường", role });

        await Problems.AssertFieldErrorAsync(response, "role");
    }

    [Fact]
    public async Task Register_RejectsRole_WhenItIsUnknown()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/accounts/register", new { phone = ApiFactory.NewPhone(), password = "matkhau123", displayName = "Lê Văn Cường", role = "king" });

        await Problems.AssertFieldErrorAsync(response, "role");
    }

    [Fact]
    public async Task Register_Returns409_WhenPhoneIsRegisteredInAnotherFormat()
    {
        var phone = ApiFactory.NewPhone();
        var client = factory.CreateClient();
        (await client.PostAsJsonAsync("/api/accounts/register", new { phone, password = "matkhau123", displayName = "Lê Văn Cường" })).EnsureSuccessStatusCode();

        var international = $"+84 {phone[1..4]} {phone[4..7]} {phone[7..]}";
        var response = await client.PostAsJsonAsync("/api/accounts/register", new { phone = international, password = "khac12345", displayName = "Người khác" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SignIn_Returns401_WhenPasswordIsWrong()
    {
        var account = await factory.SignUpAsync();

        var response = await factory.CreateClient().PostAsJsonAsync("/api/accounts/sign-in", new { phone = account.Phone, password = "saimatkhau1" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_Returns401WithTheSameTitleAsForAWrongPassword_WhenPhoneIsUnknown()
    {
        var account = await factory.SignUpAsync();
        var client = factory.CreateClient();

        var wrongPassword = await client.PostAsJsonAsync("/api/accounts/sign-in", new { phone = account.Phone, password = "saimatkhau1" });
        var unknownPhone = await client.PostAsJsonAsync("/api/accounts/sign-in", new { phone = ApiFactory.NewPhone(), password = "matkhau123" });

        Assert.Equal(HttpStatusCode.Unauthorized, unknownPhone.StatusCode);
        var a = await wrongPassword.Content.ReadFromJsonAsync<JsonElement>();
        var b = await unknownPhone.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
    }

    [Fact]
    public async Task SignIn_ReturnsToken_WhenPhoneIsTypedInAnotherFormat()
    {
        var account = await factory.SignUpAsync("employer");

        var response = await factory.CreateClient().PostAsJsonAsync("/api/accounts/sign-in", new { phone = "84" + account.Phone[1..], password = "matkhau123" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(account.AccountId, body.GetProperty("accountId").GetInt64());
        Assert.Equal("employer", body.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Me_Returns401_WhenNoTokenIsSent()
    {
        var response = await factory.CreateClient().GetAsync("/api/accounts/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Me_Returns401_WhenTokenIsForged()
    {
        var client = factory.CreateClient();
        var header = Base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        var payload = Base64Url("{\"sub\":\"1\",\"role\":\"admin\",\"iss\":\"dongnai-search\",\"aud\":\"dongnai-app\",\"exp\":4102444800}");
        client.DefaultRequestHeaders.Authorization = new("Bearer", $"{header}.{payload}.{Base64Url("not-the-signature")}");

        var response = await client.GetAsync("/api/accounts/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Database_NeverHoldsThePhoneNumberInClearText()
    {
        var account = await factory.SignUpAsync();
        SqliteConnection.ClearAllPools();

        var bytes = await factory.ReadDatabaseFilesAsync();
        var text = Encoding.Latin1.GetString(bytes);

        Assert.DoesNotContain(account.Phone[1..], text, StringComparison.Ordinal);
        Assert.DoesNotContain(account.Phone[3..], text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminFromConfiguration_CanAppointAgencyStaff()
    {
        var admin = factory.CreateClient();
        var signIn = await admin.PostAsJsonAsync("/api/accounts/sign-in", new { phone = "0900000009", password = "QuanTri@2026" });
        admin.DefaultRequestHeaders.Authorization = new("Bearer", (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var worker = await factory.SignUpAsync();

        // The worker first: the appointment revokes the token the worker holds (a new role, a new stamp).
        var byWorker = await worker.Client.PutAsJsonAsync($"/api/admin/accounts/{worker.AccountId}/role", new { role = "admin" });
        var response = await admin.PutAsJsonAsync($"/api/admin/accounts/{worker.AccountId}/role", new { role = "agencyStaff" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byWorker.StatusCode);
        Assert.Equal(DongNai.Domain.People.Role.AgencyStaff, await factory.WithDbAsync(async db => (await db.Accounts.FindAsync(worker.AccountId))!.Role));
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
