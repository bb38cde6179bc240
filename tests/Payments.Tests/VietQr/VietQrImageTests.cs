using DongNai.Domain.Validation;
using DongNai.Payments.VietQr;

namespace DongNai.Payments.Tests.VietQr;

public sealed class VietQrImageTests
{
    [Theory]
    [MemberData(nameof(VietQrVectors.Valid), MemberType = typeof(VietQrVectors))]
    public void Png_ScansBackToThePayload_ForEachVector(string payload)
    {
        var png = VietQrImage.Png(payload);

        Assert.Equal(payload, QrScan.Text(png));
    }

    [Fact]
    public void Png_ScansBackToABuiltPayload_WithAFoldedPurpose()
    {
        Assert.True(VietQrBuilder.TryBuild(new VietQrRequest("970418", "12010000123456", VietQrService.Account, 1_250_000, "Tiền điện tháng 11", "HD2026110001"), new FieldErrors(), out var payload));

        var png = VietQrImage.Png(payload, pixelsPerModule: 4);

        Assert.Equal(payload, QrScan.Text(png));
        Assert.Contains("Tien dien thang 11", payload, StringComparison.Ordinal);
    }

    [Fact]
    public void Png_IsAPngFile()
    {
        var png = VietQrImage.Png("00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F");

        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
    }
}
