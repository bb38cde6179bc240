using DongNai.Domain.Validation;
using DongNai.Payments.VietQr;
using SkiaSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace DongNai.Payments.Tests.VietQr;

public sealed class VietQrImageTests
{
    [Theory]
    [MemberData(nameof(VietQrVectors.Valid), MemberType = typeof(VietQrVectors))]
    public void Png_ScansBackToThePayload_ForEachVector(string payload)
    {
        var png = VietQrImage.Png(payload);

        Assert.Equal(payload, Scan(png));
    }

    [Fact]
    public void Png_ScansBackToABuiltPayload_WithAFoldedPurpose()
    {
        Assert.True(VietQrBuilder.TryBuild(new VietQrRequest("970418", "12010000123456", VietQrService.Account, 1_250_000, "Tiền điện tháng 11", "HD2026110001"), new FieldErrors(), out var payload));

        var png = VietQrImage.Png(payload, pixelsPerModule: 4);

        Assert.Equal(payload, Scan(png));
        Assert.Contains("Tien dien thang 11", payload, StringComparison.Ordinal);
    }

    [Fact]
    public void Png_IsAPngFile()
    {
        var png = VietQrImage.Png("00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F");

        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
    }

    /// <summary>Decodes the PNG with SkiaSharp, then reads the QR code in it with ZXing from its grey levels.</summary>
    private static string? Scan(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        var luminance = new byte[bitmap.Width * bitmap.Height];
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                luminance[(y * bitmap.Width) + x] = (byte)(((pixel.Red * 299) + (pixel.Green * 587) + (pixel.Blue * 114)) / 1000);
            }
        }

        var source = new RGBLuminanceSource(luminance, bitmap.Width, bitmap.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = true };
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints)?.Text;
    }
}
