using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DongNai.Domain.Places;
using DongNai.Search;
using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Api.Tests.Feed;

/// <summary>
/// The home feed through HTTP over the real database and index. Each test builds its listings
/// around its own place, more than 20 km from the others' (the feed looks 10 km around), so the
/// tests of the class, which share one service, do not see each other's listings.
/// </summary>
public sealed class FeedApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly PlaceCatalog Places = PlaceCatalog.Load();

    [Fact]
    public async Task Feed_NeverRepeatsAnItemAcrossPages_EvenWhenListingsArriveBetweenPages()
    {
        var (lat, lon) = (10.925, 107.10);
        var owners = new[] { await factory.SignUpAsync(), await factory.SignUpAsync(), await factory.SignUpAsync() };
        for (var i = 0; i < 12; i++)
        {
            await CreateAsync(owners[i % 3], "rentals", Rental(lat + (i * 0.002), lon, 1_500_000 + (i * 50_000), $"Phòng trọ số {i}"));
            await CreateAsync(owners[(i + 1) % 3], "classifieds", Classified(lat, lon + (i * 0.002), $"Đồ cũ số {i}"));
        }

        await WaitForIndexAsync();
        var url = $"/api/feed?lat={Invariant(lat)}&lon={Invariant(lon)}&size=5";

        var seen = new List<(string Kind, long Id)>();
        var page = await GetAsync(url);
        seen.AddRange(Items(page));
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(owners[0], "rentals", Rental(lat + 0.001, lon + 0.001, 1_000_000, $"Phòng mới đến {i}"));
        }

        await WaitForIndexAsync();
        while (page.GetProperty("nextCursor").GetString() is { } cursor)
        {
            page = await GetAsync($"{url}&cursor={Uri.EscapeDataString(cursor)}");
            seen.AddRange(Items(page));
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.True(seen.Count >= 24, $"Only {seen.Count} items over every page.");
    }

    [Fact]
    public async Task Feed_MixesKinds_NeverMoreThanTwoOfAKindInARow_WhileBothRemain()
    {
        var (lat, lon) = (11.35, 106.95);
        var owner = await factory.SignUpAsync();
        var other = await factory.SignUpAsync();
        for (var i = 0; i < 8; i++)
        {
            // The rentals are nearest, so by relevance alone the first page would be a wall of rentals.
            await CreateAsync(i % 2 == 0 ? owner : other, "rentals", Rental(lat + (i * 0.0005), lon, 1_500_000, $"Phòng trọ gần {i}"));
            await CreateAsync(i % 2 == 0 ? other : owner, "classifieds", Classified(lat + 0.05 + (i * 0.001), lon, $"Bán đồ xa {i}"));
        }

        await WaitForIndexAsync();

        var page = await GetAsync($"/api/feed?lat={Invariant(lat)}&lon={Invariant(lon)}&size=10");

        var kinds = Items(page).Select(item => item.Kind).ToList();
        Assert.Equal(10, kinds.Count);
        Assert.Contains("rentals", kinds);
        Assert.Contains("classifieds", kinds);
        Assert.True(LongestRun(kinds) <= 2, string.Join(", ", kinds));
    }

    [Fact]
    public async Task Feed_NeverShowsADismissedItem_OnAnyPageOrLaterFeed()
    {
        var park = Places.FindPark("nhon-trach-3")!;
        var worker = await factory.SignUpAsync();
        (await worker.Client.PutAsJsonAsync("/api/accounts/me/profile", new { displayName = "Trần Thị Bình", homeCommuneCode = park.CommuneCode, industrialParkCode = park.Code }))
            .EnsureSuccessStatusCode();
        var owner = await factory.SignUpAsync();
        for (var i = 0; i < 10; i++)
        {
            await CreateAsync(owner, i % 2 == 0 ? "rentals" : "classifieds", i % 2 == 0
                ? Rental(park.Latitude + (i * 0.001), park.Longitude, 1_600_000, $"Phòng Nhơn Trạch {i}")
                : Classified(park.Latitude, park.Longitude + (i * 0.001), $"Đồ Nhơn Trạch {i}"));
        }

        await WaitForIndexAsync();
        var first = Items(await GetAsync("/api/feed?size=4", worker.Client))[0];

        var dismissed = await worker.Client.PostAsync($"/api/feed/{first.Kind}/{first.Id}/dismiss", null);
        var again = await worker.Client.PostAsync($"/api/feed/{first.Kind}/{first.Id}/dismiss", null);
        var seen = new List<(string Kind, long Id)>();
        var page = await GetAsync("/api/feed?size=4", worker.Client);
        seen.AddRange(Items(page));
        while (page.GetProperty("nextCursor").GetString() is { } cursor)
        {
            page = await GetAsync($"/api/feed?size=4&cursor={Uri.EscapeDataString(cursor)}", worker.Client);
            seen.AddRange(Items(page));
        }

        Assert.Equal(HttpStatusCode.NoContent, dismissed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.True(seen.Count >= 9, $"Only {seen.Count} items.");
        Assert.DoesNotContain(first, seen);
    }

    [Fact]
    public async Task Feed_Anonymous_NearAPark_SaysTheDistanceThatTheItemCarries_AndTheBudget()
    {
        var amata = Places.FindPark("amata")!;
        var owner = await factory.SignUpAsync();
        var points = new Dictionary<long, (double Lat, double Lon)>();
        double[] offsets = [0.004, 0.011, 0.019, 0.027];
        foreach (var (offset, i) in offsets.Select((o, i) => (o, i)))
        {
            var (lat, lon) = (amata.Latitude + offset, amata.Longitude - (offset / 2));
            var id = await CreateAsync(owner, "rentals", Rental(lat, lon, i % 2 == 0 ? 1_800_000 : 2_400_000, $"Phòng gần Amata {i}"));
            points[id] = (lat, lon);
        }

        await WaitForIndexAsync();

        var page = await GetAsync("/api/feed?near=amata&budgetVnd=2000000&size=20");

        var items = page.GetProperty("items").EnumerateArray().Where(item => points.ContainsKey(item.GetProperty("id").GetInt64())).ToList();
        Assert.Equal(offsets.Length, items.Count);
        foreach (var item in items)
        {
            var (lat, lon) = points[item.GetProperty("id").GetInt64()];
            var km = item.GetProperty("distanceKm").GetDouble();
            var reasons = item.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
            Assert.Equal(GeoMath.HaversineKm(amata.Latitude, amata.Longitude, lat, lon), km, 2);
            Assert.Equal("KCN Amata", item.GetProperty("distanceFrom").GetString());
            Assert.Equal($"Cách KCN Amata {Math.Round(km, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',')} km", reasons[0]);
            Assert.Equal(item.GetProperty("priceVnd").GetInt64() <= 2_000_000, reasons.Contains("Trong ngân sách của bạn"));
            Assert.Contains("Mới đăng", reasons);
        }
    }

    [Fact]
    public async Task Feed_ColdStart_ShowsWhatPeopleOfTheSamePark_EngageWith()
    {
        var park = Places.FindPark("dinh-quan")!;
        var owner = await factory.SignUpAsync();
        var ids = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            // The popular one is the farthest: by distance alone it would come last.
            ids.Add(await CreateAsync(owner, "classifieds", Classified(park.Latitude + (i * 0.004), park.Longitude, $"Đồ Định Quán {i}")));
        }

        var popular = ids[^1];
        await WaitForIndexAsync();
        for (var i = 0; i < 3; i++)
        {
            var colleague = await factory.SignUpAsync();
            (await colleague.Client.PutAsJsonAsync("/api/accounts/me/profile", new { displayName = "Lê Văn Cường", homeCommuneCode = (string?)null, industrialParkCode = park.Code }))
                .EnsureSuccessStatusCode();
            var events = new JsonObject
            {
                ["events"] = new JsonArray(new JsonObject { ["clientEventId"] = Guid.NewGuid().ToString("N"), ["type"] = "save", ["kind"] = "classifieds", ["listingId"] = popular }),
            };
            (await colleague.Client.PostAsJsonAsync("/api/events", events)).EnsureSuccessStatusCode();
        }

        var newcomer = await factory.SignUpAsync();
        (await newcomer.Client.PutAsJsonAsync("/api/accounts/me/profile", new { displayName = "Phạm Thị Dung", homeCommuneCode = (string?)null, industrialParkCode = park.Code }))
            .EnsureSuccessStatusCode();
        factory.Clock.Advance(TimeSpan.FromSeconds(1));

        var page = await GetAsync("/api/feed?size=5", newcomer.Client);

        Assert.True(page.GetProperty("coldStart").GetBoolean());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(5, items.Count);
        var shown = items.Single(item => item.GetProperty("id").GetInt64() == popular);
        Assert.Contains($"Nhiều người gần {park.Name} quan tâm", shown.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Feed_RanksBySignedInPersonsTastes_WhereAnonymousGetsTheEnginesOrder()
    {
        // A place of its own (no other test of the class is within 30 km): furniture 300 m away,
        // phones 1 km away, same price, one of each per owner so no owner rule binds.
        var (lat, lon) = (10.60, 107.30);
        var furniture = new HashSet<long>();
        var phones = new HashSet<long>();
        for (var i = 0; i < 6; i++)
        {
            var owner = await factory.SignUpAsync();
            var near = Classified(lat + 0.0027, lon + (i * 0.0001), $"Bàn ghế gỗ {i}");
            near["category"] = "furniture";
            furniture.Add(await CreateAsync(owner, "classifieds", near));
            var farther = Classified(lat + 0.009, lon + (i * 0.0001), $"Điện thoại cũ {i}");
            farther["category"] = "phones";
            phones.Add(await CreateAsync(owner, "classifieds", farther));
        }

        // The worker saved three phones elsewhere (30 km off, outside the feed's 10 km).
        var worker = await factory.SignUpAsync();
        var seller = await factory.SignUpAsync();
        var saves = new JsonArray();
        for (var i = 0; i < 3; i++)
        {
            var elsewhere = Classified(lat, lon + 0.30 + (i * 0.001), $"Điện thoại nơi khác {i}");
            elsewhere["category"] = "phones";
            var id = await CreateAsync(seller, "classifieds", elsewhere);
            saves.Add(new JsonObject { ["clientEventId"] = Guid.NewGuid().ToString("N"), ["type"] = "save", ["kind"] = "classifieds", ["listingId"] = id });
        }

        (await worker.Client.PostAsJsonAsync("/api/events", new JsonObject { ["events"] = saves })).EnsureSuccessStatusCode();
        await WaitForIndexAsync();
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var url = $"/api/feed?lat={Invariant(lat)}&lon={Invariant(lon)}&kinds=classifieds&size=6";

        var mine = Items(await GetAsync(url, worker.Client)).Select(item => item.Id).ToList();
        var anonymous = Items(await GetAsync(url)).Select(item => item.Id).ToList();

        Assert.Equal(6, mine.Count);
        Assert.True(mine.All(phones.Contains), $"The worker who saves phones got {string.Join(", ", mine)}; phones are {string.Join(", ", phones)}.");
        Assert.Equal(6, anonymous.Count);
        Assert.True(anonymous.All(furniture.Contains), $"An anonymous caller got {string.Join(", ", anonymous)}; the nearer furniture is {string.Join(", ", furniture)}.");
    }

    [Fact]
    public async Task Feed_LooksBeyondThreeKilometres_OnlyForAKindWithTooFewCandidatesNearer()
    {
        // A place of its own: 40 rentals (a full kind's worth) within 1 km and one 6 km off;
        // classifieds only 6 km off, where the feed must still look for them.
        var (lat, lon) = (11.60, 107.10);
        var owners = new List<SignedInClient>();
        for (var i = 0; i < 20; i++)
        {
            owners.Add(await factory.SignUpAsync());
        }

        for (var i = 0; i < 40; i++)
        {
            await CreateAsync(owners[i % 20], "rentals", Rental(lat + (i * 0.0002), lon, 1_500_000, $"Phòng gần số {i}"));
        }

        // A year later the far rental is new: within the whole 10 km, its freshness would lift it
        // (0.72) above the year-old rentals 0.8 km off (0.70), so only the near circle keeps it out.
        factory.Clock.Advance(TimeSpan.FromDays(365));
        var later = await factory.SignUpAsync();
        var farRental = await CreateAsync(later, "rentals", Rental(lat + 0.054, lon, 1_500_000, "Phòng xa sáu cây số"));
        var farClassified = await CreateAsync(later, "classifieds", Classified(lat + 0.054, lon, "Đồ cũ xa sáu cây số"));
        await WaitForIndexAsync();
        var url = $"/api/feed?lat={Invariant(lat)}&lon={Invariant(lon)}&kinds=rentals&kinds=classifieds&size=50";

        var seen = new List<(string Kind, long Id)>();
        var page = await GetAsync(url);
        seen.AddRange(Items(page));
        while (page.GetProperty("nextCursor").GetString() is { } cursor)
        {
            page = await GetAsync($"{url}&cursor={Uri.EscapeDataString(cursor)}");
            seen.AddRange(Items(page));
        }

        Assert.Equal(40, seen.Count(item => item.Kind == "rentals"));
        Assert.DoesNotContain(("rentals", farRental), seen);
        Assert.Contains(("classifieds", farClassified), seen);
    }

    [Theory]
    [InlineData("/api/feed", "near")]
    [InlineData("/api/feed?near=atlantis", "near")]
    [InlineData("/api/feed?near=amata&lat=10.9&lon=106.8", "near")]
    [InlineData("/api/feed?lat=10.9", "lon")]
    [InlineData("/api/feed?near=amata&kinds=planes", "kinds")]
    [InlineData("/api/feed?near=amata&cursor=not-a-cursor", "cursor")]
    [InlineData("/api/feed?near=amata&size=0", "size")]
    [InlineData("/api/feed?near=amata&size=51", "size")]
    [InlineData("/api/feed?near=amata&budgetVnd=-1", "budgetVnd")]
    [InlineData("/api/feed?near=amata&colour=blue", "colour")]
    public async Task Feed_Returns400NamingTheParameter_WhenAValueIsInvalid(string url, string parameter)
    {
        var response = await factory.CreateClient().GetAsync(url);

        await Problems.AssertFieldErrorAsync(response, parameter);
    }

    [Fact]
    public async Task Feed_Returns400NamingNear_ForASignedInPersonWithNoParkHomeOrPlace()
    {
        var worker = await factory.SignUpAsync();

        var response = await worker.Client.GetAsync("/api/feed");

        await Problems.AssertFieldErrorAsync(response, "near");
    }

    [Fact]
    public async Task Feed_RefusesACursor_IssuedForAnotherPlace()
    {
        var owner = await factory.SignUpAsync();
        var amata = Places.FindPark("amata")!;
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(owner, "classifieds", Classified(amata.Latitude, amata.Longitude + (i * 0.001), $"Đồ Amata {i}"));
        }

        await WaitForIndexAsync();
        var cursor = (await GetAsync("/api/feed?near=amata&size=1")).GetProperty("nextCursor").GetString();

        var response = await factory.CreateClient().GetAsync($"/api/feed?near=loteco&size=1&cursor={Uri.EscapeDataString(cursor!)}");

        await Problems.AssertFieldErrorAsync(response, "cursor");
    }

    [Fact]
    public async Task Dismiss_Returns400NamingKind_ForAnUnknownKind_And404_ForAnUnknownListing()
    {
        var worker = await factory.SignUpAsync();

        var unknownKind = await worker.Client.PostAsync("/api/feed/spaceships/1/dismiss", null);
        var unknownListing = await worker.Client.PostAsync("/api/feed/rentals/987654321/dismiss", null);

        await Problems.AssertFieldErrorAsync(unknownKind, "kind");
        Assert.Equal(HttpStatusCode.NotFound, unknownListing.StatusCode);
    }

    [Fact]
    public async Task Feed_SaysWhichSkillOfTheCvAJobNames_AndTakesTheCvsSalaryExpectation_WhenNoSalaryIsGiven()
    {
        // The park farthest from every other test's place, so no other listing of the class is within 10 km.
        (double Lat, double Lon)[] others = [(10.925, 107.10), (11.35, 106.95), Point("nhon-trach-3"), Point("amata"), Point("dinh-quan")];
        var park = Places.IndustrialParks.MaxBy(p => others.Min(o => GeoMath.HaversineKm(p.Latitude, p.Longitude, o.Lat, o.Lon)))!;
        var (worker, _) = await Cvs.CvRequests.VerifiedWorkerAsync(factory);
        var cv = Cvs.CvRequests.Cv(); // skills "May công nghiệp", "Đóng gói"; expects 8,000,000 VND
        cv["industrialParkCode"] = park.Code; // not at Amata, where another test counts what the feed shows
        await Cvs.CvRequests.CreateCvAsync(worker, cv);
        var (_, sewing) = await Cvs.CvRequests.EmployerWithJobAsync(factory, job => Place(job, park, 0.010, "Tuyển công nhân may công nghiệp ca đêm", 7_000_000, 10_000_000));
        var (_, guard) = await Cvs.CvRequests.EmployerWithJobAsync(factory, job => Place(job, park, 0.012, "Tuyển bảo vệ nhà xưởng", 7_000_000, 9_000_000));
        var (_, lowPay) = await Cvs.CvRequests.EmployerWithJobAsync(factory, job => Place(job, park, 0.014, "Tuyển công nhân may thời vụ", 4_500_000, 5_500_000));
        await WaitForIndexAsync();
        var url = $"/api/feed?near={park.Code}&kinds=jobs&size=50";

        var mine = Reasons(await GetAsync(url, worker.Client));
        var anonymous = Reasons(await GetAsync(url));

        Assert.Contains("Đúng kỹ năng: may công nghiệp", mine[sewing]);
        Assert.Contains("Mức lương đúng mong muốn của bạn", mine[sewing]);
        Assert.DoesNotContain(mine[guard], reason => reason.StartsWith("Đúng kỹ năng", StringComparison.Ordinal));
        Assert.Contains("Mức lương đúng mong muốn của bạn", mine[guard]);
        // The CV's 8 million narrows jobs to those paying at least 80 % of it, as salaryVnd would.
        Assert.False(mine.ContainsKey(lowPay), "A job paying at most 5.5 million was shown to a worker expecting 8 million.");
        Assert.True(anonymous.ContainsKey(lowPay));
        Assert.DoesNotContain(anonymous[sewing], reason => reason.StartsWith("Đúng kỹ năng", StringComparison.Ordinal) || reason == "Mức lương đúng mong muốn của bạn");

        static (double, double) Point(string code) => Places.FindPark(code) is { } p ? (p.Latitude, p.Longitude) : throw new InvalidOperationException(code);
    }

    [Fact]
    public async Task Feed_ShowsNewsByItsPublicationDate_FreshestFirst_AndLeavesOutNewsOlderThanThreeDays_WhichStaysSearchable()
    {
        var (lat, lon) = (10.80, 107.05);
        var staff = await factory.SignUpAsAsync(DongNai.Domain.People.Role.AgencyStaff);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var token = $"tin{Guid.NewGuid():N}"[..14];
        async Task<long> ArticleAsync(string title, TimeSpan age)
        {
            var article = ListingPayloads.News();
            article["title"] = $"{title} {token}";
            article["publishedAt"] = (now - age).ToString("O", CultureInfo.InvariantCulture);
            article["latitude"] = lat;
            article["longitude"] = lon;
            return await CreateAsync(staff, "news", article);
        }

        // Written in this order, so that the order they were stored in says nothing of their age.
        var old = await ArticleAsync("Tin năm ngày trước", TimeSpan.FromDays(5));
        var twoDays = await ArticleAsync("Tin hai ngày trước", TimeSpan.FromDays(2));
        var fresh = await ArticleAsync("Tin sáng nay", TimeSpan.FromHours(2));
        await WaitForIndexAsync();

        var shown = Items(await GetAsync($"/api/feed?lat={Invariant(lat)}&lon={Invariant(lon)}&kinds=news&size=20")).Select(item => item.Id).ToList();
        var searched = await GetAsync($"/api/search/news?q={token}");

        Assert.Equal([fresh, twoDays], shown.Where(id => id == fresh || id == twoDays || id == old));
        Assert.Contains(old, searched.GetProperty("hits").EnumerateArray().Select(hit => hit.GetProperty("id").GetInt64()));
    }

    private static void Place(JsonObject job, IndustrialPark park, double north, string title, long salaryMin, long salaryMax)
    {
        job["title"] = title;
        job["latitude"] = park.Latitude + north;
        job["longitude"] = park.Longitude;
        job["salaryMinVnd"] = salaryMin;
        job["salaryMaxVnd"] = salaryMax;
    }

    private static Dictionary<long, List<string>> Reasons(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().ToDictionary(
            item => item.GetProperty("id").GetInt64(),
            item => item.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList());

    private static List<(string Kind, long Id)> Items(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(item => (item.GetProperty("kind").GetString()!, item.GetProperty("id").GetInt64())).ToList();

    private async Task<JsonElement> GetAsync(string url, HttpClient? client = null)
    {
        var response = await (client ?? factory.CreateClient()).GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<long> CreateAsync(SignedInClient owner, string kind, JsonObject payload)
    {
        var response = await owner.Client.PostAsJsonAsync($"/api/{kind}", payload);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/{kind}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>Until every listing written so far is searchable (the outbox drains on its own).</summary>
    private async Task WaitForIndexAsync()
    {
        var engine = factory.Services.GetRequiredService<ISearchEngine>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var outbox = await factory.WithDbAsync(db => Task.FromResult(db.Outbox.Count()));
            if (outbox == 0)
            {
                await engine.RefreshAsync();
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{outbox} listings never reached the index.");
            await Task.Delay(100);
        }
    }

    private static JsonObject Rental(double lat, double lon, long price, string title)
    {
        var payload = ListingPayloads.Rental();
        payload["title"] = title;
        payload["latitude"] = lat;
        payload["longitude"] = lon;
        payload["priceVnd"] = price;
        return payload;
    }

    private static JsonObject Classified(double lat, double lon, string title)
    {
        var payload = ListingPayloads.Classified();
        payload["title"] = title;
        payload["latitude"] = lat;
        payload["longitude"] = lon;
        return payload;
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static int LongestRun(IEnumerable<string> kinds)
    {
        int longest = 0, run = 0;
        string? last = null;
        foreach (var kind in kinds)
        {
            run = kind == last ? run + 1 : 1;
            last = kind;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
