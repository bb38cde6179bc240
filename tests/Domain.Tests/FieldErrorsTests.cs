using DongNai.Domain.Listings;
using DongNai.Domain.Validation;

namespace DongNai.Domain.Tests;

public sealed class FieldErrorsTests
{
    public static TheoryData<string> Invisible => new()
    {
        "\0\0\0\0\0\0",
        "\u200B\u200B\u200B\u200B\u200B\u200B",
        "\u200C\u200D\u2060\uFEFF\u200E\u200F",
        " \0 \u200B \u0007 ",
        "\U000E0041\U000E0042\U000E0043\U000E0044\U000E0045",
    };

    [Theory]
    [MemberData(nameof(Invisible))]
    public void Text_RefusesAsRequired_WhenOnlyControlOrFormatCharactersRemain(string value)
    {
        var errors = new FieldErrors();

        errors.Text(value, "title", 5, 200);

        var messages = errors.ToDictionary()["title"];
        Assert.StartsWith("Required", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_CountsOnlyVisibleCharacters_TowardsTheMinimum()
    {
        var errors = new FieldErrors();

        errors.Text("Ab\u200B\u200B\u200B\0\0", "title", 5, 200);

        Assert.Contains("title", errors.ToDictionary().Keys);
    }

    [Theory]
    [InlineData("Phòng trọ gần KCN Amata")]
    [InlineData("Phòng\u200Btrọ đẹp")]
    [InlineData("  Nhà trọ  ")]
    public void Text_Accepts_WhenEnoughCharactersAreVisible(string value)
    {
        var errors = new FieldErrors();

        errors.Text(value, "title", 5, 200);

        Assert.True(errors.IsEmpty);
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("", 0)]
    [InlineData(" \t\r\n ", 0)]
    [InlineData("a\0b", 2)]
    [InlineData(" a\nb ", 3)]
    [InlineData("\uFEFFnhà\u200D", 3)]
    [InlineData("\U0001F600", 2)]
    public void VisibleLength_RemovesControlAndFormatCharacters_ButKeepsLineBreaksBetweenWords(string? value, int expected)
    {
        var length = FieldErrors.VisibleLength(value);

        Assert.Equal(expected, length);
    }

    [Fact]
    public void TitleAndDescription_RefuseATitleOfZeroWidthSpaces()
    {
        var errors = new FieldErrors();

        ListingRules.TitleAndDescription("\u200B\u200B\u200B\u200B\u200B\u200B\u200B", "Mô tả đủ dài cho một tin đăng.", errors);

        Assert.Equal(["title"], errors.ToDictionary().Keys);
    }
}
