using DongNai.Payments.VietQr;

namespace DongNai.Payments.Tests.VietQr;

public sealed class NapasBanksTests
{
    [Theory]
    [InlineData("970416", "ACB")]
    [InlineData("970407", "Techcombank")]
    [InlineData("970449", "LPBank")]
    [InlineData("970414", "MBV")]
    [InlineData("970406", "Vikki Bank")]
    public void Find_NamesTheCurrentBank_EvenWhereAnOldNameSharesTheBin(string bin, string shortName)
    {
        var bank = NapasBanks.Find(bin);

        Assert.Equal(shortName, bank?.ShortName);
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("")]
    [InlineData(null)]
    public void Find_ReturnsNull_ForABinNoBankHas(string? bin)
    {
        var bank = NapasBanks.Find(bin);

        Assert.Null(bank);
    }

    [Fact]
    public void All_HoldsOnlySixDigitBins_OncePerBin()
    {
        var banks = NapasBanks.All;

        Assert.True(banks.Count > 50, $"{banks.Count} banks");
        Assert.All(banks, b => Assert.Matches("^[0-9]{6}$", b.Bin));
        Assert.Equal(banks.Count, banks.Select(b => b.Bin).Distinct(StringComparer.Ordinal).Count());
    }
}
