using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Domain;
using DongNai.Domain.People;
using DongNai.Search.Api.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace DongNai.Api.Tests;

/// <summary>
/// Hosts the real service over a fresh data folder (SQLite file, keys, Hangfire) in a temp
/// directory, with no demo seeding and rate limits high enough not to interfere. One per test class.
/// The service's <see cref="TimeProvider"/> is <see cref="Clock"/>, a fake that starts at
/// <see cref="Start"/> and moves only when a test advances it.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private static int s_phoneCounter;

    /// <summary>Where <see cref="Clock"/> starts: Monday 2 November 2026, 08:00 in Vietnam.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "dongnai-api-tests", Guid.NewGuid().ToString("N"));

    /// <summary>
    /// The service's clock (search expiry, listing timestamps, token lifetimes). Advancing it is
    /// shared by every test of the class that owns this factory.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(Start);

    public static JsonSerializerOptions Json { get; } = CreateJson();

    /// <summary>Registrations of one test class, applied after the factory's own (another option, say).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataPath", DataPath);
        builder.UseSetting("Seed:DemoListings", "0");
        builder.UseSetting("RateLimits:AuthPerMinute", "100000");
        builder.UseSetting("RateLimits:WritesPerMinute", "100000");
        builder.UseSetting("RateLimits:EventBatchesPerMinute", "100000");
        builder.UseSetting("RateLimits:SearchPerMinute", "100000");
        builder.UseSetting("RateLimits:SearchBurst", "100000");
        builder.UseSetting("RateLimits:SearchConcurrentPerClient", "10000");
        builder.UseSetting("Admin:Phone", "0900000009");
        builder.UseSetting("Admin:Password", "QuanTri@2026");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);

            // The token validator reads the wall clock (its TimeProvider is not public), so tokens
            // issued at the fake instant would be judged against today; judge them by the fake clock.
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, bearer =>
                bearer.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, parameters) =>
                {
                    var now = Clock.GetUtcNow().UtcDateTime;
                    return (notBefore is null || notBefore.Value <= now + parameters.ClockSkew)
                        && (expires is null || expires.Value > now - parameters.ClockSkew);
                });
            TestServices?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // Hangfire may still hold its file for a moment; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>A mobile number no other test uses: 09 then eight digits.</summary>
    public static string NewPhone() =>
        "09" + ((Interlocked.Increment(ref s_phoneCounter) * 7919L % 90_000_000) + 10_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Registers a fresh account with <paramref name="role"/> and returns a client that sends its token.</summary>
    public async Task<SignedInClient> SignUpAsync(string role = "worker")
    {
        var phone = NewPhone();
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/accounts/register", new { phone, password = "matkhau123", displayName = "Trần Thị Bình", role }, Json);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        return new SignedInClient(client, body.GetProperty("accountId").GetInt64(), phone);
    }

    /// <summary>A client signed in as an account whose role an admin set (e.g. agency staff).</summary>
    public async Task<SignedInClient> SignUpAsAsync(Role role)
    {
        var account = await SignUpAsync();
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var entity = await db.Accounts.FindAsync(account.AccountId);
            entity!.Role = role;
            await db.SaveChangesAsync();
        }

        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/accounts/sign-in", new { phone = account.Phone, password = "matkhau123" }, Json);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("accessToken").GetString()!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return account with { Client = client };
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        HostingExtensions.ConfigureJson(options);
        options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip;
        return options;
    }
}

public sealed record SignedInClient(HttpClient Client, long AccountId, string Phone);
