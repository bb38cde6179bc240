using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DongNai.Api.Tests;

public sealed class PlaceAndLimitTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Places_ListThe95CommunesAndTheParks_AmataAmongThem()
    {
        var client = factory.CreateClient();

        var communes = await client.GetFromJsonAsync<JsonElement>("/api/places/communes");
        var parks = await client.GetFromJsonAsync<JsonElement>("/api/places/industrial-parks");

        Assert.Equal(95, communes.GetArrayLength());
        Assert.Contains(parks.EnumerateArray(), p => p.GetProperty("code").GetString() == "amata" && p.GetProperty("approximate").GetBoolean());
    }

    [Theory]
    [InlineData("kcn amata", "industrialPark", "amata")]
    [InlineData("Phường Tân Hạnh", "commune", "26068")]
    public async Task Resolve_NamesWhatAUserTyped(string text, string kind, string code)
    {
        var place = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/places/resolve?q={Uri.EscapeDataString(text)}");

        Assert.Equal(kind, place.GetProperty("kind").GetString());
        Assert.Equal(code, place.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Resolve_Returns404_ForNonsense()
    {
        var response = await factory.CreateClient().GetAsync("/api/places/resolve?q=xyzzy+plugh");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task CreateRental_Returns201_WhenItNamesARealCommuneAndPark()
    {
        var owner = await factory.SignUpAsync();
        var payload = ListingPayloads.Rental();
        payload["communeCode"] = "26068";
        payload["nearestParkCode"] = "amata";

        var response = await owner.Client.PostAsJsonAsync("/api/rentals", payload);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/places/communes?comune=26734", "comune")]
    [InlineData("/api/places/industrial-parks?q=amata", "q")]
    [InlineData("/api/places/resolve?q=amata&near=1", "near")]
    public async Task Places_Return400NamingTheParameter_WhenItIsUnknown(string url, string parameter)
    {
        var response = await factory.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Problems.ReadAsync(response)).GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Fact]
    public async Task SignIn_Returns429_OnceTheAuthBudgetIsSpent()
    {
        using var limited = new ApiFactory();
        var client = limited.WithWebHostBuilder(builder => builder.UseSetting("RateLimits:AuthPerMinute", "2")).CreateClient();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await client.PostAsJsonAsync("/api/accounts/sign-in", new { phone = "0912345678", password = "matkhau123" }));
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], responses.Select(r => r.StatusCode));
        var refused = responses[2];
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await Problems.ReadAsync(refused)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ABodyOverTheLimit_Gets413Problem_BeforeItIsRead()
    {
        var client = factory.CreateClient();
        var body = new StringContent("{\"events\":[" + new string(' ', 300 * 1024) + "]}", System.Text.Encoding.UTF8, "application/json");

        var response = await client.PostAsync("/api/events", body);

        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(413, (await Problems.ReadAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task SearchOfAnUnknownKind_Gets404Problem_ListingTheKinds()
    {
        var response = await factory.CreateClient().GetAsync("/api/search/flats?q=phong");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("rentals", (await Problems.ReadAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANumberInQuotes_IsRefused_NamingTheField()
    {
        var owner = await factory.SignUpAsync();
        var payload = ListingPayloads.Rental();
        payload["priceVnd"] = "2500000";

        var response = await owner.Client.PostAsJsonAsync("/api/rentals", payload);

        await Problems.AssertFieldErrorAsync(response, "priceVnd");
    }
}
