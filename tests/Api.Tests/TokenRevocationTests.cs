using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace DongNai.Api.Tests;

/// <summary>
/// Access tokens stop working as soon as the account's security stamp changes (role change,
/// password change, sign-out everywhere) or they expire by the service's clock; refresh tokens are
/// exchanged once each, and a reused one revokes its whole sign-in.
/// </summary>
public sealed class TokenRevocationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Password = "matkhau123";

    [Fact]
    public async Task CreateJob_Returns401WithTheOldToken_WhenAnAdminDemotedTheEmployer()
    {
        var admin = await SignInAdminAsync();
        var employer = await factory.SignUpAsync("employer");
        var company = await CreateEmployerAsync(employer);
        var before = await employer.Client.PostAsJsonAsync("/api/jobs", ListingPayloads.Job(company));

        var demoted = await admin.PutAsJsonAsync($"/api/admin/accounts/{employer.AccountId}/role", new { role = "worker" });
        var after = await employer.Client.PostAsJsonAsync("/api/jobs", ListingPayloads.Job(company));

        Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, demoted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("application/problem+json", after.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Refresh_GivesTheDemotedEmployerATokenOfTheNewRole_ThatCannotCreateAJob()
    {
        var admin = await SignInAdminAsync();
        var employer = await factory.SignUpAsync("employer");
        var company = await CreateEmployerAsync(employer);
        (await admin.PutAsJsonAsync($"/api/admin/accounts/{employer.AccountId}/role", new { role = "worker" })).EnsureSuccessStatusCode();

        var refreshed = await RefreshAsync(employer.RefreshToken);
        var body = await Problems.ReadAsync(refreshed);
        var job = await WithToken(AccessToken(body)).PostAsJsonAsync("/api/jobs", ListingPayloads.Job(company));

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal("worker", body.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, job.StatusCode);
    }

    [Fact]
    public async Task ChangePassword_RevokesEarlierAccessAndRefreshTokens_AndReturnsAWorkingPair()
    {
        var account = await factory.SignUpAsync();
        var otherDevice = await SignInAsync(account.Phone, Password);

        var changed = await account.Client.PutAsJsonAsync("/api/accounts/me/password", new { currentPassword = Password, newPassword = "matkhaumoi456" });
        var body = await Problems.ReadAsync(changed);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await account.Client.GetAsync("/api/accounts/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(AccessToken(otherDevice)).GetAsync("/api/accounts/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(account.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(RefreshToken(otherDevice))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WithToken(AccessToken(body)).GetAsync("/api/accounts/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(RefreshToken(body))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostAsJsonAsync("/api/accounts/sign-in", new { phone = account.Phone, password = "matkhaumoi456" })).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_Returns400NamingCurrentPassword_WhenItIsWrong_AndKeepsTheTokensWorking()
    {
        var account = await factory.SignUpAsync();

        var response = await account.Client.PutAsJsonAsync("/api/accounts/me/password", new { currentPassword = "saimatkhau1", newPassword = "matkhaumoi456" });

        await Problems.AssertFieldErrorAsync(response, "currentPassword");
        Assert.Equal(HttpStatusCode.OK, (await account.Client.GetAsync("/api/accounts/me")).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_Returns400NamingNewPassword_WhenItIsWeak()
    {
        var account = await factory.SignUpAsync();

        var response = await account.Client.PutAsJsonAsync("/api/accounts/me/password", new { currentPassword = Password, newPassword = "12345678" });

        await Problems.AssertFieldErrorAsync(response, "newPassword");
    }

    [Fact]
    public async Task SignOutEverywhere_RevokesEveryAccessAndRefreshTokenOfTheAccount_ButNoOtherAccounts()
    {
        var account = await factory.SignUpAsync();
        var otherDevice = await SignInAsync(account.Phone, Password);
        var someoneElse = await factory.SignUpAsync();

        var response = await account.Client.PostAsync("/api/accounts/sign-out-everywhere", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await account.Client.GetAsync("/api/accounts/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(AccessToken(otherDevice)).GetAsync("/api/accounts/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(account.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(RefreshToken(otherDevice))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await someoneElse.Client.GetAsync("/api/accounts/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostAsJsonAsync("/api/accounts/sign-in", new { phone = account.Phone, password = Password })).StatusCode);
    }

    [Fact]
    public async Task Refresh_ReturnsAWorkingPair_AndTheOldRefreshTokenFailsAfterwards()
    {
        var account = await factory.SignUpAsync();

        var first = await RefreshAsync(account.RefreshToken);
        var body = await Problems.ReadAsync(first);
        var me = await WithToken(AccessToken(body)).GetAsync("/api/accounts/me");
        var again = await RefreshAsync(account.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(account.AccountId, body.GetProperty("accountId").GetInt64());
        Assert.NotEqual(account.RefreshToken, RefreshToken(body));
        Assert.Equal(ApiFactory.Start.UtcDateTime + TimeSpan.FromDays(30), body.GetProperty("refreshTokenExpiresAt").GetDateTime().ToUniversalTime(), TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Refresh_WithAnAlreadyUsedToken_RevokesTheWholeSignIn_IncludingTheNewerToken()
    {
        var account = await factory.SignUpAsync();
        var newer = RefreshToken(await Problems.ReadAsync(await RefreshAsync(account.RefreshToken)));

        var reuse = await RefreshAsync(account.RefreshToken);
        var withNewer = await RefreshAsync(newer);

        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withNewer.StatusCode);
    }

    [Fact]
    public async Task Refresh_OfOneTokenSentManyTimesAtOnce_SucceedsExactlyOnce()
    {
        var account = await factory.SignUpAsync();
        const int Attempts = 6;

        var responses = await Task.WhenAll(Enumerable.Range(0, Attempts).Select(_ => RefreshAsync(account.RefreshToken)));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(Attempts - 1, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        var winner = await Problems.ReadAsync(responses.Single(r => r.StatusCode == HttpStatusCode.OK));

        // The losers presented a token that was used by then: the whole sign-in is revoked, the winner's new token too.
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(RefreshToken(winner))).StatusCode);
    }

    [Fact]
    public async Task ExpiredAccessToken_Returns401_WhileItsRefreshTokenStillGivesAWorkingOne()
    {
        var account = await factory.SignUpAsync();
        var before = await account.Client.GetAsync("/api/accounts/me");

        factory.Clock.Advance(TimeSpan.FromMinutes(16));
        var expired = await account.Client.GetAsync("/api/accounts/me");
        var refreshed = await RefreshAsync(account.RefreshToken);
        var renewed = await WithToken(AccessToken(await Problems.ReadAsync(refreshed))).GetAsync("/api/accounts/me");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("expired", expired.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
    }

    [Fact]
    public async Task SignOut_RevokesTheRefreshToken_AndAnswers204AlsoForAnUnknownOne()
    {
        var account = await factory.SignUpAsync();

        var signedOut = await factory.CreateClient().PostAsJsonAsync("/api/accounts/sign-out", new { refreshToken = account.RefreshToken });
        var unknown = await factory.CreateClient().PostAsJsonAsync("/api/accounts/sign-out", new { refreshToken = "khong-co-ma-nay" });
        var refresh = await RefreshAsync(account.RefreshToken);

        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Theory]
    [InlineData("/api/accounts/refresh")]
    [InlineData("/api/accounts/sign-out")]
    public async Task RefreshAndSignOut_Return400NamingRefreshToken_WhenItIsMissing(string path)
    {
        var response = await factory.CreateClient().PostAsJsonAsync(path, new { refreshToken = " " });

        await Problems.AssertFieldErrorAsync(response, "refreshToken");
    }

    [Fact]
    public async Task Database_HoldsRefreshTokensOnlyAsTheirSha256Hashes()
    {
        var account = await factory.SignUpAsync();
        SqliteConnection.ClearAllPools();

        var bytes = await factory.ReadDatabaseFilesAsync();

        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(account.RefreshToken)));
        Assert.NotEqual(-1, bytes.AsSpan().IndexOf(SHA256.HashData(Encoding.UTF8.GetBytes(account.RefreshToken))));
    }

    [Fact]
    public void Startup_Fails_WhenTheRenamedTokenLifetimeIsStillConfigured()
    {
        using var own = new ApiFactory();
        using var host = own.WithSettings(("Auth:TokenLifetime", "12:00:00"));

        var failure = Assert.ThrowsAny<InvalidOperationException>(() => host.CreateClient());

        Assert.Contains("Auth:AccessTokenLifetime", failure.Message, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        await factory.CreateClient().PostAsJsonAsync("/api/accounts/refresh", new { refreshToken });

    private async Task<JsonElement> SignInAsync(string phone, string password)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/accounts/sign-in", new { phone, password });
        response.EnsureSuccessStatusCode();
        return await Problems.ReadAsync(response);
    }

    private async Task<HttpClient> SignInAdminAsync() => WithToken(AccessToken(await SignInAsync("0900000009", "QuanTri@2026")));

    private HttpClient WithToken(string accessToken)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    private static string AccessToken(JsonElement tokens) => tokens.GetProperty("accessToken").GetString()!;

    private static string RefreshToken(JsonElement tokens) => tokens.GetProperty("refreshToken").GetString()!;

    private static async Task<long> CreateEmployerAsync(SignedInClient employer)
    {
        var taxCode = Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = await employer.Client.PostAsJsonAsync("/api/employers", new { name = "Công ty TNHH Điện Tử Long Thành", taxCode });
        response.EnsureSuccessStatusCode();
        return (await Problems.ReadAsync(response)).GetProperty("id").GetInt64();
    }
}
