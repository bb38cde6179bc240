using System.Text;
using DongNai.Identity.Cccd;
using Microsoft.Extensions.Time.Testing;

namespace DongNai.Identity.Tests;

public sealed class CccdQrParserTests
{
    /// <summary>A man born in Đồng Nai (075) in 1995: fourth digit 0, fifth and sixth 95.</summary>
    private const string Man = "075095123456|272345678|Nguyễn Văn An|15031995|Nam|Phường Tam Hiệp, Biên Hòa, Đồng Nai|20042021";

    /// <summary>"Today" in Vietnam: 2 November 2026, 08:00 (UTC+7).</summary>
    private readonly CccdQrParser _parser = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void Parse_ReadsEveryField_WhenTheTextIsAValidCard()
    {
        var result = _parser.Parse(Man);

        var card = Assert.IsType<CccdQrResult.Parsed>(result).Card;
        Assert.Equal("075095123456", card.CccdNumber);
        Assert.Equal("272345678", card.OldIdNumber);
        Assert.Equal("Nguyễn Văn An", card.FullName);
        Assert.Equal(new DateOnly(1995, 3, 15), card.DateOfBirth);
        Assert.Equal(Gender.Male, card.Gender);
        Assert.Equal("Phường Tam Hiệp, Biên Hòa, Đồng Nai", card.Address);
        Assert.Equal(new DateOnly(2021, 4, 20), card.IssueDate);
    }

    [Fact]
    public void Parse_LeavesTheOldNumberOut_WhenTheCardHasNone()
    {
        var result = _parser.Parse("079301654321||Trần Thị Bình|20072001|Nữ|Quận 1, Hồ Chí Minh|05012022");

        var card = Assert.IsType<CccdQrResult.Parsed>(result).Card;
        Assert.Null(card.OldIdNumber);
        Assert.Equal(Gender.Female, card.Gender);
        Assert.Equal("079301654321", card.CccdNumber);
    }

    [Theory]
    [InlineData("  " + Man + "  \r\n")]
    [InlineData(Man + "|")]
    [InlineData(" " + Man + "| ")]
    public void Parse_ToleratesWhitespaceAndATrailingSeparator(string text)
    {
        var result = _parser.Parse(text);

        Assert.Equal("075095123456", Assert.IsType<CccdQrResult.Parsed>(result).Card.CccdNumber);
    }

    [Fact]
    public void Parse_ComposesDecomposedText_ToNfc()
    {
        var decomposed = Man.Normalize(NormalizationForm.FormD);

        var card = Assert.IsType<CccdQrResult.Parsed>(_parser.Parse(decomposed)).Card;

        Assert.NotEqual(Man, decomposed);
        Assert.Equal("Nguyễn Văn An", card.FullName);
        Assert.True(card.FullName.IsNormalized(NormalizationForm.FormC));
        Assert.True(card.Address.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void Parse_AcceptsAWomanBornIn2000s_WithFourthDigitThree()
    {
        var result = _parser.Parse("001308000001||Lê Thị Hoa|01012008|Nữ|Hà Nội|02022024");

        Assert.IsType<CccdQrResult.Parsed>(result);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Parse_RequiresText_WhenEmpty(string? text)
    {
        var errors = Errors(_parser.Parse(text));

        Assert.Contains("text", errors.Keys);
    }

    [Theory]
    [InlineData("075095123456|272345678|Nguyễn Văn An|15031995|Nam|Biên Hòa")]
    [InlineData("075095123456|272345678|Nguyễn Văn An|15031995|Nam|Biên Hòa|20042021|x")]
    [InlineData("not a cccd qr code")]
    public void Parse_RefusesText_WhenItIsNotSevenFields(string text)
    {
        var errors = Errors(_parser.Parse(text));

        Assert.Equal(["text"], errors.Keys);
    }

    [Theory]
    [InlineData("07509512345", "cccdNumber")]
    [InlineData("0750951234567", "cccdNumber")]
    [InlineData("07509512345A", "cccdNumber")]
    [InlineData("", "cccdNumber")]
    public void Parse_RefusesTheNumber_WhenNotTwelveDigits(string number, string field)
    {
        var errors = Errors(_parser.Parse(Replace(0, number)));

        Assert.Equal([field], errors.Keys);
    }

    [Theory]
    [InlineData("27234567")]
    [InlineData("2723456789")]
    [InlineData("27234567x")]
    public void Parse_RefusesTheOldNumber_WhenNotNineDigits(string oldNumber)
    {
        var errors = Errors(_parser.Parse(Replace(1, oldNumber)));

        Assert.Equal(["oldIdNumber"], errors.Keys);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Nguyễn Văn 4n")]
    [InlineData("Nguyễn <b>An</b>")]
    public void Parse_RefusesTheName_WhenMissingOrNotLetters(string name)
    {
        var errors = Errors(_parser.Parse(Replace(2, name)));

        Assert.Equal(["fullName"], errors.Keys);
    }

    [Theory]
    [InlineData("31021995")]
    [InlineData("1995-03-15")]
    [InlineData("1503195")]
    [InlineData("")]
    public void Parse_RefusesTheBirthDate_WhenNotARealDdMMyyyyDate(string date)
    {
        var errors = Errors(_parser.Parse(Replace(3, date)));

        Assert.Contains("dateOfBirth", errors.Keys);
        Assert.DoesNotContain("issueDate", errors.Keys);
    }

    [Theory]
    [InlineData("Male")]
    [InlineData("")]
    [InlineData("Nu")]
    public void Parse_RefusesTheGender_WhenNotNamOrNu(string gender)
    {
        var errors = Errors(_parser.Parse(Replace(4, gender)));

        Assert.Equal(["gender"], errors.Keys);
    }

    [Fact]
    public void Parse_RefusesTheAddress_WhenMissing()
    {
        var errors = Errors(_parser.Parse(Replace(5, "")));

        Assert.Equal(["address"], errors.Keys);
    }

    [Theory]
    [InlineData("30022021")]
    [InlineData("")]
    public void Parse_RefusesTheIssueDate_WhenNotARealDate(string date)
    {
        var errors = Errors(_parser.Parse(Replace(6, date)));

        Assert.Equal(["issueDate"], errors.Keys);
    }

    [Fact]
    public void Parse_RefusesTheIssueDate_WhenNotAfterBirth()
    {
        var errors = Errors(_parser.Parse(Replace(6, "15031995")));

        Assert.Equal(["issueDate"], errors.Keys);
    }

    [Fact]
    public void Parse_RefusesTheIssueDate_WhenInTheFuture()
    {
        var errors = Errors(_parser.Parse(Replace(6, "03112026")));

        Assert.Equal(["issueDate"], errors.Keys);
    }

    [Fact]
    public void Parse_AcceptsAnIssueDateOfToday_InVietnamWhileItIsStillYesterdayInUtc()
    {
        // 1 November 2026, 20:00 UTC is already 2 November, 03:00 in Vietnam.
        var parser = new CccdQrParser(new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 20, 0, 0, TimeSpan.Zero)));

        var result = parser.Parse(Replace(6, "02112026"));

        Assert.IsType<CccdQrResult.Parsed>(result);
    }

    [Fact]
    public void Parse_RefusesTheBirthDate_WhenInTheFuture()
    {
        var errors = Errors(_parser.Parse("075227123456||Nguyễn Văn An|15032027|Nam|Biên Hòa|20042021"));

        Assert.Contains("dateOfBirth", errors.Keys);
    }

    [Theory]
    [InlineData("003095123456")]
    [InlineData("099095123456")]
    [InlineData("000095123456")]
    public void Parse_RefusesTheNumber_WhenTheFirstThreeDigitsAreNoBirthProvince(string number)
    {
        var errors = Errors(_parser.Parse(Replace(0, number)));

        Assert.Equal(["cccdNumber"], errors.Keys);
        Assert.Contains("province", errors["cccdNumber"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("075195123456")] // 1 is a woman born in the 1900s
    [InlineData("075295123456")] // 2 is a man born in the 2000s
    [InlineData("075895123456")] // 8 is a man born in the 2300s
    public void Parse_RefusesTheNumber_WhenTheFourthDigitDisagreesWithGenderOrCentury(string number)
    {
        var errors = Errors(_parser.Parse(Replace(0, number)));

        Assert.Equal(["cccdNumber"], errors.Keys);
        Assert.Contains("fourth digit must be 0", errors["cccdNumber"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RefusesTheNumber_WhenTheStatedGenderDoesNotMatchItsFourthDigit()
    {
        var errors = Errors(_parser.Parse(Replace(4, "Nữ")));

        Assert.Equal(["cccdNumber"], errors.Keys);
        Assert.Contains("must be 1", errors["cccdNumber"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RefusesTheNumber_WhenDigitsFiveAndSixAreNotTheBirthYear()
    {
        var errors = Errors(_parser.Parse(Replace(0, "075096123456")));

        Assert.Equal(["cccdNumber"], errors.Keys);
        Assert.Contains("(95)", errors["cccdNumber"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NamesEveryWrongField_WhenSeveralAreWrong()
    {
        var errors = Errors(_parser.Parse("12|1|4|32131995|X||99999999"));

        Assert.Equal(["address", "cccdNumber", "dateOfBirth", "fullName", "gender", "issueDate", "oldIdNumber"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(Gender.Male, 1900, 0)]
    [InlineData(Gender.Female, 1999, 1)]
    [InlineData(Gender.Male, 2000, 2)]
    [InlineData(Gender.Female, 2099, 3)]
    [InlineData(Gender.Male, 2100, 4)]
    [InlineData(Gender.Female, 2250, 7)]
    [InlineData(Gender.Female, 2399, 9)]
    public void GenderCenturyDigit_FollowsTheCircular(Gender gender, int year, int digit)
    {
        Assert.Equal(digit, CccdQrParser.GenderCenturyDigit(gender, year));
    }

    [Fact]
    public void GenderCenturyDigit_IsNull_ForABirthBefore1900()
    {
        Assert.Null(CccdQrParser.GenderCenturyDigit(Gender.Male, 1899));
    }

    private static string Replace(int field, string value)
    {
        var fields = Man.Split('|');
        fields[field] = value;
        return string.Join('|', fields);
    }

    private static IDictionary<string, string[]> Errors(CccdQrResult result) =>
        Assert.IsType<CccdQrResult.Invalid>(result).Errors.ToDictionary();
}
