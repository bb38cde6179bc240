using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DongNai.Api.Tests;

/// <summary>Search personalisation through HTTP: re-ranked for a signed-in user with a profile, the engine's order with personalize=false.</summary>
public sealed class PersonalizedSearchTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task RelevanceSearch_PutsTheListingNearTheUsersPark_First_AndPersonalizeFalse_GivesTheEnginesOrder()
    {
        var owner = await factory.SignUpAsync();
        var marker = "lamngoc" + Guid.NewGuid().ToString("N")[..6];
        // The far one matches the words better (they appear twice), so the engine ranks it first.
        await CreateRentalAsync(owner.Client, $"Phòng trọ {marker} {marker} {marker}", 10.9540, 107.0040);
        await CreateRentalAsync(owner.Client, $"Phòng trọ {marker} cho thuê rộng rãi thoáng mát sạch sẽ", 10.9570, 106.8690);
        var worker = await factory.SignUpAsync();
        (await worker.Client.PutAsJsonAsync("/api/accounts/me/profile", new JsonObject
        {
            ["displayName"] = "Nguyễn Văn Bình",
            ["homeCommuneCode"] = null,
            ["industrialParkCode"] = "amata",
        })).EnsureSuccessStatusCode();
        var anonymous = factory.CreateClient();
        await PollAsync(anonymous, $"/api/search/rentals?q={marker}", 2);

        var engineOrder = await TitlesAsync(anonymous, $"/api/search/rentals?q={marker}");
        var personalised = await TitlesAsync(worker.Client, $"/api/search/rentals?q={marker}");
        var notPersonalised = await TitlesAsync(worker.Client, $"/api/search/rentals?q={marker}&personalize=false");

        Assert.Equal(2, engineOrder.Count);
        Assert.StartsWith($"Phòng trọ {marker} {marker}", engineOrder[0], StringComparison.Ordinal);
        Assert.Equal(engineOrder, notPersonalised);
        Assert.Equal(engineOrder.AsEnumerable().Reverse(), personalised);
    }

    [Fact]
    public async Task Search_RefusesAPersonalizeValueThatIsNotABoolean_NamingIt()
    {
        var response = await factory.CreateClient().GetAsync("/api/search/rentals?personalize=maybe");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Problems.ReadAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("personalize", out _));
    }

    private static async Task CreateRentalAsync(HttpClient client, string title, double latitude, double longitude)
    {
        var payload = ListingPayloads.Rental();
        payload["title"] = title;
        payload["latitude"] = latitude;
        payload["longitude"] = longitude;
        (await client.PostAsJsonAsync("/api/rentals", payload)).EnsureSuccessStatusCode();
    }

    private static async Task<List<string>> TitlesAsync(HttpClient client, string path)
    {
        var body = await client.GetFromJsonAsync<JsonElement>(path);
        return [.. body.GetProperty("hits").EnumerateArray().Select(hit => hit.GetProperty("title").GetString()!)];
    }

    private static async Task PollAsync(HttpClient client, string path, int total)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if ((await client.GetFromJsonAsync<JsonElement>(path)).GetProperty("total").GetInt32() >= total)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{path} never found {total} listings.");
    }
}
