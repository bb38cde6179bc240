using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Identity;
using DongNai.Search.Api.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Api.Tests;

/// <summary>
/// The auth budget is the client address's whatever token is sent, and a phone number that
/// receives too many wrong passwords is locked out whichever addresses send them.
/// </summary>
public sealed class AuthLimitTests
{
    [Fact]
    public async Task SignIn_IsLimitedPerClientAddress_WhateverBearerTokenEachAttemptSends()
    {
        using var limited = new ApiFactory();
        var host = limited.WithSettings(("RateLimits:AuthPerMinute", "5"));
        var tokens = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            tokens.Add(await RegisterDirectlyAsync(host.Services));
        }

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        foreach (var token in tokens)
        {
            var client = host.CreateClientFrom("203.0.113.7");
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await client.PostAsJsonAsync("/api/accounts/sign-in", new { phone = ApiFactory.NewPhone(), password = "doanmo123" });
            statuses.Add(response.StatusCode);
            refused ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        // Five guesses, then the address's budget is spent, whichever account each token names.
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)], statuses);
        Assert.NotNull(refused);
        Assert.InRange(RetryAfterSeconds(refused), 1, 60);
        Assert.Equal("Too many requests.", (await Problems.ReadAsync(refused)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Register_IsLimitedPerClientAddress_WhenEachRegistrationSendsTheTokenOfThePrevious()
    {
        using var limited = new ApiFactory();
        var host = limited.WithSettings(("RateLimits:AuthPerMinute", "3"));
        var client = host.CreateClientFrom("203.0.113.8");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostAsJsonAsync("/api/accounts/register", new { phone = ApiFactory.NewPhone(), password = "matkhau123", displayName = "Nguyễn Văn An" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Refresh_IsLimitedPerClientAddress_WithABudgetApartFromSignIn()
    {
        using var limited = new ApiFactory();
        var host = limited.WithSettings(("RateLimits:RefreshPerMinute", "2"), ("RateLimits:AuthPerMinute", "2"));
        var client = host.CreateClientFrom("203.0.113.9");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/accounts/refresh", new { refreshToken = $"doan-ma-{i}" })).StatusCode);
        }

        var signOut = await client.PostAsJsonAsync("/api/accounts/sign-out", new { refreshToken = "doan-ma-3" });
        var signIn = await client.PostAsJsonAsync("/api/accounts/sign-in", new { phone = ApiFactory.NewPhone(), password = "doanmo123" });

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
    }

    [Fact]
    public async Task SignIn_IsLockedOutForThePhone_WhenGuessesComeFromManyAddresses_AndWorksAgainAfterTheLockout()
    {
        using var own = new ApiFactory();
        var host = own.WithSettings();
        var phone = ApiFactory.NewPhone();
        (await host.CreateClientFrom("198.51.100.200").PostAsJsonAsync("/api/accounts/register", new { phone, password = "matkhau123", displayName = "Võ Thị Hoa" })).EnsureSuccessStatusCode();
        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await host.CreateClientFrom($"198.51.100.{i + 1}")
                .PostAsJsonAsync("/api/accounts/sign-in", new { phone, password = $"doanmo{i}abc" });
            guesses.Add(response.StatusCode);
        }

        var locked = await host.CreateClientFrom("198.51.100.99").PostAsJsonAsync("/api/accounts/sign-in", new { phone, password = "matkhau123" });
        var lockedBody = await Problems.ReadAsync(locked);
        own.Clock.Advance(TimeSpan.FromSeconds(RetryAfterSeconds(locked)));
        var afterwards = await host.CreateClientFrom("198.51.100.100").PostAsJsonAsync("/api/accounts/sign-in", new { phone, password = "matkhau123" });

        Assert.All(guesses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal("application/problem+json", locked.Content.Headers.ContentType?.MediaType);
        Assert.Equal(AccountEndpoints.LockedOutProblemType, lockedBody.GetProperty("type").GetString());
        Assert.Equal(60, RetryAfterSeconds(locked));
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact]
    public async Task SignIn_IgnoresForwardedFor_WhenNoProxyIsConfigured()
    {
        using var limited = new ApiFactory();
        var host = limited.WithSettings(("RateLimits:AuthPerMinute", "2"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var client = host.CreateClientFrom("127.0.0.1");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"192.0.2.{i + 1}");
            statuses.Add((await client.PostAsJsonAsync("/api/accounts/sign-in", new { phone = ApiFactory.NewPhone(), password = "doanmo123" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task SignIn_KeysOnTheForwardedAddress_WhenTheRequestComesFromAConfiguredProxy()
    {
        using var limited = new ApiFactory();
        var host = limited.WithSettings(("RateLimits:AuthPerMinute", "2"), ("ForwardedHeaders:KnownProxies:0", "10.1.2.3"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var client = host.CreateClientFrom("10.1.2.3");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"192.0.2.{i + 1}");
            statuses.Add((await client.PostAsJsonAsync("/api/accounts/sign-in", new { phone = ApiFactory.NewPhone(), password = "doanmo123" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], statuses);
    }

    private static async Task<string> RegisterDirectlyAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var result = await accounts.RegisterAsync(new Registration(ApiFactory.NewPhone(), "matkhau123", "Phạm Thị Dung", null), CancellationToken.None);
        return Assert.IsType<RegistrationResult.Registered>(result).Tokens.AccessToken;
    }

    private static int RetryAfterSeconds(HttpResponseMessage response) =>
        int.Parse(response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
}
