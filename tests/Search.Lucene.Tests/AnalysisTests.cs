using System.Text;
using DongNai.Search.Lucene.Analysis;

namespace DongNai.Search.Lucene.Tests;

public sealed class AnalysisTests
{
    private static readonly VietnameseAnalyzer Accented = new(fold: false);
    private static readonly VietnameseAnalyzer Folded = new(fold: true);

    [Fact]
    public void FoldedAnalyzer_RemovesAccents_AndSplitsOnPunctuation()
    {
        var tokens = Folded.Tokens("Nhà trọ gần KCN Biên Hòa, đường Đồng Khởi; P.Tân-Phong!!");

        Assert.Equal(["nha", "tro", "gan", "kcn", "bien", "hoa", "duong", "dong", "khoi", "p", "tan", "phong"], tokens);
    }

    [Fact]
    public void AccentedAnalyzer_KeepsAccents_WithCanonicalTonePlacement()
    {
        var tokens = Accented.Tokens("BIÊN HOÀ Thuý");

        Assert.Equal(["biên", "hòa", "thúy"], tokens);
    }

    [Fact]
    public void PhraseAnalyzer_EmitsFoldedPairsOfAdjacentWords()
    {
        var phrases = new VietnameseAnalyzer(fold: true, phrases: true);

        Assert.Equal(["phong tro", "tro gan", "gan kcn"], phrases.Tokens("Phòng trọ gần KCN"));
        Assert.Empty(phrases.Tokens("Phòng"));
    }

    [Fact]
    public void Analyzers_TreatDecomposedInputLikeComposedInput()
    {
        var text = "Phòng trọ Đồng Khởi";

        Assert.Equal(Accented.Tokens(text), Accented.Tokens(text.Normalize(NormalizationForm.FormD)));
        Assert.Equal(Folded.Tokens(text), Folded.Tokens(text.Normalize(NormalizationForm.FormD)));
    }

    [Fact]
    public void Analyzers_KeepTheSameNumberOfTokens_SoUnitsLineUp()
    {
        var text = "Tuyển 50 CN may – lương 8tr/tháng (KCN Nhơn Trạch 3)";

        Assert.Equal(Accented.Tokens(text).Count, Folded.Tokens(text).Count);
    }
}
