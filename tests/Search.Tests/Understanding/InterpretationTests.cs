using DongNai.Domain.Listings;
using DongNai.Search.Understanding;

namespace DongNai.Search.Tests.Understanding;

public sealed class InterpretationTests
{
    [Fact]
    public void Interpret_UnderstandsTheIssuesRoomQuery_Completely()
    {
        var interpretation = TestInterpreter.Instance.Interpret("phòng trọ dưới 2 triệu gần Amata", ListingKind.Rental);

        Assert.Equal((null, 2_000_000L), (interpretation.Money?.MinVnd, interpretation.Money?.MaxVnd));
        Assert.Equal("amata", interpretation.Place?.Place.Code);
        Assert.Equal(["room"], interpretation.FiltersFor(ListingKind.Rental)[Domain.Listings.Rentals.RentalKind.RentalType]);
        Assert.Equal("", interpretation.RemainingText);
        Assert.Equal(["phòng trọ", "phòng trọ", "dưới 2 triệu", "gần Amata"], interpretation.Parts.Select(p => p.Source));
    }

    [Theory]
    [InlineData("phong tro 1tr5", ListingKind.Rental)]
    [InlineData("voucher ăn uống", null)]
    [InlineData("phòng trọ giá rẻ Biên Hòa", ListingKind.Rental)]
    [InlineData("phòng trọ giá rẻ Biên Hòa", null)]
    public void Interpret_LeavesNoWordsToMatch_ForTheIssuesZeroResultQueries(string text, ListingKind? kind)
    {
        var interpretation = TestInterpreter.Instance.Interpret(text, kind);

        Assert.Equal("", interpretation.RemainingText);
        Assert.NotEmpty(interpretation.Parts);
    }

    [Fact]
    public void Interpret_KeepsTheExactWordsOfEveryPart_AsSpansOfTheOriginalText()
    {
        const string text = "  Phòng TRỌ  gần   KCN Amata,  dưới 2tr/tháng  có máy lạnh!! ";

        var interpretation = TestInterpreter.Instance.Interpret(text, ListingKind.Rental);

        Assert.All(interpretation.Parts, part => Assert.Equal(text.Substring(part.Start, part.Length), part.Source));
        Assert.Equal(["Phòng TRỌ", "Phòng TRỌ", "gần   KCN Amata", "dưới 2tr/tháng", "có máy lạnh"], interpretation.Parts.Select(p => p.Source));
        Assert.Equal(interpretation.Parts.OrderBy(p => p.Start).Select(p => p.Start), interpretation.Parts.Select(p => p.Start));
    }

    [Fact]
    public void Interpret_KeepsUnderstoodWordsOut_AndTheRestAsTyped()
    {
        var interpretation = TestInterpreter.Instance.Interpret("Phòng trọ Mới XÂY gần Amata 2tr", ListingKind.Rental);

        Assert.Equal("Mới XÂY", interpretation.RemainingText);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!! ---")]
    public void Interpret_GivesAnEmptyInterpretation_ForTextWithoutWords(string? text)
    {
        var interpretation = TestInterpreter.Instance.Interpret(text, kind: null);

        Assert.Empty(interpretation.Parts);
        Assert.Equal("", interpretation.RemainingText);
        Assert.Empty(interpretation.KindWeights);
    }

    [Fact]
    public void Without_DropsTheFieldAnExplicitParameterSet_AndKeepsItsWordsOutOfTheText()
    {
        var interpretation = TestInterpreter.Instance.Interpret("phòng trọ dưới 2 triệu gần Amata máy lạnh", ListingKind.Rental);

        var withoutMoney = interpretation.Without(UnderstoodField.Money);

        Assert.Null(withoutMoney.Money);
        Assert.NotNull(withoutMoney.Place);
        Assert.Equal(interpretation.Parts.Count - 1, withoutMoney.Parts.Count);
        Assert.Equal("", withoutMoney.RemainingText);
        Assert.NotNull(interpretation.Money);
    }

    [Fact]
    public void Without_DropsOnlyTheNeedsOfTheGivenFilter()
    {
        var interpretation = TestInterpreter.Instance.Interpret("phòng trọ máy lạnh", ListingKind.Rental);

        var withoutAmenities = interpretation.Without(UnderstoodField.Need, Domain.Listings.Rentals.RentalKind.Amenities);
        var withoutNeeds = interpretation.Without(UnderstoodField.Need);

        Assert.Equal([Domain.Listings.Rentals.RentalKind.RentalType], withoutAmenities.FiltersFor(ListingKind.Rental).Keys);
        Assert.Empty(withoutNeeds.FiltersFor(ListingKind.Rental));
    }

    [Fact]
    public void Interpret_GivesTheSameAnswer_FromManyThreadsAtOnce()
    {
        string[] queries = ["phòng trọ dưới 2 triệu gần Amata", "tuyen cong nhan ca dem bao an", "xe buýt đi Long Thành sau 17h", "voucher ăn uống dưới 100k"];
        var expected = queries.Select(q => TestInterpreter.Instance.Interpret(q, kind: null).ToString()).ToArray();

        var results = Enumerable.Range(0, 400).AsParallel()
            .Select(i => (i % queries.Length, TestInterpreter.Instance.Interpret(queries[i % queries.Length], kind: null).ToString()))
            .ToList();

        Assert.All(results, r => Assert.Equal(expected[r.Item1], r.Item2));
    }

    [Fact]
    public void Interpret_NeverThrows_OnOddInput()
    {
        string[] odd = ["99999999999999999999999tr", "1.2.3.4.5", "- - ~ < >", "6h99", "25h", "tr", "k 5", "từ đến", "gần", "1tr5555", "\u0301\u0300", "đ", "0đ", "𝟙𝟚tr"];

        foreach (var text in odd)
        {
            var interpretation = TestInterpreter.Instance.Interpret(text, kind: null);

            Assert.All(interpretation.Parts, part => Assert.Equal(text.Substring(part.Start, part.Length), part.Source));
        }
    }
}
