using DongNai.Domain.Listings;
using DongNai.Search.Scoring;

namespace DongNai.Search.Tests.Scoring;

public sealed class LowPricePreferenceTests
{
    [Fact]
    public void Factor_FallsWithPrice_BetweenOneAndTheFloor()
    {
        long[] prices = [0, 500_000, 1_500_000, 3_000_000, 3_600_000, 10_000_000, 1_000_000_000];

        var factors = prices.Select(price => LowPricePreference.Factor(ListingKind.Rental, price)).ToList();

        Assert.Equal(1, factors[0], 9);
        Assert.Equal(LowPricePreference.NeutralFactor, factors[3], 9);
        Assert.Equal(factors.OrderDescending(), factors);
        Assert.All(factors, factor => Assert.InRange(factor, LowPricePreference.Floor, 1));
        Assert.Equal(factors.Count, factors.Distinct().Count());
    }

    [Fact]
    public void Factor_IsNeutral_WithoutAPriceOrForSalaries()
    {
        var withoutPrice = LowPricePreference.Factor(ListingKind.Rental, null);
        var lowSalary = LowPricePreference.Factor(ListingKind.Job, 1_000_000);
        var highSalary = LowPricePreference.Factor(ListingKind.Job, 50_000_000);

        Assert.Equal(LowPricePreference.NeutralFactor, withoutPrice);
        Assert.Equal(LowPricePreference.NeutralFactor, lowSalary);
        Assert.Equal(LowPricePreference.NeutralFactor, highSalary);
        Assert.Null(LowPricePreference.ReferencePrice(ListingKind.Job));
    }

    [Fact]
    public void Factor_DependsOnThePriceRelativeToTheKind()
    {
        var room = LowPricePreference.Factor(ListingKind.Rental, 3_000_000);
        var fare = LowPricePreference.Factor(ListingKind.BusRoute, 50_000);
        var dearFare = LowPricePreference.Factor(ListingKind.BusRoute, 3_000_000);

        Assert.Equal(room, fare, 9);
        Assert.True(dearFare < fare);
    }
}
