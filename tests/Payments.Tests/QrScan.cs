using SkiaSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace DongNai.Payments.Tests;

/// <summary>Reads back the text of a QR code PNG, as a phone's scanner would: the test side of every QR image this project draws.</summary>
internal static class QrScan
{
    /// <summary>Decodes the PNG with SkiaSharp, then reads the QR code in it with ZXing from its grey levels; null when none is found.</summary>
    public static string? Text(byte[] png)
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
