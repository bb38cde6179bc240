using System.Text;
using DongNai.Search.Tests.Builders;

namespace DongNai.Search.Tests.Contract;

public abstract partial class SearchEngineContractTests
{
    [ContractTheory]
    [InlineData("phong tro gan kcn amata")]
    [InlineData("PHÒNG TRỌ GẦN KCN AMATA")]
    [InlineData("Phòng trọ gần KCN Amata")]
    [InlineData("phòng-trọ!!! gần,,, kcn.amata??")]
    public async Task Search_FindsAccentedTitle_WhenQueryIsTypedAnyWay(string text)
    {
        await IndexAsync(
            ListingBuilder.Rental(1).Titled("Phòng trọ gần KCN Amata"),
            ListingBuilder.Rental(2).Titled("Căn hộ cao cấp trung tâm"));

        var ids = await IdsAsync(Query(text));

        Assert.Equal([1L], ids);
    }

    [ContractFact]
    public async Task Search_FindsAccentedTitle_WhenQueryHasNoAccents()
    {
        await IndexAsync(ListingBuilder.Rental(1).Titled("Nhà trọ Biên Hòa, đường Đồng Khởi"));

        var ids = await IdsAsync(Query("nha tro bien hoa duong dong khoi"));

        Assert.Equal([1L], ids);
    }

    [ContractFact]
    public async Task Search_FindsAccentedTitle_WhenQueryIsDecomposed()
    {
        await IndexAsync(ListingBuilder.Rental(1).Titled("Phòng trọ Biên Hòa"));
        var decomposed = "phòng trọ biên hòa".Normalize(NormalizationForm.FormD);

        var ids = await IdsAsync(Query(decomposed));

        Assert.Equal([1L], ids);
    }

    [ContractFact]
    public async Task Search_FindsDecomposedTitle_WhenQueryIsComposed()
    {
        await IndexAsync(ListingBuilder.Rental(1).Titled("Phòng trọ Biên Hòa".Normalize(NormalizationForm.FormD)));

        var ids = await IdsAsync(Query("phòng trọ biên hòa"));

        Assert.Equal([1L], ids);
    }

    [ContractTheory]
    [InlineData("Phòng trọ Biên Hòa", "bien hoà")]
    [InlineData("Phòng trọ Biên Hoà", "biên hòa")]
    [InlineData("Công ty Thủy sản", "thuỷ sản")]
    public async Task Search_FindsTitle_WhenToneMarkIsPlacedDifferently(string title, string text)
    {
        await IndexAsync(
            ListingBuilder.Rental(1).Titled(title),
            ListingBuilder.Rental(2).Titled("Hòa bình"));

        var ids = await IdsAsync(Query(text) with { Sort = SearchSort.Relevance });

        Assert.Equal(1L, ids[0]);
    }

    [ContractTheory]
    [InlineData("bán", 1L)]
    [InlineData("bàn", 2L)]
    public async Task Search_RanksExactAccentMatchFirst_WhenQueryHasAccents(string text, long expectedFirst)
    {
        await IndexAsync(
            ListingBuilder.Classified(1).Titled("Bán xe máy cũ"),
            ListingBuilder.Classified(2).Titled("Bàn học gỗ cũ"));

        var ids = await IdsAsync(Query(text));

        Assert.Equal(2, ids.Count);
        Assert.Equal(expectedFirst, ids[0]);
    }

    [ContractFact]
    public async Task Search_FindsBothAccentForms_WhenQueryHasNoAccents()
    {
        await IndexAsync(
            ListingBuilder.Classified(1).Titled("Bán xe máy cũ"),
            ListingBuilder.Classified(2).Titled("Bàn học gỗ cũ"));

        var ids = await IdsAsync(Query("ban"));

        Assert.Equal([1L, 2L], ids.Order());
    }

    [ContractTheory]
    [InlineData("kcn amata")]
    [InlineData("khu công nghiệp amata")]
    [InlineData("khu cong nghiep amata")]
    public async Task Search_TreatsKcnAndKhuCongNghiepAsTheSame(string text)
    {
        await IndexAsync(
            ListingBuilder.Job(1).Titled("Tuyển công nhân KCN Amata"),
            ListingBuilder.Job(2).Titled("Tuyển thợ hàn khu công nghiệp Amata"),
            ListingBuilder.Job(3).Titled("Tuyển bảo vệ Long Thành"));

        var ids = await IdsAsync(Query(text));

        Assert.Equal([1L, 2L], ids.Order());
    }

    [ContractFact]
    public async Task Search_FindsPhongTro_WhenQueryIsNhaTro()
    {
        await IndexAsync(
            ListingBuilder.Rental(1).Titled("Phòng trọ giá rẻ Trảng Bom"),
            ListingBuilder.Rental(2).Titled("Nhà nguyên căn Trảng Bom"));

        var ids = await IdsAsync(Query("nha tro trang bom"));

        Assert.Equal([1L], ids);
    }

    [ContractTheory]
    [InlineData("tuyen cn may", 1L)]
    [InlineData("p tan phong", 2L)]
    [InlineData("tp bien hoa", 3L)]
    public async Task Search_ExpandsCommonAbbreviations(string text, long expected)
    {
        await IndexAsync(
            ListingBuilder.Job(1).Titled("Tuyển công nhân may"),
            ListingBuilder.Rental(2).Titled("Phòng trọ phường Tân Phong"),
            ListingBuilder.Rental(3).Titled("Căn hộ thành phố Biên Hòa"));

        var ids = await IdsAsync(Query(text));

        Assert.Equal([expected], ids);
    }

    [ContractTheory]
    [InlineData("samsnug")]
    [InlineData("sámsung")]
    [InlineData("nghiepp")]
    public async Task Search_FindsWord_WhenQueryHasATypo(string text)
    {
        await IndexAsync(
            ListingBuilder.Classified(1).Titled("Điện thoại Samsung nghiệp vụ"),
            ListingBuilder.Classified(2).Titled("Tủ lạnh cũ"));

        var ids = await IdsAsync(Query(text));

        Assert.Equal([1L], ids);
    }

    [ContractFact]
    public async Task Search_RanksExactWordAboveTypoMatch()
    {
        await IndexAsync(
            ListingBuilder.Classified(1).Titled("Máy giặt Samsong"),
            ListingBuilder.Classified(2).Titled("Máy giặt Samsung"));

        var ids = await IdsAsync(Query("samsung"));

        Assert.Equal([2L, 1L], ids);
    }

    [ContractFact]
    public async Task Search_DoesNotMatchAPhraseAcrossTitleAndDescription()
    {
        await IndexAsync(
            ListingBuilder.Rental(1).Titled("Cho thuê nhà").Described("Trọ sạch sẽ, gần chợ"),
            ListingBuilder.Rental(2).Titled("Nhà trọ sạch sẽ"));

        var ids = await IdsAsync(Query("nhà trọ"));

        Assert.Equal([2L], ids);
    }

    [ContractFact]
    public async Task Search_DoesNotFindListings_WhenTextMatchesNothing()
    {
        await IndexAsync(
            ListingBuilder.Rental(1).Titled("Phòng trọ Biên Hòa"),
            ListingBuilder.Job(2).Titled("Tuyển công nhân may"));

        var result = await Engine.SearchAsync(Query("máy xúc"));

        Assert.Equal(0, result.Total);
        Assert.Empty(result.Hits);
    }

    [ContractFact]
    public async Task Search_FindsListing_ByDescriptionAndExtraText()
    {
        await IndexAsync(
            ListingBuilder.Job(1).Titled("Tuyển thợ điện").Described("Làm việc tại nhà máy Pouchen"),
            ListingBuilder.Job(2).Titled("Tuyển kế toán").WithExtraText("Công ty Changshin Việt Nam"),
            ListingBuilder.Job(3).Titled("Tuyển tài xế"));

        var pouchen = await IdsAsync(Query("pouchen"));
        var changshin = await IdsAsync(Query("changshin"));

        Assert.Equal([1L], pouchen);
        Assert.Equal([2L], changshin);
    }

    [ContractFact]
    public async Task Search_RanksTitleMatchAboveDescriptionMatch()
    {
        await IndexAsync(
            ListingBuilder.Job(1).Titled("Tuyển tài xế").Described("Ưu tiên người biết hàn điện"),
            ListingBuilder.Job(2).Titled("Tuyển thợ hàn điện").Described("Làm ca ngày"));

        var ids = await IdsAsync(Query("hàn điện"));

        Assert.Equal([2L, 1L], ids);
    }

    [ContractFact]
    public async Task Search_HighlightsMatchedWords_InTitleAndDescription()
    {
        await IndexAsync(ListingBuilder.Rental(1)
            .Titled("Phòng trọ gần KCN Amata")
            .Described("Phòng sạch sẽ, có gác lửng, cách cổng KCN Amata 500 m."));

        var hit = Assert.Single((await Engine.SearchAsync(Query("phong amata"))).Hits);

        Assert.Equal("<em>Phòng</em> trọ gần KCN <em>Amata</em>", hit.TitleHighlight);
        Assert.NotNull(hit.DescriptionHighlight);
        Assert.Contains("<em>Phòng</em>", hit.DescriptionHighlight);
        Assert.Contains("<em>Amata</em>", hit.DescriptionHighlight);
    }

    [ContractFact]
    public async Task Search_EncodesHtmlInHighlights()
    {
        await IndexAsync(ListingBuilder.Classified(1).Titled("Bán <b>xe</b> & phụ tùng"));

        var hit = Assert.Single((await Engine.SearchAsync(Query("xe"))).Hits);

        Assert.Equal("Bán &lt;b&gt;<em>xe</em>&lt;/b&gt; &amp; phụ tùng", hit.TitleHighlight);
        Assert.Equal("Bán <b>xe</b> & phụ tùng", hit.Title);
    }

    [ContractFact]
    public async Task Search_ReturnsEverything_WhenTextIsBlank()
    {
        await IndexAsync(
            ListingBuilder.Rental(1).Titled("Phòng trọ"),
            ListingBuilder.Job(2).Titled("Tuyển công nhân"));

        var result = await Engine.SearchAsync(Query("  !! "));

        Assert.Equal(2, result.Total);
        Assert.All(result.Hits, hit => Assert.Null(hit.TitleHighlight));
    }
}
