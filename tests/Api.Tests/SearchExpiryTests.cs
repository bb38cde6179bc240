using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace DongNai.Api.Tests;

/// <summary>Search judges expiry by the service's clock; these tests own their factory because they move it.</summary>
public sealed class SearchExpiryTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task SearchJobs_LeavesOutAJob_OnceTheClockHasPassedItsExpiresAt()
    {
        var employer = await factory.SignUpAsync("employer");
        var company = await CreateEmployerAsync(employer);
        var marker = "hethan" + Guid.NewGuid().ToString("N")[..6];
        var expiringSoon = await PostJobAsync(employer, company, $"Tuyển công nhân {marker} ca ngày", factory.Clock.GetUtcNow().AddHours(1));
        var expiringLater = await PostJobAsync(employer, company, $"Tuyển công nhân {marker} ca đêm", factory.Clock.GetUtcNow().AddHours(3));
        var url = $"/api/search/jobs?q={marker}";
        var bothVisible = await PollAsync(url, total => total == 2, TimeSpan.FromSeconds(5));

        factory.Clock.Advance(TimeSpan.FromHours(2));
        var afterTwoHours = await HitIdsAsync(url);

        Assert.True(bothVisible, "The two new jobs did not become searchable.");
        Assert.DoesNotContain(expiringSoon, afterTwoHours);
        Assert.Equal([expiringLater], afterTwoHours);
    }

    private static async Task<long> CreateEmployerAsync(SignedInClient employer)
    {
        var taxCode = Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = await employer.Client.PostAsJsonAsync("/api/employers", new { name = "Công ty TNHH Giày Da Đồng Nai", taxCode });
        response.EnsureSuccessStatusCode();
        return (await Problems.ReadAsync(response)).GetProperty("id").GetInt64();
    }

    private static async Task<long> PostJobAsync(SignedInClient employer, long company, string title, DateTimeOffset expiresAt)
    {
        var payload = ListingPayloads.Job(company);
        payload["title"] = title;
        payload["expiresAt"] = expiresAt.ToString("O");
        var response = await employer.Client.PostAsJsonAsync("/api/jobs", payload);
        var body = await Problems.ReadAsync(response);
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("id").GetInt64();
    }

    private async Task<List<long>> HitIdsAsync(string url)
    {
        var body = await factory.CreateClient().GetFromJsonAsync<JsonElement>(url);
        return [.. body.GetProperty("hits").EnumerateArray().Select(hit => hit.GetProperty("id").GetInt64())];
    }

    /// <summary>Repeats a search until <paramref name="accept"/> holds for its total or the deadline passes (wall time: indexing is asynchronous).</summary>
    private async Task<bool> PollAsync(string url, Func<int, bool> accept, TimeSpan deadline)
    {
        var client = factory.CreateClient();
        var elapsed = Stopwatch.StartNew();
        do
        {
            var body = await client.GetFromJsonAsync<JsonElement>(url);
            if (accept(body.GetProperty("total").GetInt32()))
            {
                return true;
            }

            await Task.Delay(25);
        }
        while (elapsed.Elapsed < deadline);

        return false;
    }
}
