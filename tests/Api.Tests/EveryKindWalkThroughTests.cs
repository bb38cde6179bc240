using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DongNai.Domain.Listings;
using DongNai.Domain.Places;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Api.Tests;

/// <summary>
/// Walks every registered kind through its whole life over HTTP: create, index, rebuild, search
/// with each of its filters and facets, its money field, a bounding box and cursor paging, related,
/// delete. A kind registered in <see cref="ListingKinds"/> but not wired into one of these places
/// fails here, loudly, instead of silently in production.
/// </summary>
public sealed class EveryKindWalkThroughTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static int s_token;

    /// <summary>
    /// The kinds anyone may search and that are written through the generic listing routes; CVs, searched
    /// by employers alone, have their own tests (Cvs/), and feedback reports, written through their
    /// moderation workflow, theirs (Civic/Feedback/FeedbackSearchTests).
    /// </summary>
    public static TheoryData<string> Kinds => [.. ListingKinds.Public.Where(d => d.HasListingRoutes).Select(d => d.Slug)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Kind_IsCreatedIndexedRebuiltSearchedWithEveryFilterRelatedAndDeleted(string slug)
    {
        var kind = ListingKinds.Descriptors.Single(d => d.Slug == slug);
        var owner = kind.CreatorRoles.Count == 0 ? await factory.SignUpAsync() : await factory.SignUpAsAsync(kind.CreatorRoles[0]);
        var token = NewToken();
        var payload = await SampleAsync(kind, owner, token);
        var id = await CreateAsync(owner, slug, payload);
        var twin = await CreateAsync(owner, slug, payload);
        var search = $"/api/search/{slug}?q={token}";

        // Indexed through the outbox, then again after a full rebuild.
        Assert.True(await PollAsync(search, ids => ids.Contains(id) && ids.Contains(twin)), $"The new {slug} were never searchable.");
        await RebuildAsync();
        Assert.Equal([id, twin], (await IdsAsync(search)).Order());

        // Every filter and facet of the kind, on the document its descriptor builds.
        var document = await DocumentAsync(kind, id);
        var page = await GetAsync(search);
        foreach (var filter in kind.Search.Filters)
        {
            Assert.True(document.Keywords.TryGetValue(filter.Name, out var values), $"The {slug} sample does not exercise the filter '{filter.Name}'.");
            Assert.Contains(id, await IdsAsync($"{search}&{filter.Name}={Uri.EscapeDataString(values[0])}"));
            if (filter.Values?.Except(values).FirstOrDefault() is { } other)
            {
                Assert.DoesNotContain(id, await IdsAsync($"{search}&{filter.Name}={other}"));
            }
        }

        foreach (var facet in kind.Search.Facets)
        {
            var counts = page.GetProperty("facets").GetProperty(facet).EnumerateArray().ToDictionary(v => v.GetProperty("value").GetString()!, v => v.GetProperty("count").GetInt32());
            Assert.All(document.Keywords[facet], value => Assert.Equal(2, counts.GetValueOrDefault(value)));
        }

        // The money field is named as the kind names it, and the money and place filters apply to it;
        // a kind without money has no price facet and refuses price parameters.
        var hit = page.GetProperty("hits").EnumerateArray().First(h => h.GetProperty("id").GetInt64() == id);
        Assert.Equal(slug, hit.GetProperty("kind").GetString());
        if (kind.Search.Money == MoneyField.None)
        {
            Assert.False(page.GetProperty("facets").TryGetProperty("price", out _), $"The {slug} search has a price facet.");
            Assert.Equal(HttpStatusCode.BadRequest, (await factory.CreateClient().GetAsync($"{search}&minPrice=1")).StatusCode);
        }
        else
        {
            Assert.Equal(kind.Search.PriceBands.Count + 1, page.GetProperty("facets").GetProperty("price").GetArrayLength());
            Assert.Equal(document.PriceMin, hit.GetProperty(MoneyProperty(kind.Search.Money)).GetInt64());
            Assert.Contains(id, await IdsAsync($"{search}&minPrice={document.PriceMin}&maxPrice={document.PriceMax}"));
            Assert.DoesNotContain(id, await IdsAsync($"{search}&minPrice={document.PriceMax + 1}"));
        }

        Assert.Contains(id, await IdsAsync($"{search}&{Box(document.Latitude!.Value, document.Longitude!.Value, 0.01)}"));
        Assert.DoesNotContain(id, await IdsAsync($"{search}&{Box(document.Latitude.Value + 0.5, document.Longitude.Value, 0.01)}"));
        await CheckKindSpecificFiltersAsync(kind, document, search, id);

        // Cursor paging: one hit a page, each of the two exactly once.
        var first = await GetAsync($"{search}&size=1");
        var cursor = first.GetProperty("nextCursor").GetString()!;
        var second = await GetAsync($"{search}&size=1&cursor={Uri.EscapeDataString(cursor)}");
        Assert.Equal([id, twin], Ids(first).Concat(Ids(second)).Order());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        // Related finds the twin, never the listing itself.
        var related = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/{slug}/{id}/related", ApiFactory.Json);
        var relatedIds = related.EnumerateArray().Select(h => h.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(twin, relatedIds);
        Assert.DoesNotContain(id, relatedIds);

        // Delete: gone from the database, the index and related.
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/{slug}/{id}")).StatusCode);
        Assert.True(await PollAsync(search, ids => !ids.Contains(id) && ids.Contains(twin)), $"The deleted {slug} stayed searchable.");
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/api/{slug}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/api/{slug}/{id}/related")).StatusCode);
    }

    [Fact]
    public void Registry_HasOneDescriptorPerStoredCode_WithItsOwnSlugTableAndEntity()
    {
        var descriptors = ListingKinds.Descriptors;

        Assert.Equal(Enum.GetValues<ListingKind>().Order(), descriptors.Select(d => d.Kind));
        Assert.Equal(descriptors.Count, descriptors.Select(d => d.Slug).Distinct().Count());
        Assert.Equal(descriptors.Count, descriptors.Select(d => d.Table).Distinct().Count());
        Assert.Equal(descriptors.Count, descriptors.Select(d => d.EntityType).Distinct().Count());
        Assert.All(descriptors, d => Assert.Equal(d.Kind, ((Listing)Activator.CreateInstance(d.EntityType)!).Kind));
        Assert.Equal(1.0, descriptors.Sum(d => d.DemoShare), 9);
    }

    [Fact]
    public void SearchProfiles_FacetOnlyOnTheirOwnFilters()
    {
        Assert.All(ListingKinds.Descriptors, kind =>
            Assert.All(kind.Search.Facets, facet => Assert.NotNull(kind.Search.Filter(facet))));
    }

    private async Task CheckKindSpecificFiltersAsync(ListingKindDescriptor kind, SearchDocument document, string search, long id)
    {
        if (kind.Search.HasArea)
        {
            Assert.Contains(id, await IdsAsync($"{search}&minArea={Number(document.AreaM2!.Value)}&maxArea={Number(document.AreaM2.Value)}"));
            Assert.DoesNotContain(id, await IdsAsync($"{search}&minArea={Number(document.AreaM2.Value + 1)}"));
        }

        if (kind.Search.HasDepartures)
        {
            var departure = TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(document.DeparturesMinuteOfDay![0]));
            Assert.Contains(id, await IdsAsync($"{search}&departFrom={departure:HH\\:mm}&departTo={departure.AddMinutes(1):HH\\:mm}"));
        }
    }

    /// <summary>A valid create request of the kind that fills every field its filters read; extend it when a kind is added.</summary>
    private async Task<JsonObject> SampleAsync(ListingKindDescriptor kind, SignedInClient owner, string token)
    {
        var places = factory.Services.GetRequiredService<PlaceCatalog>();
        var park = places.NearestPark(ListingPayloads.AmataLatitude, ListingPayloads.AmataLongitude).Code;
        var commune = places.NearestCommune(ListingPayloads.AmataLatitude, ListingPayloads.AmataLongitude).Code;
        JsonObject sample = kind.Kind switch
        {
            ListingKind.Job => ListingPayloads.Job(await CreateEmployerAsync(owner)),
            ListingKind.Rental => ListingPayloads.Rental(),
            ListingKind.Classified => ListingPayloads.Classified(),
            ListingKind.Voucher => ListingPayloads.Voucher(),
            ListingKind.BusRoute => ListingPayloads.BusRoute(),
            ListingKind.PublicService => Civic.PublicServices.PublicServiceRequests.Service(),
            ListingKind.News => ListingPayloads.News(),
            _ => throw new InvalidOperationException($"Add a sample request for the new kind '{kind.Slug}' to {nameof(EveryKindWalkThroughTests)}."),
        };
        sample["title"] = $"{sample["title"]} {token}";
        sample["communeCode"] = commune;
        if (kind.Kind == ListingKind.Job)
        {
            sample["industrialParkCode"] = park;
        }
        else if (kind.Kind == ListingKind.Rental)
        {
            sample["nearestParkCode"] = park;
        }

        return sample;
    }

    private static async Task<long> CreateEmployerAsync(SignedInClient owner)
    {
        var taxCode = (3_600_000_000L + Interlocked.Increment(ref s_token)).ToString(CultureInfo.InvariantCulture);
        var response = await owner.Client.PostAsJsonAsync("/api/employers", new { name = "Công ty TNHH Điện Tử Amata", taxCode });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await Problems.ReadAsync(response)).GetProperty("id").GetInt64();
    }

    private static async Task<long> CreateAsync(SignedInClient owner, string slug, JsonObject payload)
    {
        var response = await owner.Client.PostAsJsonAsync($"/api/{slug}", payload);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await Problems.ReadAsync(response)).GetProperty("id").GetInt64();
    }

    private async Task<SearchDocument> DocumentAsync(ListingKindDescriptor kind, long id)
    {
        var places = factory.Services.GetRequiredService<PlaceCatalog>();
        var listing = await factory.WithDbAsync(db => kind.LoadAsync(db, [id], CancellationToken.None));
        return kind.BuildDocument(Assert.Single(listing), places);
    }

    /// <summary>Starts a rebuild as the admin and waits for its Hangfire job to succeed.</summary>
    private async Task RebuildAsync()
    {
        var admin = factory.CreateClient();
        var signIn = await admin.PostAsJsonAsync("/api/accounts/sign-in", new { phone = "0900000009", password = "QuanTri@2026" });
        admin.DefaultRequestHeaders.Authorization = new("Bearer", (await Problems.ReadAsync(signIn)).GetProperty("accessToken").GetString());
        var response = await admin.PostAsync("/api/admin/search/rebuild", null);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var jobId = (await Problems.ReadAsync(response)).GetProperty("jobId").GetString();

        var monitoring = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var clock = Stopwatch.StartNew();
        while (monitoring.JobDetails(jobId)?.History.Any(state => state.StateName == "Succeeded") != true)
        {
            Assert.DoesNotContain(monitoring.JobDetails(jobId)?.History ?? [], state => state.StateName == "Failed");
            Assert.True(clock.Elapsed < Deadline, "The rebuild job did not finish.");
            await Task.Delay(50);
        }
    }

    private async Task<JsonElement> GetAsync(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {await response.Content.ReadAsStringAsync()}");
        return await Problems.ReadAsync(response);
    }

    private async Task<List<long>> IdsAsync(string url) => Ids(await GetAsync(url));

    private static List<long> Ids(JsonElement page) =>
        page.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetInt64()).ToList();

    private async Task<bool> PollAsync(string url, Func<List<long>, bool> accept)
    {
        var clock = Stopwatch.StartNew();
        do
        {
            if (accept(await IdsAsync(url)))
            {
                return true;
            }

            await Task.Delay(50);
        }
        while (clock.Elapsed < Deadline);

        return false;
    }

    /// <summary>A word no other listing has, so a search for it finds only this test's listings.</summary>
    private static string NewToken()
    {
        var n = Interlocked.Increment(ref s_token);
        return "kiemtra" + new string([.. n.ToString("D4", CultureInfo.InvariantCulture).Select(d => (char)('a' + (d - '0')))]);
    }

    private static string MoneyProperty(MoneyField money) => money switch
    {
        MoneyField.Salary => "salaryMinVnd",
        MoneyField.Price => "priceVnd",
        MoneyField.Fare => "fareVnd",
        _ => throw new ArgumentOutOfRangeException(nameof(money), money, null),
    };

    private static string Box(double latitude, double longitude, double half) =>
        "bbox=" + string.Join(',', new[] { longitude - half, latitude - half, longitude + half, latitude + half }.Select(Number));

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
