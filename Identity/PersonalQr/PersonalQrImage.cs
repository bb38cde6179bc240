using QRCoder;

namespace DongNai.Identity.PersonalQr;

/// <summary>Draws a personal QR token as a PNG QR code (QRCoder, fully managed). Pure and thread-safe.</summary>
public static class PersonalQrImage
{
    /// <summary>The PNG of <paramref name="token"/>, error correction level Q: a code shown on a cracked phone screen still scans.</summary>
    public static byte[] Png(string token, int pixelsPerModule = 8)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        using var data = QRCodeGenerator.GenerateQrCode(token, QRCodeGenerator.ECCLevel.Q);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }
}
