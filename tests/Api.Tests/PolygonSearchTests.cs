using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace DongNai.Api.Tests;

/// <summary>Search within a polygon through HTTP: <c>polygon=lon,lat;…</c> and its refusals.</summary>
public sealed class PolygonSearchTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>A triangle near Biên Hòa, clockwise from its south-west corner.</summary>
    private const string Triangle = "106.80,10.90;106.86,11.00;106.92,10.90;106.80,10.90";

    [Fact]
    public async Task Search_ReturnsOnlyListingsInsideThePolygon_EvenWhereItsEnvelopeHoldsOthers()
    {
        var owner = await factory.SignUpAsync();
        var marker = "tamgiac" + Guid.NewGuid().ToString("N")[..8];
        (double Latitude, double Longitude, bool Inside)[] places =
        [
            (10.92, 106.86, true),  // near the middle of the base
            (10.98, 106.86, true),  // just under the apex
            (10.98, 106.81, false), // in the envelope, outside the left edge
            (10.98, 106.91, false), // in the envelope, outside the right edge
            (10.85, 106.86, false), // south of the base
        ];
        var inside = new List<long>();
        foreach (var (latitude, longitude, isInside) in places)
        {
            var payload = ListingPayloads.Rental();
            payload["title"] = $"Phòng trọ {marker}";
            payload["latitude"] = latitude;
            payload["longitude"] = longitude;
            var created = await Problems.ReadAsync(await owner.Client.PostAsJsonAsync("/api/rentals", payload));
            if (isInside)
            {
                inside.Add(created.GetProperty("id").GetInt64());
            }
        }

        await PollAsync($"/api/search/rentals?q={marker}&understand=false", places.Length, TimeSpan.FromSeconds(5));
        var response = await factory.CreateClient().GetAsync($"/api/search/rentals?q={marker}&understand=false&polygon={Uri.EscapeDataString(Triangle)}");

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var hits = (await Problems.ReadAsync(response)).GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetInt64());
        Assert.Equal(inside.Order(), hits.Order());
    }

    [Theory]
    [InlineData("106.80,10.90;106.86,11.00;106.92,10.90", "not closed")]
    [InlineData("106.80,10.90;106.92,11.00;106.80,11.00;106.92,10.90;106.80,10.90", "crosses or touches itself")]
    [InlineData("106.80,10.90;106.86,11.00;106.80,10.90", "at least three corners")]
    [InlineData("106.80,10.90;106.86;106.92,10.90;106.80,10.90", "lon,lat")]
    [InlineData("10.90,106.80;11.00,106.86;10.90,106.92;10.90,106.80", "within ±90")]
    [InlineData("105.00,10.00;105.10,10.00;105.05,10.10;105.00,10.00", "province")]
    public async Task Search_Returns400NamingPolygon_WithTheReason(string polygon, string reason)
    {
        var response = await factory.CreateClient().GetAsync($"/api/search/rentals?polygon={Uri.EscapeDataString(polygon)}");

        await Problems.AssertFieldErrorAsync(response, "polygon");
        var errors = (await Problems.ReadAsync(response)).GetProperty("errors").GetProperty("polygon");
        Assert.Contains(errors.EnumerateArray(), message => message.GetString()!.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_Returns400NamingPolygon_WhenItHasTooManyVertices()
    {
        var ring = Enumerable.Range(0, 201)
            .Select(i => (Lon: 106.85 + (0.05 * Math.Cos(i * 2 * Math.PI / 201)), Lat: 10.95 + (0.05 * Math.Sin(i * 2 * Math.PI / 201))))
            .Select(p => FormattableString.Invariant($"{p.Lon:F6},{p.Lat:F6}"))
            .ToList();
        ring.Add(ring[0]);

        var response = await factory.CreateClient().GetAsync($"/api/search/rentals?polygon={Uri.EscapeDataString(string.Join(';', ring))}");

        await Problems.AssertFieldErrorAsync(response, "polygon");
    }

    [Theory]
    [InlineData("&radiusKm=3&lat=10.95&lon=106.86")]
    [InlineData("&near=amata")]
    [InlineData("&bbox=106.80,10.90,106.95,11.00")]
    public async Task Search_Returns400NamingPolygon_WhenAnotherAreaIsGivenToo(string other)
    {
        var response = await factory.CreateClient().GetAsync($"/api/search/rentals?polygon={Uri.EscapeDataString(Triangle)}{other}");

        await Problems.AssertFieldErrorAsync(response, "polygon");
    }

    private async Task PollAsync(string url, int total, TimeSpan deadline)
    {
        var client = factory.CreateClient();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            var body = await client.GetFromJsonAsync<JsonElement>(url);
            if (body.GetProperty("total").GetInt32() >= total)
            {
                return;
            }

            await Task.Delay(25);
        }
    }
}
