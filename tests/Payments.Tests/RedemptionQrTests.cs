using DongNai.Payments.Vouchers;
using SkiaSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace DongNai.Payments.Tests;

public sealed class RedemptionQrTests
{
    [Fact]
    public void Png_ScansBackToTheRedemptionCode()
    {
        var code = new RedemptionCodes(new byte[32]).For(4217, new byte[16]);

        var png = RedemptionQr.Png(code);

        Assert.Equal(code, Scan(png));
    }

    [Fact]
    public void Png_RefusesTextThatIsNotAscii()
    {
        Assert.Throws<ArgumentException>(() => RedemptionQr.Png("4217-ĐỒNG"));
    }

    /// <summary>Decodes the PNG with SkiaSharp, then reads the QR code in it with ZXing from its grey levels (as the VietQR image tests do).</summary>
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
