using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DongNai.Domain;
using DongNai.Domain.People;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Api.Tests;

/// <summary>
/// The job dashboard is for admins only, from any address including loopback; a browser reaches it
/// with a dashboard session cookie, and its POST actions need the antiforgery token.
/// </summary>
public sealed partial class DashboardAccessTests : IDisposable
{
    private const string Loopback = "127.0.0.1";
    private readonly ApiFactory _factory = new();
    private readonly WebApplicationFactory<Program> _host;

    public DashboardAccessTests()
    {
        _host = _factory.WithSettings();
    }

    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/hangfire/jobs/enqueued")]
    public async Task Dashboard_Answers401_ToAnAnonymousRequestFromLoopback(string path)
    {
        var response = await _host.CreateClientFrom(Loopback).GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task DashboardPost_Answers401_ToAnAnonymousRequestFromLoopback()
    {
        var response = await _host.CreateClientFrom(Loopback).PostAsync("/hangfire/jobs/enqueued/delete", JobsForm("12345"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(Role.Worker)]
    [InlineData(Role.Employer)]
    [InlineData(Role.AgencyStaff)]
    public async Task Dashboard_Answers403_ToASignedInNonAdminFromLoopback(Role role)
    {
        var (client, _) = await SignInAsync(role);

        var dashboard = await client.GetAsync("/hangfire");
        var session = await client.PostAsync("/api/admin/dashboard-session", null);

        Assert.Equal(HttpStatusCode.Forbidden, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, session.StatusCode);
    }

    [Fact]
    public async Task Dashboard_Answers200_ToAnAdminWithADashboardSession_WithoutTheBearerToken()
    {
        var client = await AdminSessionAsync();

        var response = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hangfire", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DashboardSession_IsAnHttpOnlySameSiteStrictCookie_ForTheDashboardPathOnly()
    {
        var client = await AdminClientAsync();

        var response = await client.PostAsync("/api/admin/dashboard-session", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dongnai.dashboard=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("path=/hangfire", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DashboardSession_Ends_AfterThirtyMinutes()
    {
        var client = await AdminSessionAsync();
        var before = await client.GetAsync("/hangfire");

        _factory.Clock.Advance(TimeSpan.FromMinutes(31));
        var after = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Dashboard_Answers403_OnceTheSessionsAdminIsDemoted()
    {
        var (admin, accountId) = await SignInAsync(Role.Admin);
        (await admin.PostAsync("/api/admin/dashboard-session", null)).EnsureSuccessStatusCode();
        admin.DefaultRequestHeaders.Authorization = null;
        var before = await admin.GetAsync("/hangfire");
        await SetRoleAsync(accountId, Role.Worker);

        var after = await admin.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
    }

    [Fact]
    public async Task Dashboard_Answers403_OnceTheSessionsAdminSignsOutEverywhere()
    {
        var (admin, _) = await SignInAsync(Role.Admin);
        var bearer = admin.DefaultRequestHeaders.Authorization;
        (await admin.PostAsync("/api/admin/dashboard-session", null)).EnsureSuccessStatusCode();
        admin.DefaultRequestHeaders.Authorization = null;
        var before = await admin.GetAsync("/hangfire");
        var signOut = _host.CreateClientFrom(Loopback);
        signOut.DefaultRequestHeaders.Authorization = bearer;
        (await signOut.PostAsync("/api/accounts/sign-out-everywhere", null)).EnsureSuccessStatusCode();

        var after = await admin.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
    }

    [Fact]
    public async Task DashboardPost_IsRefused_WithoutTheAntiforgeryToken_AndAcceptedWithIt()
    {
        var client = await AdminSessionAsync();
        var page = await (await client.GetAsync("/hangfire/jobs/enqueued")).Content.ReadAsStringAsync();
        var header = CsrfHeader().Match(page).Groups[1].Value;
        var token = CsrfToken().Match(page).Groups[1].Value;

        var without = await client.PostAsync("/hangfire/jobs/enqueued/delete", JobsForm("12345"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/jobs/enqueued/delete") { Content = JobsForm("12345") };
        request.Headers.Add(header, token);
        var with = await client.SendAsync(request);

        Assert.False(string.IsNullOrEmpty(header));
        Assert.False(string.IsNullOrEmpty(token));
        Assert.Equal(HttpStatusCode.Forbidden, without.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, with.StatusCode);
    }

    public void Dispose() => _factory.Dispose();

    private static FormUrlEncodedContent JobsForm(string jobId) => new([new("jobs[]", jobId)]);

    /// <summary>A loopback client with the admin's bearer token (the admin from ApiFactory's settings).</summary>
    private async Task<HttpClient> AdminClientAsync()
    {
        var client = _host.CreateClientFrom(Loopback);
        var response = await client.PostAsJsonAsync("/api/accounts/sign-in", new { phone = "0900000009", password = "QuanTri@2026" });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A loopback client that opened a dashboard session and then dropped the bearer token, as a browser would.</summary>
    private async Task<HttpClient> AdminSessionAsync()
    {
        var client = await AdminClientAsync();
        (await client.PostAsync("/api/admin/dashboard-session", null)).EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    /// <summary>A loopback client signed in as a new account with <paramref name="role"/>.</summary>
    private async Task<(HttpClient Client, long AccountId)> SignInAsync(Role role)
    {
        var client = _host.CreateClientFrom(Loopback);
        var phone = ApiFactory.NewPhone();
        var registered = await client.PostAsJsonAsync("/api/accounts/register", new { phone, password = "matkhau123", displayName = "Quản lý thử" });
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accountId").GetInt64();
        await SetRoleAsync(id, role);
        var signedIn = await client.PostAsJsonAsync("/api/accounts/sign-in", new { phone, password = "matkhau123" });
        var token = (await signedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, id);
    }

    /// <summary>Changes a role in the database of the host under test (not the factory's own, which is never started).</summary>
    private async Task SetRoleAsync(long accountId, Role role)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        (await db.Accounts.SingleAsync(a => a.Id == accountId)).Role = role;
        await db.SaveChangesAsync();
    }

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"([^\"]+)\"")]
    private static partial Regex CsrfHeader();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex CsrfToken();
}
