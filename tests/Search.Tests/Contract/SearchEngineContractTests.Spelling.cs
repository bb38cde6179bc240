using DongNai.Domain.Listings;
using DongNai.Search.Tests.Builders;

namespace DongNai.Search.Tests.Contract;

/// <summary>"Did you mean" and word frequencies, from the index's own vocabulary.</summary>
public abstract partial class SearchEngineContractTests
{
    private Task IndexVocabularyAsync() => IndexAsync(
        ListingBuilder.Rental(1).Titled("Phòng trọ gần KCN Amata"),
        ListingBuilder.Rental(2).Titled("Phòng trọ giá rẻ Tân Phong"),
        ListingBuilder.Job(3).Titled("Tuyển công nhân may").Described("Làm việc tại phòng kỹ thuật"),
        ListingBuilder.Classified(4).Titled("Bán tivi Samsung cũ"));

    [ContractFact]
    public async Task CorrectSpelling_ProposesAccentedTextThatFindsTheRooms_WhenAWordHasATypo()
    {
        await IndexVocabularyAsync();

        var corrected = await Engine.CorrectSpellingAsync(new SpellingQuery { Text = "phong tor" });
        var ids = await IdsAsync(Query(corrected));

        Assert.Equal("phòng trọ", corrected);
        Assert.Equal([1L, 2L], ids.Order());
    }

    [ContractTheory]
    [InlineData("amatta", "amata")]
    [InlineData("KCN Amatta", "kcn amata")]
    [InlineData("tuyen cong nhna", "tuyển công nhân")]
    [InlineData("Phòng trọ gần amtaa", "phòng trọ gần amata")]
    public async Task CorrectSpelling_CorrectsWordByWord(string text, string expected)
    {
        await IndexVocabularyAsync();

        var corrected = await Engine.CorrectSpellingAsync(new SpellingQuery { Text = text });

        Assert.Equal(expected, corrected);
    }

    [ContractTheory]
    [InlineData("phòng trọ amata")]
    [InlineData("phong tro gan kcn")]
    [InlineData("samsung")]
    public async Task CorrectSpelling_ReturnsNull_WhenEveryWordIsKnown(string text)
    {
        await IndexVocabularyAsync();

        var corrected = await Engine.CorrectSpellingAsync(new SpellingQuery { Text = text });

        Assert.Null(corrected);
    }

    [ContractTheory]
    [InlineData("xqzvw brrrtk")]
    [InlineData("zzzzzzzz")]
    [InlineData("  !! ")]
    public async Task CorrectSpelling_ReturnsNull_WhenNothingKnownIsClose(string text)
    {
        await IndexVocabularyAsync();

        var corrected = await Engine.CorrectSpellingAsync(new SpellingQuery { Text = text });

        Assert.Null(corrected);
    }

    [ContractFact]
    public async Task CorrectSpelling_UsesOnlyTheKindsWords_WhenAKindIsGiven()
    {
        await IndexVocabularyAsync();

        var asClassified = await Engine.CorrectSpellingAsync(new SpellingQuery { Text = "samsnug", Kind = ListingKind.Classified });
        var asRental = await Engine.CorrectSpellingAsync(new SpellingQuery { Text = "samsnug", Kind = ListingKind.Rental });

        Assert.Equal("samsung", asClassified);
        Assert.Null(asRental);
    }

    [ContractFact]
    public async Task CorrectSpelling_KeepsAWordOfAnotherKind_WhenAKindIsGiven()
    {
        await IndexVocabularyAsync();

        var corrected = await Engine.CorrectSpellingAsync(new SpellingQuery { Text = "phong samsung", Kind = ListingKind.Rental });

        Assert.Null(corrected);
    }

    [ContractFact]
    public async Task CorrectSpelling_ChoosesTheAccentsThatFitTheNeighbours()
    {
        await IndexAsync(
            ListingBuilder.Job(1).Titled("Tuyển kế toán kho"),
            ListingBuilder.Classified(2).Titled("Thanh lý toàn bộ đồ gia dụng"),
            ListingBuilder.Classified(3).Titled("Bán toàn bộ bàn ghế"),
            ListingBuilder.Rental(4).Titled("Phòng trọ an toàn"));

        var corrected = await Engine.CorrectSpellingAsync(new SpellingQuery { Text = "ke toann" });
        var alone = await Engine.CorrectSpellingAsync(new SpellingQuery { Text = "toann" });

        Assert.Equal("kế toán", corrected);
        Assert.Equal("toàn", alone);
    }

    [ContractFact]
    public async Task CorrectSpelling_IgnoresDeletedListings()
    {
        await IndexVocabularyAsync();
        await Engine.DeleteAsync(ListingKind.Classified, 4, version: 2);
        await Engine.RefreshAsync();

        var corrected = await Engine.CorrectSpellingAsync(new SpellingQuery { Text = "samsnug" });

        Assert.Null(corrected);
    }

    [ContractFact]
    public async Task WordFrequencies_CountsLiveListingsHoldingEachWord_AccentInsensitively()
    {
        await IndexVocabularyAsync();
        await Engine.DeleteAsync(ListingKind.Rental, 2, version: 2);
        await Engine.RefreshAsync();

        var all = await Engine.WordFrequenciesAsync(["phòng", "Amata", "xyz", "công-nhân", "!!"]);
        var jobs = await Engine.WordFrequenciesAsync(["phong", "amata"], ListingKind.Job);

        Assert.Equal(new Dictionary<string, int> { ["phòng"] = 2, ["Amata"] = 1, ["xyz"] = 0, ["công-nhân"] = 1, ["!!"] = 0 }, all);
        Assert.Equal(new Dictionary<string, int> { ["phong"] = 1, ["amata"] = 0 }, jobs);
    }
}
