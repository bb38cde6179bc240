using DongNai.Domain.Listings;
using DongNai.Search.Tests.Builders;

namespace DongNai.Search.Tests.Contract;

public abstract partial class SearchEngineContractTests
{
    [ContractTheory]
    [InlineData("kcn am")]
    [InlineData("KCN Am")]
    [InlineData("khu cong nghiep am")]
    [InlineData("amat")]
    public async Task Suggest_CompletesPlaceNames_AccentInsensitively(string prefix)
    {
        await IndexAsync(
            ListingBuilder.Rental(1).Titled("Phòng trọ giá rẻ").Suggests("KCN Amata", "Biên Hòa"),
            ListingBuilder.Job(2).Titled("Tuyển công nhân").Suggests("KCN Amata", "Công ty Changshin"),
            ListingBuilder.Job(3).Titled("Tuyển bảo vệ").Suggests("KCN Long Thành"));

        var suggestions = await Engine.SuggestAsync(new SuggestQuery { Prefix = prefix });

        Assert.Equal(new Suggestion("KCN Amata", 2), suggestions[0]);
        Assert.DoesNotContain(suggestions, s => s.Text.Contains("Long Thành", StringComparison.Ordinal));
    }

    [ContractTheory]
    [InlineData("bien h")]
    [InlineData("biên h")]
    [InlineData("BIEN HO")]
    public async Task Suggest_CompletesTitlesAndPlaces_WhenPrefixHasNoAccents(string prefix)
    {
        await IndexAsync(
            ListingBuilder.Rental(1).Titled("Biên Hòa: phòng trọ mới xây").Suggests("Biên Hòa"),
            ListingBuilder.Rental(2).Titled("Nhà nguyên căn").Suggests("Biên Hòa"),
            ListingBuilder.Rental(3).Titled("Bình Dương phòng trọ").Suggests("Dĩ An"));

        var suggestions = await Engine.SuggestAsync(new SuggestQuery { Prefix = prefix });

        Assert.Equal(["Biên Hòa", "Biên Hòa: phòng trọ mới xây"], suggestions.Select(s => s.Text));
    }

    [ContractFact]
    public async Task Suggest_CompletesEmployerNames()
    {
        await IndexAsync(ListingBuilder.Job(1).Titled("Tuyển công nhân may").Suggests("Công ty TNHH Changshin Việt Nam"));

        var suggestions = await Engine.SuggestAsync(new SuggestQuery { Prefix = "chang" });

        Assert.Equal(["Công ty TNHH Changshin Việt Nam"], suggestions.Select(s => s.Text));
    }

    [ContractFact]
    public async Task Suggest_OffersOnlyTheRequestedKind()
    {
        await IndexAsync(
            ListingBuilder.Rental(1).Titled("Phòng trọ Amata"),
            ListingBuilder.Job(2).Titled("Phụ bếp nhà hàng"));

        var suggestions = await Engine.SuggestAsync(new SuggestQuery { Prefix = "ph", Kind = ListingKind.Job });

        Assert.Equal(["Phụ bếp nhà hàng"], suggestions.Select(s => s.Text));
    }

    [ContractFact]
    public async Task Suggest_ForgetsDeletedListings()
    {
        await IndexAsync(ListingBuilder.Rental(1).Titled("Phòng trọ Amata"));
        await Engine.DeleteAsync(ListingKind.Rental, 1, version: 1);
        await Engine.RefreshAsync();

        var suggestions = await Engine.SuggestAsync(new SuggestQuery { Prefix = "phong" });

        Assert.Empty(suggestions);
    }

    [ContractFact]
    public async Task Suggest_ReturnsNothing_ForBlankPrefix()
    {
        await IndexAsync(ListingBuilder.Rental(1).Titled("Phòng trọ Amata"));

        var suggestions = await Engine.SuggestAsync(new SuggestQuery { Prefix = " , " });

        Assert.Empty(suggestions);
    }

    [ContractFact]
    public async Task Related_ReturnsSimilarListingsOfTheSameKind_ExcludingTheListingItself()
    {
        await IndexAsync(
            ListingBuilder.Classified(1).Titled("Bán xe máy Honda Wave cũ").Described("Xe chính chủ, máy êm, giấy tờ đầy đủ"),
            ListingBuilder.Classified(2).Titled("Cần bán xe Honda Wave Alpha").Described("Xe đi ít, máy zin"),
            ListingBuilder.Classified(3).Titled("Bán tủ lạnh Samsung").Described("Tủ lạnh còn tốt, chạy êm"),
            ListingBuilder.Classified(4).Titled("Bán xe đạp điện").Described("Pin còn tốt"),
            ListingBuilder.Job(5).Titled("Tuyển tài xế xe máy Honda Wave giao hàng"));

        var related = await Engine.RelatedAsync(new RelatedQuery { Kind = ListingKind.Classified, Id = 1, Now = TestClock.Now });

        Assert.NotEmpty(related);
        Assert.Equal(2L, related[0].Id);
        Assert.DoesNotContain(related, hit => hit.Id == 1);
        Assert.All(related, hit => Assert.Equal(ListingKind.Classified, hit.Kind));
    }

    [ContractFact]
    public async Task Related_LeavesOutExpiredListings()
    {
        await IndexAsync(
            ListingBuilder.Voucher(1).Titled("Giảm 20% trà sữa Phúc Long"),
            ListingBuilder.Voucher(2).Titled("Giảm 30% trà sữa Phúc Long").ExpiresAt(TestClock.Now.AddDays(-1)),
            ListingBuilder.Voucher(3).Titled("Giảm 10% trà sữa Phúc Long"));

        var related = await Engine.RelatedAsync(new RelatedQuery { Kind = ListingKind.Voucher, Id = 1, Now = TestClock.Now });

        Assert.Equal([3L], related.Select(h => h.Id));
    }

    [ContractFact]
    public async Task Related_IsEmpty_ForAnUnknownListing()
    {
        await IndexAsync(ListingBuilder.Classified(1).Titled("Bán xe máy"));

        var related = await Engine.RelatedAsync(new RelatedQuery { Kind = ListingKind.Classified, Id = 99, Now = TestClock.Now });

        Assert.Empty(related);
    }
}
