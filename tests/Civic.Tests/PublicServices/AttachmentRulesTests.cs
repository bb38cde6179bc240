using DongNai.Civic.PublicServices;

namespace DongNai.Civic.Tests.PublicServices;

public sealed class AttachmentRulesTests
{
    private static readonly byte[] Pdf = [.. "%PDF-1.4\n"u8.ToArray(), 1, 2, 3];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2];

    [Fact]
    public void Sniff_TellsTheTypeFromTheFirstBytes()
    {
        Assert.Equal(AttachmentRules.Pdf, AttachmentRules.Sniff(Pdf));
        Assert.Equal(AttachmentRules.Jpeg, AttachmentRules.Sniff(Jpeg));
        Assert.Equal(AttachmentRules.Png, AttachmentRules.Sniff(Png));
        Assert.Null(AttachmentRules.Sniff("GIF89a"u8));
        Assert.Null(AttachmentRules.Sniff("<html>%PDF-"u8));
        Assert.Null(AttachmentRules.Sniff([]));
    }

    [Theory]
    [InlineData("application/pdf")]
    [InlineData("application/octet-stream")]
    [InlineData(null)]
    [InlineData("application/pdf; charset=binary")]
    public void ContentProblem_IsNone_WhenTheStatedTypeAgreesOrSaysNothing(string? stated)
    {
        Assert.Null(AttachmentRules.ContentProblem(Pdf, stated));
    }

    [Fact]
    public void ContentProblem_RefusesARenamedFile_AndUnknownContent()
    {
        Assert.Contains("image/jpeg", AttachmentRules.ContentProblem(Jpeg, "image/png"), StringComparison.Ordinal);
        Assert.NotNull(AttachmentRules.ContentProblem("MZ\x90\0"u8, "application/pdf"));
    }

    [Theory]
    [InlineData(0L, true)]
    [InlineData(1L, false)]
    [InlineData(AttachmentRules.MaxBytes, false)]
    [InlineData(AttachmentRules.MaxBytes + 1L, true)]
    public void SizeProblem_RefusesEmptyAndTooLargeFiles(long length, bool refused)
    {
        Assert.Equal(refused, AttachmentRules.SizeProblem(length) is not null);
    }

    [Fact]
    public void TrackingCodes_AreTwelveDigitsWithoutALeadingZero()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => TrackingCodes.New()).ToList();

        Assert.All(codes, code => Assert.True(TrackingCodes.IsWellFormed(code), code.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(codes.Distinct().Count() > 990);
    }
}
