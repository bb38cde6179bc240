using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Domain.People;

namespace DongNai.Api.Tests;

/// <summary>The admin's search traffic: searches and zero-result searches per hour, from the search metrics.</summary>
public sealed class SearchTrafficTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Traffic_CountsASearchAndADeadEnd_InTheCurrentHour()
    {
        var admin = await factory.SignUpAsAsync(Role.Admin);
        var before = await CurrentHourAsync(admin.Client);
        var anonymous = factory.CreateClient();

        (await anonymous.GetAsync("/api/search/rentals?q=phong")).EnsureSuccessStatusCode();
        var deadEnd = await anonymous.GetFromJsonAsync<JsonElement>($"/api/search/classifieds?q=zzkhongco{Guid.NewGuid():N}&understand=false");
        (await anonymous.GetAsync("/api/suggest?q=pho")).EnsureSuccessStatusCode();
        var after = await CurrentHourAsync(admin.Client);

        Assert.Equal(0, deadEnd.GetProperty("total").GetInt32());
        // Other hosts of this test process record into the same meter: at least ours were counted.
        Assert.True(after.Searches - before.Searches >= 2, $"searches {before.Searches} → {after.Searches}");
        Assert.True(after.ZeroResults - before.ZeroResults >= 1, $"zero results {before.ZeroResults} → {after.ZeroResults}");
    }

    [Fact]
    public async Task Traffic_IsRefused_ToAWorker()
    {
        var worker = await factory.SignUpAsync();

        var response = await worker.Client.GetAsync("/api/admin/search/traffic");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<(long Searches, long ZeroResults)> CurrentHourAsync(HttpClient admin)
    {
        var traffic = await admin.GetFromJsonAsync<JsonElement>("/api/admin/search/traffic");
        var hours = traffic.GetProperty("hours").EnumerateArray().ToList();
        if (hours.Count == 0)
        {
            return (0, 0);
        }

        var last = hours[^1];
        return (last.GetProperty("searches").GetInt64(), last.GetProperty("zeroResults").GetInt64());
    }
}
