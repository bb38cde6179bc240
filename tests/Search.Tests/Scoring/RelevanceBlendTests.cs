using DongNai.Search.Scoring;

namespace DongNai.Search.Tests.Scoring;

public sealed class RelevanceBlendTests
{
    [Fact]
    public void DistanceFactor_HalvesTowardsItsFloorEveryHalfLife()
    {
        Assert.Equal(1, RelevanceBlend.DistanceFactor(null));
        Assert.Equal(1, RelevanceBlend.DistanceFactor(0), 12);
        Assert.Equal(0.75, RelevanceBlend.DistanceFactor(5), 12);
        Assert.Equal(0.625, RelevanceBlend.DistanceFactor(10), 12);
        Assert.Equal(RelevanceBlend.DistanceFloor, RelevanceBlend.DistanceFactor(double.PositiveInfinity), 12);
    }

    [Fact]
    public void FreshnessFactor_CostsAtMostAQuarter_AndTreatsFutureDatesAsNew()
    {
        Assert.Equal(1, RelevanceBlend.FreshnessFactor(0), 12);
        Assert.Equal(1, RelevanceBlend.FreshnessFactor(-3), 12);
        Assert.Equal(0.875, RelevanceBlend.FreshnessFactor(14), 12);
        Assert.Equal(RelevanceBlend.FreshnessFloor, RelevanceBlend.FreshnessFactor(double.PositiveInfinity), 12);
    }

    [Fact]
    public void Score_MultipliesTheTextScoreByBothFactors()
    {
        var ageDays = RelevanceBlend.AgeDays(scoringNowMs: 30 * 86_400_000L, updatedMs: 16 * 86_400_000L);

        Assert.Equal(14, ageDays, 12);
        Assert.Equal(2.0 * 0.75 * 0.875, RelevanceBlend.Score(2.0, 5, ageDays), 12);
        Assert.Equal(2.0 * 0.875, RelevanceBlend.Score(2.0, null, ageDays), 12);
    }
}
