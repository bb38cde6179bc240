using DongNai.Search.Tests.Builders;

namespace DongNai.Search.Tests.Contract;

public abstract partial class SearchEngineContractTests
{
    [ContractFact]
    public async Task Search_SortsByDistance_NearestFirst_ListingsWithoutLocationLast()
    {
        var listings = ScatteredListings(count: 80, seed: 5);
        await IndexAsync(listings);
        var reference = Places.BienHoa;

        var hits = await AllHitsAsync(Query() with { ReferencePoint = reference, Sort = SearchSort.Distance, Size = 9 });

        var located = hits.TakeWhile(h => h.DistanceKm is not null).ToList();
        Assert.Equal(listings.Count(d => d.Latitude is not null), located.Count);
        Assert.Equal(located.Select(h => h.DistanceKm!.Value).Order(), located.Select(h => h.DistanceKm!.Value));
        Assert.All(hits.Skip(located.Count), h => Assert.Null(h.DistanceKm));
        Assert.Equal(listings.Count, hits.Count);
    }

    [ContractFact]
    public async Task Search_SortsByPriceAscending_ByLowEnd_ListingsWithoutPriceLast()
    {
        await IndexAsync(
            ListingBuilder.Job(1).Salary(8_000_000, 12_000_000),
            ListingBuilder.Job(2).Salary(6_000_000, 7_000_000),
            ListingBuilder.Job(3),
            ListingBuilder.Job(4).Salary(7_000_000, 15_000_000));

        var ids = await IdsAsync(Query() with { Sort = SearchSort.PriceAscending });

        Assert.Equal([2L, 4L, 1L, 3L], ids);
    }

    [ContractFact]
    public async Task Search_SortsByPriceDescending_ByHighEnd_ListingsWithoutPriceLast()
    {
        await IndexAsync(
            ListingBuilder.Job(1).Salary(8_000_000, 12_000_000),
            ListingBuilder.Job(2).Salary(6_000_000, 7_000_000),
            ListingBuilder.Job(3),
            ListingBuilder.Job(4).Salary(7_000_000, 15_000_000));

        var ids = await IdsAsync(Query() with { Sort = SearchSort.PriceDescending });

        Assert.Equal([4L, 1L, 2L, 3L], ids);
    }

    [ContractFact]
    public async Task Search_SortsByNewest_MostRecentlyUpdatedFirst()
    {
        await IndexAsync(
            ListingBuilder.Classified(1).UpdatedAt(TestClock.Now.AddDays(-3)),
            ListingBuilder.Classified(2).UpdatedAt(TestClock.Now.AddHours(-1)),
            ListingBuilder.Classified(3).UpdatedAt(TestClock.Now.AddDays(-30)),
            ListingBuilder.Classified(4).UpdatedAt(TestClock.Now.AddMinutes(-5)));

        var ids = await IdsAsync(Query() with { Sort = SearchSort.Newest });

        Assert.Equal([4L, 2L, 1L, 3L], ids);
    }

    [ContractFact]
    public async Task Search_BreaksTiesByKindThenId()
    {
        await IndexAsync(
            ListingBuilder.Rental(9).Priced(1_000_000),
            ListingBuilder.Job(5).Priced(1_000_000),
            ListingBuilder.Rental(3).Priced(1_000_000));

        var hits = (await Engine.SearchAsync(Query() with { Sort = SearchSort.PriceAscending })).Hits;

        Assert.Equal([(Domain.Listings.ListingKind.Job, 5L), (Domain.Listings.ListingKind.Rental, 3L), (Domain.Listings.ListingKind.Rental, 9L)], hits.Select(h => (h.Kind, h.Id)));
    }

    [ContractFact]
    public async Task Search_RanksNearerListingFirst_WhenTextMatchesEqually()
    {
        await IndexAsync(
            ListingBuilder.Rental(1).Titled("Phòng trọ giá rẻ").At(Places.LongThanh.Latitude, Places.LongThanh.Longitude),
            ListingBuilder.Rental(2).Titled("Phòng trọ giá rẻ").At(Places.Amata.Latitude + 0.005, Places.Amata.Longitude),
            ListingBuilder.Rental(3).Titled("Phòng trọ giá rẻ").At(Places.TrangBom.Latitude, Places.TrangBom.Longitude));

        var ids = await IdsAsync(Query("phong tro") with { ReferencePoint = Places.Amata });

        Assert.Equal([2L, 3L, 1L], ids);
    }

    [ContractFact]
    public async Task Search_RanksFresherListingFirst_WhenTextMatchesEqually()
    {
        await IndexAsync(
            ListingBuilder.Job(1).Titled("Tuyển công nhân may").UpdatedAt(TestClock.Now.AddDays(-40)),
            ListingBuilder.Job(2).Titled("Tuyển công nhân may").UpdatedAt(TestClock.Now.AddHours(-2)),
            ListingBuilder.Job(3).Titled("Tuyển công nhân may").UpdatedAt(TestClock.Now.AddDays(-7)));

        var ids = await IdsAsync(Query("cong nhan may"));

        Assert.Equal([2L, 3L, 1L], ids);
    }

    [ContractFact]
    public async Task Search_ScoresHitsInDescendingOrder_WhenSortedByRelevance()
    {
        await IndexAsync(ScatteredListings(count: 50, seed: 9));

        var hits = (await Engine.SearchAsync(Query("phong tro so 7") with { ReferencePoint = Places.BienHoa })).Hits;

        Assert.NotEmpty(hits);
        Assert.Equal(hits.Select(h => h.Score).OrderDescending(), hits.Select(h => h.Score));
        Assert.Equal(7L, hits[0].Id);
    }

    [ContractFact]
    public async Task Search_ReturnsPriceRangeOfEachHit()
    {
        await IndexAsync(ListingBuilder.Job(1).Salary(7_000_000, 9_500_000), ListingBuilder.Rental(2).Priced(2_500_000));

        var hits = (await Engine.SearchAsync(Query() with { Sort = SearchSort.PriceAscending })).Hits;

        Assert.Equal((2_500_000L, 2_500_000L), (hits[0].PriceMin!.Value, hits[0].PriceMax!.Value));
        Assert.Equal((7_000_000L, 9_500_000L), (hits[1].PriceMin!.Value, hits[1].PriceMax!.Value));
    }

    [ContractFact]
    public async Task Search_ReturnsTitleAsWritten()
    {
        await IndexAsync(ListingBuilder.Rental(1).Titled("Phòng trọ Biên Hòa"));

        var hit = Assert.Single((await Engine.SearchAsync(Query("bien hoa"))).Hits);

        Assert.Equal("Phòng trọ Biên Hòa", hit.Title);
    }
}
