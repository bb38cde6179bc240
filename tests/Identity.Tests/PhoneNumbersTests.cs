namespace DongNai.Identity.Tests;

public sealed class PhoneNumbersTests
{
    [Theory]
    [InlineData("0912345678")]
    [InlineData("+84912345678")]
    [InlineData("84912345678")]
    [InlineData("0912 345 678")]
    [InlineData("+84 912-345-678")]
    [InlineData("(091) 234.5678")]
    [InlineData("  0912345678  ")]
    public void TryNormalize_GivesPlus84AndNineDigits_ForEveryWayOfTypingOneNumber(string typed)
    {
        var accepted = PhoneNumbers.TryNormalize(typed, out var canonical);

        Assert.True(accepted);
        Assert.Equal("+84912345678", canonical);
    }

    [Theory]
    [InlineData("0321234567", "+84321234567")]
    [InlineData("0391234567", "+84391234567")]
    [InlineData("0521234567", "+84521234567")]
    [InlineData("0591234567", "+84591234567")]
    [InlineData("0701234567", "+84701234567")]
    [InlineData("0761234567", "+84761234567")]
    [InlineData("0791234567", "+84791234567")]
    [InlineData("0811234567", "+84811234567")]
    [InlineData("0891234567", "+84891234567")]
    [InlineData("0901234567", "+84901234567")]
    [InlineData("0991234567", "+84991234567")]
    [InlineData("84861234567", "+84861234567")]
    public void TryNormalize_AcceptsTheMobilePrefixesOfThe2018Renumbering(string typed, string expected)
    {
        var accepted = PhoneNumbers.TryNormalize(typed, out var canonical);

        Assert.True(accepted);
        Assert.Equal(expected, canonical);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0251382222")] // landline (02x)
    [InlineData("0311234567")] // 031 is not a mobile prefix
    [InlineData("0501234567")] // 050 is not assigned
    [InlineData("0711234567")] // 071 is not assigned
    [InlineData("0801234567")] // 080 is not assigned
    [InlineData("091234567")] // nine digits
    [InlineData("09123456789")] // eleven digits
    [InlineData("912345678")] // no leading 0 or 84
    [InlineData("8412345678")] // 84 with too few digits
    [InlineData("0084912345678")] // international 00 prefix
    [InlineData("0912a45678")]
    [InlineData("0912_345_678")]
    [InlineData("0912\uFF13\uFF14\uFF15678")] // full-width digits would give the same phone a second hash
    [InlineData("091234567\u0668")] // an Arabic-Indic digit
    [InlineData("+84 912 345 678 ext. 12")]
    [InlineData("0 9 1 2 3 4 5 6 7 8                        ")] // longer than 32 characters
    public void TryNormalize_Refuses_WhenTheInputIsNotAVietnameseMobile(string? typed)
    {
        var accepted = PhoneNumbers.TryNormalize(typed, out var canonical);

        Assert.False(accepted);
        Assert.Null(canonical);
    }

    [Fact]
    public void Mask_ShowsOnlyTheLastThreeDigits()
    {
        var masked = PhoneNumbers.Mask("+84912345678");

        Assert.Equal("+84******678", masked);
    }
}
