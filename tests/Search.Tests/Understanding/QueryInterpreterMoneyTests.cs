using System.Text;
using DongNai.Domain.Listings;
using DongNai.Search.Understanding;

namespace DongNai.Search.Tests.Understanding;

public sealed class QueryInterpreterMoneyTests
{
    [Theory]
    [InlineData("dưới 2 triệu", null, 2_000_000L)]
    [InlineData("duoi 2tr", null, 2_000_000L)]
    [InlineData("< 2tr", null, 2_000_000L)]
    [InlineData("<2tr", null, 2_000_000L)]
    [InlineData("<= 2tr", null, 2_000_000L)]
    [InlineData("≤ 2 triệu", null, 2_000_000L)]
    [InlineData("tối đa 2 triệu", null, 2_000_000L)]
    [InlineData("toi da 2 trieu", null, 2_000_000L)]
    [InlineData("không quá 2 củ", null, 2_000_000L)]
    [InlineData("2tr trở xuống", null, 2_000_000L)]
    [InlineData("2tr đổ lại", null, 2_000_000L)]
    [InlineData("trên 8 triệu", 8_000_000L, null)]
    [InlineData("tren 8tr", 8_000_000L, null)]
    [InlineData("> 8tr", 8_000_000L, null)]
    [InlineData("8 triệu trở lên", 8_000_000L, null)]
    [InlineData("từ 8 triệu", 8_000_000L, null)]
    [InlineData("từ 2 đến 3 triệu", 2_000_000L, 3_000_000L)]
    [InlineData("tu 2 den 3 trieu", 2_000_000L, 3_000_000L)]
    [InlineData("từ 1tr5 tới 2tr", 1_500_000L, 2_000_000L)]
    [InlineData("2-3tr", 2_000_000L, 3_000_000L)]
    [InlineData("2 - 3 triệu", 2_000_000L, 3_000_000L)]
    [InlineData("2 – 3 triệu", 2_000_000L, 3_000_000L)]
    [InlineData("3tr - 2tr", 2_000_000L, 3_000_000L)]
    [InlineData("500k-1tr", 500_000L, 1_000_000L)]
    [InlineData("300.000 - 500.000", 300_000L, 500_000L)]
    public void Interpret_ReadsMoneyRanges_InEveryWrittenForm(string text, long? min, long? max)
    {
        var interpretation = TestInterpreter.Instance.Interpret("phòng trọ " + text, ListingKind.Rental);

        var money = Assert.IsType<MoneyPart>(interpretation.Money);
        Assert.Equal((min, max), (money.MinVnd, money.MaxVnd));
        Assert.False(money.Approximate);
        Assert.Equal(text, money.Source);
        Assert.Equal("", interpretation.RemainingText);
    }

    [Theory]
    [InlineData("khoảng 2 triệu", 2_000_000)]
    [InlineData("khoang 2 trieu", 2_000_000)]
    [InlineData("tầm 2tr", 2_000_000)]
    [InlineData("~2tr", 2_000_000)]
    [InlineData("2 triệu", 2_000_000)]
    [InlineData("1tr5", 1_500_000)]
    [InlineData("1TR5", 1_500_000)]
    [InlineData("2tr25", 2_250_000)]
    [InlineData("1.5tr", 1_500_000)]
    [InlineData("1,5 triệu", 1_500_000)]
    [InlineData("2,5tr", 2_500_000)]
    [InlineData("1 triệu rưỡi", 1_500_000)]
    [InlineData("500k", 500_000)]
    [InlineData("500 K", 500_000)]
    [InlineData("500 nghìn", 500_000)]
    [InlineData("500 ngàn", 500_000)]
    [InlineData("500 ngan", 500_000)]
    [InlineData("2 củ", 2_000_000)]
    [InlineData("2 cu", 2_000_000)]
    [InlineData("3.500.000", 3_500_000)]
    [InlineData("3.500.000đ", 3_500_000)]
    [InlineData("3.500.000 đồng", 3_500_000)]
    [InlineData("3500000 vnd", 3_500_000)]
    [InlineData("1,500,000", 1_500_000)]
    [InlineData("1 tỷ", 1_000_000_000)]
    public void Interpret_ReadsOneAmount_AsABandAroundIt(string text, long amount)
    {
        var interpretation = TestInterpreter.Instance.Interpret(text, ListingKind.Classified);

        var money = Assert.IsType<MoneyPart>(interpretation.Money);
        Assert.True(money.Approximate);
        // Band ends are rounded outwards to whole thousands.
        Assert.InRange(money.MinVnd!.Value, (amount * (1 - QueryInterpreter.ApproximateBand)) - 1000, amount * (1 - QueryInterpreter.ApproximateBand));
        Assert.InRange(money.MaxVnd!.Value, amount * (1 + QueryInterpreter.ApproximateBand), (amount * (1 + QueryInterpreter.ApproximateBand)) + 1000);
        Assert.Equal("", interpretation.RemainingText);
    }

    [Theory]
    [InlineData("15.000đ", 12_700L, 17_300L)]
    [InlineData("15k/lượt", 12_700L, 17_300L)]
    [InlineData("15k / lượt", 12_700L, 17_300L)]
    [InlineData("15000 đ", 12_700L, 17_300L)]
    [InlineData("dưới 20k", null, 20_000L)]
    public void Interpret_ReadsFares_WithTheirPerTripTail(string text, long? min, long? max)
    {
        var interpretation = TestInterpreter.Instance.Interpret("xe buýt Biên Hòa " + text, ListingKind.BusRoute);

        var money = Assert.IsType<MoneyPart>(interpretation.Money);
        Assert.Equal((min, max), (money.MinVnd, money.MaxVnd));
        Assert.Equal(MoneyField.Fare, money.Meaning);
        Assert.Equal(text, money.Source);
    }

    [Theory]
    [InlineData("dưới 2 triệu")]
    [InlineData("DƯỚI   2   TRIỆU")]
    [InlineData("  Dưới 2Tr  ")]
    public void Interpret_ReadsMoney_WhateverTheCaseSpacingOrNormalisationForm(string text)
    {
        foreach (var form in new[] { NormalizationForm.FormC, NormalizationForm.FormD })
        {
            var typed = text.Normalize(form);

            var interpretation = TestInterpreter.Instance.Interpret(typed, ListingKind.Rental);

            var money = Assert.IsType<MoneyPart>(interpretation.Money);
            Assert.Equal((null, 2_000_000L), (money.MinVnd, money.MaxVnd));
            Assert.Equal(typed.Substring(money.Start, money.Length), money.Source);
            Assert.Equal("", interpretation.RemainingText);
        }
    }

    [Fact]
    public void Interpret_ReadsSalaryFloor_ForJobs()
    {
        var interpretation = TestInterpreter.Instance.Interpret("lương trên 8 triệu", ListingKind.Job);

        var money = Assert.IsType<MoneyPart>(interpretation.Money);
        Assert.Equal(MoneyField.Salary, money.Meaning);
        Assert.Equal((8_000_000L, (long?)null), (money.MinVnd, money.MaxVnd));
        Assert.Equal("lương trên 8 triệu", money.Source);
    }

    [Theory]
    [InlineData(ListingKind.Job, MoneyField.Salary)]
    [InlineData(ListingKind.Rental, MoneyField.Price)]
    [InlineData(ListingKind.Classified, MoneyField.Price)]
    [InlineData(ListingKind.Voucher, MoneyField.Price)]
    [InlineData(ListingKind.BusRoute, MoneyField.Fare)]
    public void Interpret_GivesMoneyTheKindsOwnMeaning(ListingKind kind, MoneyField meaning)
    {
        var interpretation = TestInterpreter.Instance.Interpret("dưới 2 triệu", kind);

        Assert.Equal(meaning, interpretation.Money?.Meaning);
    }

    [Theory]
    [InlineData("lương 8 triệu", MoneyField.Salary)]
    [InlineData("việc làm 8 triệu", MoneyField.Salary)]
    [InlineData("giá vé 15k", MoneyField.Fare)]
    [InlineData("phòng trọ 2 triệu", MoneyField.Price)]
    [InlineData("2 triệu", MoneyField.Price)]
    public void Interpret_InfersMoneyMeaning_InACrossKindSearch(string text, MoneyField meaning)
    {
        var interpretation = TestInterpreter.Instance.Interpret(text, kind: null);

        Assert.Equal(meaning, interpretation.Money?.Meaning);
    }

    [Theory]
    [InlineData("iphone 12")]
    [InlineData("honda 2020")]
    [InlineData("tầng 2")]
    [InlineData("phòng 2 người")]
    [InlineData("ca 2 - 3h")]
    [InlineData("2 - 3")]
    [InlineData("giảm 50k")]
    [InlineData("giảm giá 50k")]
    [InlineData("đặt cọc 2 triệu")]
    [InlineData("thưởng 2 triệu")]
    [InlineData("1.5.3tr")]
    public void Interpret_LeavesNumbersThatAreNotPricesAsText(string text)
    {
        var interpretation = TestInterpreter.Instance.Interpret(text, ListingKind.Classified);

        Assert.Null(interpretation.Money);
        Assert.Contains(text.Split(' ')[^1], interpretation.RemainingText, StringComparison.Ordinal);
    }

    [Fact]
    public void Interpret_TakesOnlyTheFirstMoneyPhrase_AndLeavesTheNextAsText()
    {
        var interpretation = TestInterpreter.Instance.Interpret("dưới 2 triệu 5 triệu", ListingKind.Rental);

        Assert.Equal(2_000_000, interpretation.Money?.MaxVnd);
        Assert.Equal("5 triệu", interpretation.RemainingText);
    }

    [Fact]
    public void Interpret_DoesNotTakeDongBeforeAPlaceName_AsTheCurrency()
    {
        var interpretation = TestInterpreter.Instance.Interpret("phòng trọ 2 triệu Đồng Xoài", ListingKind.Rental);

        Assert.Equal("2 triệu", interpretation.Money?.Source);
        Assert.Equal("Đồng Xoài", interpretation.Place?.Source);
    }
}
