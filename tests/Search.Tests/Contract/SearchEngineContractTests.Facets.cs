using DongNai.Domain.Listings;
using DongNai.Search.Tests.Builders;

namespace DongNai.Search.Tests.Contract;

public abstract partial class SearchEngineContractTests
{
    [ContractFact]
    public async Task Search_FacetCountsEqualCountsOfTheFilteredSet()
    {
        var random = new Random(21);
        string[] types = ["room", "house", "apartment", "dorm"];
        string[] amenities = ["wifi", "parking", "aircon", "kitchen"];
        var listings = Enumerable.Range(1, 200)
            .Select(i => ListingBuilder.Rental(i)
                .Titled(i % 3 == 0 ? "Phòng trọ Amata" : "Nhà cho thuê")
                .Priced(1_000_000 + (random.Next(0, 30) * 100_000))
                .Keyword("rentalType", types[random.Next(types.Length)])
                .Keyword("amenities", amenities.Where(_ => random.Next(2) == 0).ToArray())
                .Build())
            .ToList();
        await IndexAsync(listings);
        var query = Query("phong tro") with
        {
            MaxPrice = 2_500_000,
            Filters = new Dictionary<string, IReadOnlyList<string>> { ["rentalType"] = ["room", "dorm"] },
            Facets = ["rentalType", "amenities"],
            Size = 5,
        };
        var matching = listings
            .Where(d => d.Id % 3 == 0 && d.PriceMin <= 2_500_000 && d.Keywords["rentalType"].Any(t => t is "room" or "dorm"))
            .ToList();

        var result = await Engine.SearchAsync(query);

        Assert.Equal(matching.Count, result.Total);
        Assert.Equal(
            matching.SelectMany(d => d.Keywords["rentalType"]).CountBy(v => v).OrderBy(p => p.Key),
            result.Facets["rentalType"].Select(f => new KeyValuePair<string, int>(f.Value, f.Count)).OrderBy(p => p.Key));
        Assert.Equal(
            matching.SelectMany(d => d.Keywords["amenities"]).CountBy(v => v).OrderBy(p => p.Key),
            result.Facets["amenities"].Select(f => new KeyValuePair<string, int>(f.Value, f.Count)).OrderBy(p => p.Key));
    }

    [ContractFact]
    public async Task Search_OrdersFacetValuesByCount()
    {
        await IndexAsync(
            ListingBuilder.Job(1).Keyword("shift", "night"),
            ListingBuilder.Job(2).Keyword("shift", "day"),
            ListingBuilder.Job(3).Keyword("shift", "night"),
            ListingBuilder.Job(4).Keyword("shift", "rotating", "night"));

        var result = await Engine.SearchAsync(Query() with { Facets = ["shift"] });

        Assert.Equal([new FacetValue("night", 3), new FacetValue("day", 1), new FacetValue("rotating", 1)], result.Facets["shift"]);
    }

    [ContractFact]
    public async Task Search_FacetCountsRespectGeoRadius()
    {
        await IndexAsync(
            ListingBuilder.Rental(1).At(Places.Amata.Latitude, Places.Amata.Longitude).Keyword("rentalType", "room"),
            ListingBuilder.Rental(2).At(Places.Amata.Latitude + 0.01, Places.Amata.Longitude).Keyword("rentalType", "house"),
            ListingBuilder.Rental(3).At(Places.LongThanh.Latitude, Places.LongThanh.Longitude).Keyword("rentalType", "room"));

        var result = await Engine.SearchAsync(Query() with
        {
            Geo = GeoFilter.Radius(Places.Amata.Latitude, Places.Amata.Longitude, 3),
            Facets = ["rentalType"],
        });

        Assert.Equal(2, result.Total);
        Assert.Equal([new FacetValue("house", 1), new FacetValue("room", 1)], result.Facets["rentalType"]);
    }

    [ContractFact]
    public async Task Search_CountsPriceBands_SoEachBandMatchesItsRangeFilter()
    {
        var jobs = Enumerable.Range(1, 40)
            .Select(i => ListingBuilder.Job(i).Salary(4_000_000L + (i * 200_000L), 5_000_000L + (i * 250_000L)).Build())
            .ToList();
        await IndexAsync(jobs);
        long[] edges = [6_000_000, 8_000_000, 10_000_000];

        var result = await Engine.SearchAsync(Query() with { Kind = ListingKind.Job, PriceBands = edges });

        var bands = result.Facets[SearchQuery.PriceFacet];
        Assert.Equal(["*-6000000", "6000000-8000000", "8000000-10000000", "10000000-*"], bands.Select(b => b.Value));
        (long? From, long? To)[] ranges = [(null, 5_999_999), (6_000_000, 7_999_999), (8_000_000, 9_999_999), (10_000_000, null)];
        for (var i = 0; i < ranges.Length; i++)
        {
            var filtered = await Engine.SearchAsync(Query() with { Kind = ListingKind.Job, MinPrice = ranges[i].From, MaxPrice = ranges[i].To });
            Assert.Equal(filtered.Total, bands[i].Count);
        }
    }
}
