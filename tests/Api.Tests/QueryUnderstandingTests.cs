using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DongNai.Api.Tests;

/// <summary>
/// Search through HTTP as a worker types it: prices and places in the words of the query become
/// filters that the response names in <c>understood</c>, explicit parameters win, and a query that
/// finds nothing is relaxed step by step, the steps named in <c>relaxed</c>. One database per
/// class, so each test places its listings where no other test's are.
/// </summary>
public sealed class QueryUnderstandingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task PriceAndPlaceInTheWords_FilterTheRooms_AndTheResponseSaysWhatItUnderstood()
    {
        var owner = await factory.SignUpAsync();
        var cheapNear = await CreateRentalAsync(owner, "Phòng trọ sạch sẽ cho công nhân", 1_800_000, ListingPayloads.AmataLatitude + 0.005, ListingPayloads.AmataLongitude);
        var dearNear = await CreateRentalAsync(owner, "Phòng trọ rộng rãi cho công nhân", 3_000_000, ListingPayloads.AmataLatitude - 0.005, ListingPayloads.AmataLongitude);
        var cheapFar = await CreateRentalAsync(owner, "Phòng trọ yên tĩnh cho công nhân", 1_500_000, 10.93, 107.25);
        await WaitUntilSearchableAsync([cheapNear, dearNear, cheapFar]);

        var page = await SearchAsync("/api/search/rentals?q=" + Uri.EscapeDataString("phòng trọ dưới 2 triệu gần Amata"));

        var ids = Ids(page);
        Assert.Contains(cheapNear, ids);
        Assert.DoesNotContain(dearNear, ids);
        Assert.DoesNotContain(cheapFar, ids);
        Assert.All(page.GetProperty("hits").EnumerateArray(), hit =>
        {
            Assert.True(hit.GetProperty("priceVnd").GetInt64() <= 2_000_000);
            Assert.True(hit.GetProperty("distanceKm").GetDouble() <= 3);
        });
        var parts = page.GetProperty("understood").GetProperty("parts").EnumerateArray().ToList();
        var money = Assert.Single(parts, p => p.GetProperty("field").GetString() == "money");
        Assert.Equal(2_000_000, money.GetProperty("maxVnd").GetInt64());
        Assert.Equal("dưới 2 triệu", money.GetProperty("source").GetString());
        var place = Assert.Single(parts, p => p.GetProperty("field").GetString() == "place");
        Assert.Equal("amata", place.GetProperty("place").GetProperty("code").GetString());
        Assert.False(page.TryGetProperty("relaxed", out _));
    }

    [Fact]
    public async Task AnExplicitParameter_WinsOverTheSameThingInTheWords()
    {
        var owner = await factory.SignUpAsync();
        var room = await CreateRentalAsync(owner, "Phòng trọ mới xây thoáng mát", 3_000_000, 10.80, 106.95);
        await WaitUntilSearchableAsync([room]);

        var page = await SearchAsync("/api/search/rentals?lat=10.80&lon=106.95&radiusKm=1&maxPrice=3500000&q=" + Uri.EscapeDataString("phòng trọ thoáng mát dưới 2 triệu"));

        Assert.Contains(room, Ids(page));
        Assert.DoesNotContain(page.GetProperty("understood").GetProperty("parts").EnumerateArray(), p => p.GetProperty("field").GetString() == "money");
    }

    [Fact]
    public async Task UnderstandFalse_MatchesTheWordsAsText_AndSaysNothingUnderstood()
    {
        var page = await SearchAsync("/api/search/rentals?understand=false&q=" + Uri.EscapeDataString("phòng trọ dưới 2 triệu"));

        Assert.False(page.TryGetProperty("understood", out _));
    }

    [Fact]
    public async Task ATypo_IsCorrectedFromTheListingsOwnWords_WhenTheQueryFindsNothing()
    {
        var owner = await factory.SignUpAsync();
        var room = await CreateRentalAsync(owner, "Nhà nguyên căn Thống Nhất cho thuê", 4_000_000, 10.95, 107.05);
        await WaitUntilSearchableAsync([room]);

        // Two words: the engine needs both (its own typo tolerance is for longer, rarer words).
        var page = await SearchAsync("/api/search/rentals?understand=false&q=" + Uri.EscapeDataString("nguyen cna"));

        Assert.Contains(room, Ids(page));
        var step = Assert.Single(page.GetProperty("relaxed").EnumerateArray());
        Assert.Equal("spelling", step.GetProperty("step").GetString());
        Assert.Equal("nguyên căn", step.GetProperty("to").GetString());
    }

    [Fact]
    public async Task NothingWithinThePlaceOrPriceTyped_WidensThemStepByStep_AndSaysSo()
    {
        var owner = await factory.SignUpAsync();

        // 5 km north of KCN Becamex Bình Phước, where no other test puts a listing; rentals search 3 km around a park.
        var room = await CreateRentalAsync(owner, "Phòng cho thuê gần chợ", 1_800_000, 11.475, 106.60);
        await WaitUntilSearchableAsync([room]);

        var page = await SearchAsync("/api/search/rentals?q=" + Uri.EscapeDataString("dưới 1tr5 gần KCN Becamex Bình Phước"));

        Assert.Equal([room], Ids(page));
        var steps = page.GetProperty("relaxed").EnumerateArray().Select(s => s.GetProperty("step").GetString()).ToList();
        Assert.Equal(["radius", "radius", "price"], steps);
        Assert.Equal((3, 6), (page.GetProperty("relaxed")[0].GetProperty("fromKm").GetDouble(), page.GetProperty("relaxed")[0].GetProperty("toKm").GetDouble()));
        Assert.Equal(1_800_000, page.GetProperty("relaxed")[2].GetProperty("maxVnd").GetInt64());
    }

    [Fact]
    public async Task AFilterGivenAsAParameter_IsNeverRelaxed()
    {
        var page = await SearchAsync("/api/search/rentals?lat=11.9&lon=106.3&radiusKm=1&maxPrice=100");

        Assert.Equal(0, page.GetProperty("total").GetInt32());
        Assert.False(page.TryGetProperty("relaxed", out _));
    }

    [Fact]
    public async Task AWordNoListingHas_IsLeftOut_WhenTheRestFindsSomething()
    {
        var owner = await factory.SignUpAsync();
        var room = await CreateRentalAsync(owner, "Phòng trọ Hố Nai có ban công", 2_200_000, 10.97, 106.91);
        await WaitUntilSearchableAsync([room]);

        var page = await SearchAsync("/api/search/rentals?understand=false&q=" + Uri.EscapeDataString("ban công quxzyv"));

        Assert.Contains(room, Ids(page));
        var step = Assert.Single(page.GetProperty("relaxed").EnumerateArray());
        Assert.Equal(("word", "quxzyv"), (step.GetProperty("step").GetString(), step.GetProperty("word").GetString()));
    }

    [Fact]
    public async Task AQueryWithNothingInCommonWithAnyListing_AnswersEmpty_WithoutSteps()
    {
        var page = await SearchAsync("/api/search?q=" + Uri.EscapeDataString("xyzzyq"));

        Assert.Equal(0, page.GetProperty("total").GetInt32());
        Assert.False(page.TryGetProperty("relaxed", out _));
    }

    [Fact]
    public async Task Suggest_CompletesTheTypedPlace_IntoAQueryItUnderstands_WithItsCount()
    {
        var owner = await factory.SignUpAsync();
        var room = await CreateRentalAsync(owner, "Phòng trọ mới gần cổng KCN", 1_600_000, ListingPayloads.AmataLatitude + 0.004, ListingPayloads.AmataLongitude + 0.004);
        await WaitUntilSearchableAsync([room]);

        var suggestions = await factory.CreateClient().GetFromJsonAsync<JsonElement>(
            "/api/suggest?kind=rentals&q=" + Uri.EscapeDataString("phong tro duoi 2tr gan ama"));

        var interpreted = suggestions.EnumerateArray().Where(s => s.TryGetProperty("interpreted", out var i) && i.GetBoolean()).ToList();
        var amata = Assert.Single(interpreted, s => s.GetProperty("text").GetString()!.Contains("KCN Amata", StringComparison.Ordinal));
        Assert.Equal("phòng trọ dưới 2 triệu gần KCN Amata", amata.GetProperty("text").GetString());
        Assert.True(amata.GetProperty("count").GetInt32() >= 1);
    }

    private static async Task<long> CreateRentalAsync(SignedInClient owner, string title, long price, double latitude, double longitude)
    {
        var payload = ListingPayloads.Rental();
        payload["title"] = title;
        payload["description"] = "Liên hệ chủ nhà để xem phòng.";
        payload["amenities"] = new JsonArray("wifi");
        payload["priceVnd"] = price;
        payload["depositVnd"] = price;
        payload["latitude"] = latitude;
        payload["longitude"] = longitude;
        var response = await owner.Client.PostAsJsonAsync("/api/rentals", payload);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await Problems.ReadAsync(response)).GetProperty("id").GetInt64();
    }

    /// <summary>Waits until every listing is in the index (the outbox drain is asynchronous); the deadline only bounds a hung test.</summary>
    private async Task WaitUntilSearchableAsync(IReadOnlyCollection<long> ids)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var page = await SearchAsync("/api/search/rentals?sort=newest&size=100&understand=false");
            if (ids.All(Ids(page).Contains))
            {
                return;
            }

            await Task.Delay(25);
        }
    }

    private async Task<JsonElement> SearchAsync(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await Problems.ReadAsync(response);
    }

    private static List<long> Ids(JsonElement page) =>
        [.. page.GetProperty("hits").EnumerateArray().Select(hit => hit.GetProperty("id").GetInt64())];
}
