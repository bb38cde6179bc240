using System.Text;
using DongNai.Domain.Text;

namespace DongNai.Search.Tests.Text;

public sealed class VietnameseTextTests
{
    [Theory]
    [InlineData("hoà", "hòa")]
    [InlineData("hòa", "hòa")]
    [InlineData("Biên Hoà", "biên hòa")]
    [InlineData("khoẻ", "khỏe")]
    [InlineData("thuý", "thúy")]
    [InlineData("Thuỷ", "thủy")]
    [InlineData("quý", "quý")]
    [InlineData("hòan", "hoàn")]
    [InlineData("huỳnh", "huỳnh")]
    [InlineData("hùynh", "huỳnh")]
    [InlineData("ngòai", "ngoài")]
    [InlineData("muà", "mùa")]
    [InlineData("gía", "giá")]
    [InlineData("già", "già")]
    [InlineData("gì", "gì")]
    [InlineData("quốc", "quốc")]
    [InlineData("qùa", "quà")]
    [InlineData("ngừơi", "người")]
    [InlineData("thủơ", "thuở")]
    [InlineData("khuỷu", "khuỷu")]
    [InlineData("tiếng", "tiếng")]
    [InlineData("tíêng", "tiếng")]
    [InlineData("ĐỒNG NAI", "đồng nai")]
    [InlineData("Phòng trọ, KCN Amata!", "phòng trọ, kcn amata!")]
    [InlineData("café", "café")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Normalize_PlacesToneMarkCanonically_AndLowerCases(string? text, string expected)
    {
        var normalized = VietnameseText.Normalize(text);

        Assert.Equal(expected.Normalize(NormalizationForm.FormC), normalized);
    }

    [Theory]
    [InlineData("Phòng trọ Biên Hòa")]
    [InlineData("Người lao động phổ thông")]
    [InlineData("ĐƯỜNG ĐỒNG KHỞI")]
    public void Normalize_GivesTheSameResult_ForComposedAndDecomposedInput(string text)
    {
        var composed = VietnameseText.Normalize(text.Normalize(NormalizationForm.FormC));
        var decomposed = VietnameseText.Normalize(text.Normalize(NormalizationForm.FormD));

        Assert.Equal(composed, decomposed);
        Assert.True(composed.IsNormalized(NormalizationForm.FormC));
    }

    [Theory]
    [InlineData("Nhà trọ Đồng Khởi", "nha tro dong khoi")]
    [InlineData("NGƯỜI LAO ĐỘNG", "nguoi lao dong")]
    [InlineData("hoà", "hoa")]
    [InlineData("Amata 2", "amata 2")]
    [InlineData(null, "")]
    public void Fold_RemovesEveryDiacritic_AndWritesDAsD(string? text, string expected)
    {
        Assert.Equal(expected, VietnameseText.Fold(text));
    }

    [Fact]
    public void Fold_GivesTheSameResult_ForDecomposedInput()
    {
        var text = "Khu công nghiệp Nhơn Trạch";

        Assert.Equal(VietnameseText.Fold(text), VietnameseText.Fold(text.Normalize(NormalizationForm.FormD)));
    }

    [Fact]
    public void FoldNormalizeAndHasDiacritics_ReplaceWhatCannotBeNormalized_InsteadOfThrowing()
    {
        // Found by QueryInterpreterPropertyTests (lone surrogates) and the SharpFuzz run (U+FFFE):
        // string.Normalize throws on both.
        const string text = "Hòa\uDC00\uD800 đến\uD800\uFFFE";

        var folded = VietnameseText.Fold(text);
        var normalized = VietnameseText.Normalize(text);
        var key = VietnameseText.FoldKey(text);
        var marked = VietnameseText.HasDiacritics(text);

        Assert.Equal("hoa\uFFFD\uFFFD den\uFFFD\uFFFD", folded);
        Assert.Equal("hòa\uFFFD\uFFFD đến\uFFFD\uFFFD", normalized);
        Assert.Equal("hoa den", key);
        Assert.True(marked);
    }

    [Fact]
    public void Compose_GivesNfc_AndReplacesWhatCannotBeNormalized()
    {
        var decomposed = "Hòa".Normalize(NormalizationForm.FormD) + "\uFFFE\uD800";

        var composed = VietnameseText.Compose(decomposed);

        Assert.Equal("Hòa\uFFFD\uFFFD", composed);
    }

    [Theory]
    [InlineData("  Biên-Hòa!! ", "bien hoa")]
    [InlineData("P. Tân Phong", "p tan phong")]
    [InlineData("...", "")]
    public void FoldKey_CollapsesEverythingButLettersAndDigits(string text, string expected)
    {
        Assert.Equal(expected, VietnameseText.FoldKey(text));
    }

    [Theory]
    [InlineData("phòng", true)]
    [InlineData("đi", true)]
    [InlineData("phong tro", false)]
    [InlineData("PHONG", false)]
    [InlineData("", false)]
    public void HasDiacritics_TellsWhetherFoldingChangesTheText(string text, bool expected)
    {
        Assert.Equal(expected, VietnameseText.HasDiacritics(text));
    }

    [Fact]
    public void TryFoldInPlace_AgreesWithFold_ForEveryVietnameseLetter()
    {
        const string letters = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ";
        var all = letters + letters.ToUpperInvariant() + "0123456789";

        var chars = all.ToCharArray();
        var fast = VietnameseText.TryFoldInPlace(chars);

        Assert.True(fast);
        Assert.Equal(VietnameseText.Fold(all.Normalize(NormalizationForm.FormD)), new string(chars));
    }

    [Fact]
    public void TryFoldInPlace_DeclinesCombiningMarks()
    {
        var chars = "hòa".Normalize(NormalizationForm.FormD).ToCharArray();

        Assert.False(VietnameseText.TryFoldInPlace(chars));
    }
}
