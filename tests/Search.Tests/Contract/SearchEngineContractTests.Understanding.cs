using DongNai.Domain.Listings;
using DongNai.Search.Tests.Builders;

namespace DongNai.Search.Tests.Contract;

/// <summary>What a query interpreter asks of the engine: kind weights, a preference for low prices, and relaxed word matching.</summary>
public abstract partial class SearchEngineContractTests
{
    private static readonly Dictionary<ListingKind, double> RentalsFirst = new() { [ListingKind.Rental] = 1.5, [ListingKind.Job] = 0.5 };

    [ContractFact]
    public async Task Search_RanksFavouredKindFirst_WhenKindWeightsFavourIt()
    {
        await IndexAsync(
            ListingBuilder.Job(1).Titled("Phòng trọ sạch sẽ gần chợ"),
            ListingBuilder.Rental(2).Titled("Phòng trọ sạch sẽ gần chợ"));

        var unweighted = await IdsAsync(Query("phòng trọ"));
        var weighted = await IdsAsync(Query("phòng trọ") with { KindWeights = RentalsFirst });

        Assert.Equal([1L, 2L], unweighted);
        Assert.Equal([2L, 1L], weighted);
    }

    [ContractFact]
    public async Task Search_StillFindsDisfavouredKind_WhenItIsTheOnlyMatch()
    {
        await IndexAsync(
            ListingBuilder.Job(1).Titled("Tuyển thợ hàn điện"),
            ListingBuilder.Rental(2).Titled("Phòng trọ gần chợ"));

        var result = await Engine.SearchAsync(Query("thợ hàn") with { KindWeights = RentalsFirst });

        Assert.Equal(1, result.Total);
        Assert.Equal([1L], result.Hits.Select(hit => hit.Id));
    }

    [ContractFact]
    public async Task Search_KeepsTextScoreUnweighted_WhenKindWeightsApply()
    {
        await IndexAsync(ListingBuilder.Rental(1).Titled("Phòng trọ gần chợ"));

        var plain = Assert.Single((await Engine.SearchAsync(Query("phòng trọ"))).Hits);
        var weighted = Assert.Single((await Engine.SearchAsync(Query("phòng trọ") with { KindWeights = RentalsFirst })).Hits);

        Assert.Equal(plain.Signals.TextScore, weighted.Signals.TextScore, 6);
        Assert.Equal(plain.Score * 1.5, weighted.Score, 6);
    }

    [ContractTheory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task Search_Throws_WhenAKindWeightIsNotFiniteAndPositive(double weight)
    {
        var query = Query("phòng") with { KindWeights = new Dictionary<ListingKind, double> { [ListingKind.Rental] = weight } };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Engine.SearchAsync(query));
    }

    [ContractFact]
    public async Task Search_RanksCheaperFirst_AmongEquallyRelevantListings_WhenFavouringLowPrices()
    {
        await IndexAsync(
            ListingBuilder.Rental(1).Titled("Phòng trọ Biên Hòa").Priced(3_600_000),
            ListingBuilder.Rental(2).Titled("Phòng trọ Biên Hòa").Priced(1_500_000),
            ListingBuilder.Rental(3).Titled("Phòng trọ Biên Hòa"),
            ListingBuilder.Rental(4).Titled("Phòng trọ Biên Hòa").Priced(2_000_000));

        var plain = await IdsAsync(Query("phòng trọ"));
        var favoured = await IdsAsync(Query("phòng trọ") with { FavourLowPrices = true });

        Assert.Equal([1L, 2L, 3L, 4L], plain);

        // The listing without a price ranks as one at the kind's typical price (3,000,000): between 2,000,000 and 3,600,000.
        Assert.Equal([2L, 4L, 3L, 1L], favoured);
    }

    [ContractFact]
    public async Task Search_KeepsAMuchBetterMatchFirst_WhenItIsDearer()
    {
        await IndexAsync(
            ListingBuilder.Rental(1).Titled("Phòng có gác lửng, máy lạnh").Priced(3_600_000),
            ListingBuilder.Rental(2).Titled("Cho thuê nhà nguyên căn")
                .Described("Nhà rộng, sân để xe, gần chợ và trường học, có gác lửng nhỏ phía sau, điện nước giá dân.")
                .Priced(1_000_000));

        var ids = await IdsAsync(Query("gác lửng") with { FavourLowPrices = true });

        Assert.Equal([1L, 2L], ids);
    }

    [ContractFact]
    public async Task Search_DoesNotFavourLowSalaries_WhenFavouringLowPrices()
    {
        await IndexAsync(
            ListingBuilder.Job(1).Titled("Tuyển công nhân may").Salary(15_000_000, 20_000_000),
            ListingBuilder.Job(2).Titled("Tuyển công nhân may").Salary(5_000_000, 6_000_000));

        var hits = (await Engine.SearchAsync(Query("công nhân may") with { FavourLowPrices = true })).Hits;

        Assert.Equal([1L, 2L], hits.Select(hit => hit.Id));
        Assert.Equal(hits[0].Score, hits[1].Score, 9);
    }

    [ContractFact]
    public async Task Search_FindsListingsLackingAWord_WhenMaxMissingWordsAllowsIt()
    {
        await IndexAsync(
            ListingBuilder.Rental(1).Titled("Phòng trọ Tân Phong"),
            ListingBuilder.Rental(2).Titled("Căn hộ Tân Mai"),
            ListingBuilder.Rental(3).Titled("Nhà trọ Long Thành"));

        var strict = await IdsAsync(Query("phòng trọ tân mai"));
        var relaxed = await IdsAsync(Query("phòng trọ tân mai") with { MaxMissingWords = 1 });

        Assert.Empty(strict);
        Assert.Equal([1L, 2L], relaxed.Order());
    }

    [ContractFact]
    public async Task Search_RequiresEveryWord_WhenMaxMissingWordsIsZero()
    {
        await IndexAsync(ListingBuilder.Rental(1).Titled("Phòng trọ Tân Phong, Biên Hòa"));

        // Four words: by default a quarter of them (one) may be missing.
        var byDefault = await IdsAsync(Query("phòng trọ tân phong rẻ"));
        var strict = await IdsAsync(Query("phòng trọ tân phong rẻ") with { MaxMissingWords = 0 });

        Assert.Equal([1L], byDefault);
        Assert.Empty(strict);
    }

    [ContractFact]
    public async Task Search_StillNeedsOneWord_WhenMaxMissingWordsCoversThemAll()
    {
        await IndexAsync(
            ListingBuilder.Rental(1).Titled("Phòng trọ Tân Phong"),
            ListingBuilder.Job(2).Titled("Tuyển bảo vệ"));

        var ids = await IdsAsync(Query("tân mai") with { MaxMissingWords = 5 });

        Assert.Equal([1L], ids);
    }
}
