using DongNai.Search.Analysis;

namespace DongNai.Search.Tests.Text;

public sealed class SearchSynonymsTests
{
    [Fact]
    public void Expand_MatchesMultiWordPhrase_AsOneUnit()
    {
        var units = SearchSynonyms.Expand(["phong", "tro", "khu", "cong", "nghiep", "amata"]);

        Assert.Equal([(0, 2), (2, 3), (5, 1)], units.Select(u => (u.Start, u.Length)));
        Assert.Equal([["nha", "tro"]], units[0].Alternatives);
        Assert.Equal([["kcn"]], units[1].Alternatives);
        Assert.Empty(units[2].Alternatives);
    }

    [Fact]
    public void Expand_MapsAbbreviationsToTheirPhrases()
    {
        var units = SearchSynonyms.Expand(["kcn", "cn", "tp", "p"]);

        Assert.Equal(
            [["khu", "cong", "nghiep"], ["cong", "nhan"], ["thanh", "pho"], ["phuong"]],
            units.Select(u => u.Alternatives.Single()));
    }

    [Fact]
    public void Expand_PrefersTheLongestMatch()
    {
        var units = SearchSynonyms.Expand(["cong", "nhan", "may"]);

        Assert.Equal(2, units[0].Length);
        Assert.Equal([["cn"]], units[0].Alternatives);
    }
}
