using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Domain.Places;

namespace DongNai.Api.Tests;

public sealed class SearchApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>
    /// The write path reaches the index on its own (outbox, trigger, drain). How fast is a
    /// performance claim measured in bench/, so the deadline here only bounds a hung test.
    /// </summary>
    [Fact]
    public async Task Write_BecomesSearchableWithoutARebuild_AndDeleteDisappears()
    {
        var owner = await factory.SignUpAsync();
        var marker = "xanhlam" + Guid.NewGuid().ToString("N")[..6];
        var payload = ListingPayloads.Rental();
        payload["title"] = $"Phòng trọ {marker} gần KCN Amata";

        var created = await owner.Client.PostAsJsonAsync("/api/rentals", payload);
        var found = await PollAsync($"/api/search/rentals?q={marker}", total => total == 1, TimeSpan.FromSeconds(30));
        await owner.Client.DeleteAsync(created.Headers.Location);
        var gone = await PollAsync($"/api/search/rentals?q={marker}", total => total == 0, TimeSpan.FromSeconds(30));

        Assert.True(found, "The new rental never became searchable.");
        Assert.True(gone, "The deleted rental stayed searchable.");
    }

    [Fact]
    public async Task Search_FindsAccentedTitle_WhenQueryHasNoAccents()
    {
        var owner = await factory.SignUpAsync();
        var payload = ListingPayloads.Classified();
        payload["title"] = "Bán tủ lạnh Toshiba 180 lít còn mới";
        var id = (await Problems.ReadAsync(await owner.Client.PostAsJsonAsync("/api/classifieds", payload))).GetProperty("id").GetInt64();

        var found = await PollAsync("/api/search/classifieds?q=TU+LANH+TOSHIBA", total => total >= 1, TimeSpan.FromSeconds(5));
        var body = await SearchAsync("/api/search/classifieds?q=tu+lanh+toshiba");

        Assert.True(found);
        var hit = body.GetProperty("hits").EnumerateArray().First(h => h.GetProperty("id").GetInt64() == id);
        Assert.Equal(9_500_000, hit.GetProperty("priceVnd").GetInt64());
        Assert.Contains("<em>", hit.GetProperty("titleHighlight").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_NearAPark_ReturnsOnlyListingsWithinTheRadius_NearestFirst()
    {
        var owner = await factory.SignUpAsync();
        var amata = PlaceCatalog.Load().ResolvePlace("amata")!;
        double[] offsets = [0.005, 0.02, 0.08, 0.3];
        foreach (var offset in offsets)
        {
            var payload = ListingPayloads.Rental();
            payload["title"] = $"Phòng trọ khoảng cách {offset}";
            payload["latitude"] = amata.Latitude + offset;
            payload["longitude"] = amata.Longitude;
            (await owner.Client.PostAsJsonAsync("/api/rentals", payload)).EnsureSuccessStatusCode();
        }

        await PollAsync("/api/search/rentals?q=khoang+cach", total => total >= offsets.Length, TimeSpan.FromSeconds(5));
        var body = await SearchAsync("/api/search/rentals?q=khoang+cach&near=amata&radiusKm=10&sort=distance");

        var distances = body.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("distanceKm").GetDouble()).ToList();
        var expected = offsets.Select(o => GeoMath.HaversineKm(amata.Latitude, amata.Longitude, amata.Latitude + o, amata.Longitude)).Where(km => km <= 10).ToList();
        Assert.Equal(expected.Count, distances.Count);
        Assert.Equal(distances.Order().ToList(), distances);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], distances[i], 2);
        }
    }

    [Theory]
    [InlineData("/api/search/rentals?radiusKm=0&lat=10.95&lon=106.86", "radiusKm")]
    [InlineData("/api/search/rentals?radiusKm=-3&lat=10.95&lon=106.86", "radiusKm")]
    [InlineData("/api/search/rentals?radiusKm=5000&lat=10.95&lon=106.86", "radiusKm")]
    [InlineData("/api/search/rentals?radiusKm=5", "radiusKm")]
    [InlineData("/api/search/rentals?lat=91&lon=106.86", "lat")]
    [InlineData("/api/search/rentals?lat=10.95", "lon")]
    [InlineData("/api/search/rentals?lat=abc&lon=106.86", "lat")]
    [InlineData("/api/search/rentals?minPrice=3000000&maxPrice=1000000", "minPrice")]
    [InlineData("/api/search/rentals?minPrice=-1", "minPrice")]
    [InlineData("/api/search/rentals?sort=cheapest", "sort")]
    [InlineData("/api/search/rentals?sort=distance", "sort")]
    [InlineData("/api/search/rentals?colour=blue", "colour")]
    [InlineData("/api/search/rentals?shift=night", "shift")]
    [InlineData("/api/search/rentals?cursor=not-a-cursor", "cursor")]
    [InlineData("/api/search/rentals?size=0", "size")]
    [InlineData("/api/search/rentals?size=101", "size")]
    [InlineData("/api/search/rentals?size=ten", "size")]
    [InlineData("/api/search/rentals?bbox=1,2,3", "bbox")]
    [InlineData("/api/search/rentals?bbox=107,11,106,10", "bbox")]
    [InlineData("/api/search/rentals?near=atlantis", "near")]
    [InlineData("/api/search/rentals?near=amata&lat=10.9&lon=106.8", "near")]
    [InlineData("/api/search/rentals?rentalType=castle", "rentalType")]
    [InlineData("/api/search/rentals?minArea=50&maxArea=10", "minArea")]
    [InlineData("/api/search/rentals?q=a&q=b", "q")]
    [InlineData("/api/search/bus-routes?departFrom=25:00", "departFrom")]
    [InlineData("/api/search?rentalType=room", "rentalType")]
    [InlineData("/api/suggest?q=", "q")]
    [InlineData("/api/suggest?q=kcn&kind=planes", "kind")]
    [InlineData("/api/suggest?q=kcn&size=50", "size")]
    public async Task Search_Returns400NamingTheParameter_WhenAValueIsInvalid(string url, string parameter)
    {
        var response = await factory.CreateClient().GetAsync(url);

        await Problems.AssertFieldErrorAsync(response, parameter);
    }

    [Fact]
    public async Task Search_Returns404_ForAnUnknownKind()
    {
        var response = await factory.CreateClient().GetAsync("/api/search/spaceships?q=x");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Search_AcrossKinds_FindsEveryKindThatMatches()
    {
        var owner = await factory.SignUpAsync();
        var marker = "tímtím" + Guid.NewGuid().ToString("N")[..5];
        var rental = ListingPayloads.Rental();
        rental["title"] = $"Phòng {marker} cho thuê";
        var classified = ListingPayloads.Classified();
        classified["title"] = $"Bán đồ {marker} giá rẻ";
        await owner.Client.PostAsJsonAsync("/api/rentals", rental);
        await owner.Client.PostAsJsonAsync("/api/classifieds", classified);

        var found = await PollAsync($"/api/search?q={Uri.EscapeDataString(marker)}", total => total == 2, TimeSpan.FromSeconds(5));
        var body = await SearchAsync($"/api/search?q={Uri.EscapeDataString(marker)}");

        Assert.True(found);
        Assert.Equal(["classifieds", "rentals"], body.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("kind").GetString()).Order());
    }

    [Fact]
    public async Task Related_Returns404ForAMissingListing_AndSimilarListingsOtherwise()
    {
        var owner = await factory.SignUpAsync();
        var ids = new List<long>();
        var marker = "xehonda" + Guid.NewGuid().ToString("N")[..6];
        foreach (var model in new[] { "Wave Alpha", "Wave RSX", "Sirius" })
        {
            var payload = ListingPayloads.Classified();
            payload["title"] = $"Bán xe máy Honda {model} chính chủ {marker}";
            ids.Add((await Problems.ReadAsync(await owner.Client.PostAsJsonAsync("/api/classifieds", payload))).GetProperty("id").GetInt64());
        }

        // All three indexed (other tests of the class write Honda classifieds too), then related.
        Assert.True(await PollAsync($"/api/search/classifieds?q={marker}", total => total == 3, TimeSpan.FromSeconds(30)), "The three classifieds never became searchable.");
        var missing = await factory.CreateClient().GetAsync("/api/classifieds/987654321/related");
        var related = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/classifieds/{ids[0]}/related");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var relatedIds = related.EnumerateArray().Select(h => h.GetProperty("id").GetInt64()).ToList();
        Assert.DoesNotContain(ids[0], relatedIds);
        Assert.Contains(ids[1], relatedIds);
    }

    [Fact]
    public async Task Rebuild_IsForAdminsOnly()
    {
        var worker = await factory.SignUpAsync();
        var admin = factory.CreateClient();
        var signIn = await admin.PostAsJsonAsync("/api/accounts/sign-in", new { phone = "0900000009", password = "QuanTri@2026" });
        admin.DefaultRequestHeaders.Authorization = new("Bearer", (await Problems.ReadAsync(signIn)).GetProperty("accessToken").GetString());

        var byWorker = await worker.Client.PostAsync("/api/admin/search/rebuild", null);
        var byAdmin = await admin.PostAsync("/api/admin/search/rebuild", null);

        Assert.Equal(HttpStatusCode.Forbidden, byWorker.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, byAdmin.StatusCode);
    }

    [Fact]
    public async Task Search_GivesEveryResponseARequestIdOfItsOwn()
    {
        var first = await SearchAsync("/api/search/rentals?q=phong");
        var second = await SearchAsync("/api/search?q=phong");

        var ids = new[] { first, second }.Select(body => body.GetProperty("requestId").GetString()).ToList();
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.NotEqual(ids[0], ids[1]);
    }

    private async Task<JsonElement> SearchAsync(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await Problems.ReadAsync(response);
    }

    /// <summary>Repeats a search until <paramref name="accept"/> holds for its total or the deadline passes.</summary>
    private async Task<bool> PollAsync(string url, Func<int, bool> accept, TimeSpan deadline)
    {
        var client = factory.CreateClient();
        var clock = Stopwatch.StartNew();
        do
        {
            var body = await client.GetFromJsonAsync<JsonElement>(url);
            if (accept(body.GetProperty("total").GetInt32()))
            {
                return true;
            }

            await Task.Delay(25);
        }
        while (clock.Elapsed < deadline);

        return false;
    }
}
