using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace DongNai.Api.Tests;

/// <summary>
/// Every validation rule of every listing kind: a valid request is broken in one field at a time,
/// and the 400 problem response must name that field. <c>null</c> as the value removes the field.
/// </summary>
public sealed class ListingValidationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    public static TheoryData<string, string, string?, string> Cases => new()
    {
        // Rules every kind shares (shown on rentals; the same code serves all five).
        { "rentals", "title", null, "title" },
        { "rentals", "title", "\"Ab\"", "title" },
        { "rentals", "title", "\"   \"", "title" },
        { "rentals", "title", $"\"{new string('x', 201)}\"", "title" },
        { "rentals", "description", null, "description" },
        { "rentals", "description", "\"ngắn\"", "description" },
        { "rentals", "latitude", null, "latitude" },
        { "rentals", "longitude", null, "longitude" },
        { "rentals", "latitude", "95", "latitude" },
        { "rentals", "longitude", "-200", "longitude" },
        { "rentals", "latitude", "21.0285", "latitude" },
        { "rentals", "longitude", "105.8542", "latitude" },
        { "rentals", "latitude", "\"mười\"", "latitude" },
        { "rentals", "communeCode", "\"99999\"", "communeCode" },
        { "rentals", "unknownField", "1", "unknownField" },
        // Rentals.
        { "rentals", "rentalType", null, "rentalType" },
        { "rentals", "rentalType", "\"castle\"", "rentalType" },
        { "rentals", "rentalType", "2", "rentalType" },
        { "rentals", "priceVnd", null, "priceVnd" },
        { "rentals", "priceVnd", "50000", "priceVnd" },
        { "rentals", "priceVnd", "1800000.5", "priceVnd" },
        { "rentals", "priceVnd", "2000000000", "priceVnd" },
        { "rentals", "depositVnd", "-1", "depositVnd" },
        { "rentals", "areaM2", null, "areaM2" },
        { "rentals", "areaM2", "0", "areaM2" },
        { "rentals", "maxOccupants", "0", "maxOccupants" },
        { "rentals", "maxOccupants", null, "maxOccupants" },
        { "rentals", "amenities", "[\"pool\"]", "amenities[0]" },
        { "rentals", "photoUrls", "[\"not a url\"]", "photoUrls[0]" },
        { "rentals", "photoUrls", "[\"ftp://example.vn/a.jpg\"]", "photoUrls[0]" },
        { "rentals", "photoUrls", $"[{string.Join(",", Enumerable.Repeat("\"https://example.vn/a.jpg\"", 21))}]", "photoUrls" },
        { "rentals", "nearestParkCode", "\"khong-co\"", "nearestParkCode" },
        // Jobs.
        { "jobs", "employerId", null, "employerId" },
        { "jobs", "employerId", "987654321", "employerId" },
        { "jobs", "headcount", "0", "headcount" },
        { "jobs", "headcount", null, "headcount" },
        { "jobs", "salaryMinVnd", null, "salaryMinVnd" },
        { "jobs", "salaryMinVnd", "500000", "salaryMinVnd" },
        { "jobs", "salaryMaxVnd", "6000000", "salaryMaxVnd" },
        { "jobs", "salaryMaxVnd", "600000000", "salaryMaxVnd" },
        { "jobs", "shift", null, "shift" },
        { "jobs", "shift", "\"evening\"", "shift" },
        { "jobs", "jobType", null, "jobType" },
        { "jobs", "jobType", "\"internship\"", "jobType" },
        { "jobs", "benefits", "[\"gym\"]", "benefits[0]" },
        { "jobs", "requirements", $"\"{new string('y', 3001)}\"", "requirements" },
        { "jobs", "expiresAt", "\"2020-01-01T00:00:00Z\"", "expiresAt" },
        { "jobs", "expiresAt", "\"2099-01-01T00:00:00Z\"", "expiresAt" },
        { "jobs", "expiresAt", "\"next week\"", "expiresAt" },
        { "jobs", "industrialParkCode", "\"khong-co\"", "industrialParkCode" },
        // Classifieds.
        { "classifieds", "category", null, "category" },
        { "classifieds", "category", "\"weapons\"", "category" },
        { "classifieds", "condition", null, "condition" },
        { "classifieds", "condition", "\"broken\"", "condition" },
        { "classifieds", "priceVnd", "-1", "priceVnd" },
        { "classifieds", "priceVnd", null, "priceVnd" },
        { "classifieds", "sellerName", null, "sellerName" },
        { "classifieds", "sellerName", "\"A\"", "sellerName" },
        // Vouchers.
        { "vouchers", "brand", null, "brand" },
        { "vouchers", "category", "\"groceries\"", "category" },
        { "vouchers", "category", null, "category" },
        { "vouchers", "discountPercent", null, "discountPercent" },
        { "vouchers", "discountPercent", "0", "discountPercent" },
        { "vouchers", "discountPercent", "101", "discountPercent" },
        { "vouchers", "discountAmountVnd", "50000", "discountPercent" },
        { "vouchers", "priceVnd", "-5", "priceVnd" },
        { "vouchers", "quantityTotal", "0", "quantityTotal" },
        { "vouchers", "quantityTotal", null, "quantityTotal" },
        { "vouchers", "quantityRemaining", "501", "quantityRemaining" },
        { "vouchers", "validFrom", null, "validFrom" },
        { "vouchers", "validTo", null, "validTo" },
        { "vouchers", "validTo", "\"2025-12-31T00:00:00+07:00\"", "validTo" },
        { "vouchers", "validTo", "\"2020-01-01T00:00:00+07:00\"", "validTo" },
        { "vouchers", "locations", "[]", "locations" },
        { "vouchers", "locations", null, "locations" },
        { "vouchers", "locations[0].name", null, "locations[0].name" },
        { "vouchers", "locations[0].latitude", "16.0544", "locations[0].latitude" },
        // Bus routes.
        { "bus-routes", "operator", null, "operator" },
        { "bus-routes", "hotline", null, "hotline" },
        { "bus-routes", "hotline", "\"123\"", "hotline" },
        { "bus-routes", "origin", null, "origin" },
        { "bus-routes", "destination", "\"BIEN HOA\"", "destination" },
        { "bus-routes", "stops", "[]", "stops" },
        { "bus-routes", "stops[0].latitude", "21.0285", "stops[0].latitude" },
        { "bus-routes", "stops[1].longitude", "120.5", "stops[1].longitude" },
        { "bus-routes", "stops[1].name", "\"\"", "stops[1].name" },
        { "bus-routes", "departures", "[]", "departures" },
        { "bus-routes", "departures", "[\"25:00\"]", "departures[0]" },
        { "bus-routes", "departures", "[\"05:30\",\"05:30\"]", "departures[1]" },
        { "bus-routes", "fareVnd", "-1", "fareVnd" },
        { "bus-routes", "fareVnd", null, "fareVnd" },
        { "bus-routes", "scope", "\"international\"", "scope" },
        { "bus-routes", "scope", null, "scope" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Create_Returns400NamingTheField_WhenOneFieldIsInvalid(string kind, string path, string? valueJson, string expectedField)
    {
        var (client, payload) = await ValidRequestAsync(kind);
        Mutate(payload, path, valueJson);

        var response = await client.PostAsJsonAsync($"/api/{kind}", payload);

        await Problems.AssertFieldErrorAsync(response, expectedField);
    }

    [Theory]
    [InlineData("jobs")]
    [InlineData("rentals")]
    [InlineData("classifieds")]
    [InlineData("vouchers")]
    [InlineData("bus-routes")]
    public async Task Create_Returns201_WhenRequestIsValid(string kind)
    {
        var (client, payload) = await ValidRequestAsync(kind);

        var response = await client.PostAsJsonAsync($"/api/{kind}", payload);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Update_Returns400AndKeepsTheListing_WhenAFieldIsInvalid()
    {
        var (client, payload) = await ValidRequestAsync("rentals");
        var location = (await client.PostAsJsonAsync("/api/rentals", payload)).Headers.Location!.ToString();
        Mutate(payload, "priceVnd", "-1");

        var response = await client.PutAsJsonAsync(location, payload);
        var after = await Problems.ReadAsync(await client.GetAsync(location));

        await Problems.AssertFieldErrorAsync(response, "priceVnd");
        Assert.Equal(1_800_000, after.GetProperty("priceVnd").GetInt64());
        Assert.Equal(1, after.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Create_Returns400Problem_WhenJsonIsMalformed()
    {
        var (client, _) = await ValidRequestAsync("rentals");

        var response = await client.PostAsync("/api/rentals", new StringContent("{\"title\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<(HttpClient Client, JsonObject Payload)> ValidRequestAsync(string kind)
    {
        switch (kind)
        {
            case "jobs":
            case "vouchers":
                var employer = await factory.SignUpAsync("employer");
                if (kind == "vouchers")
                {
                    return (employer.Client, ListingPayloads.Voucher());
                }

                var taxCode = Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var created = await employer.Client.PostAsJsonAsync("/api/employers", new { name = "Công ty TNHH Điện tử Biên Hòa", taxCode });
                created.EnsureSuccessStatusCode();
                return (employer.Client, ListingPayloads.Job((await Problems.ReadAsync(created)).GetProperty("id").GetInt64()));
            case "bus-routes":
                var staff = await factory.SignUpAsAsync(DongNai.Domain.People.Role.AgencyStaff);
                return (staff.Client, ListingPayloads.BusRoute());
            default:
                var worker = await factory.SignUpAsync();
                return (worker.Client, kind == "rentals" ? ListingPayloads.Rental() : ListingPayloads.Classified());
        }
    }

    /// <summary>Sets (or, for a null value, removes) the field at a path like <c>stops[1].latitude</c>.</summary>
    private static void Mutate(JsonObject payload, string path, string? valueJson)
    {
        JsonNode target = payload;
        var segments = path.Split('.');
        foreach (var segment in segments[..^1])
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = segment[..bracket];
            var index = int.Parse(segment[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            target = target[name]![index]!;
        }

        var last = segments[^1];
        if (valueJson is null)
        {
            target.AsObject().Remove(last);
        }
        else
        {
            target[last] = JsonNode.Parse(valueJson);
        }
    }
}
