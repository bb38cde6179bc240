using QRCoder;

namespace DongNai.Payments.VietQr;

/// <summary>
/// Draws a payload as a PNG QR code (QRCoder, fully managed). Pure and thread-safe: every call
/// builds its own code.
/// </summary>
public static class VietQrImage
{
    /// <summary>
    /// The PNG of <paramref name="payload"/>, error correction level M (what bank apps' own codes
    /// use), <paramref name="pixelsPerModule"/> pixels a module, with the quiet zone.
    /// </summary>
    /// <remarks>
    /// The payload is ASCII (the builder folds text; the decoder refuses anything else), so it is
    /// written in byte mode without an ECI header: some bank apps' scanners stumble on an ECI
    /// designator, and ASCII reads the same in ISO-8859-1 and UTF-8.
    /// </remarks>
    public static byte[] Png(string payload, int pixelsPerModule = 8)
    {
        ArgumentException.ThrowIfNullOrEmpty(payload);
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerModule, 1);
        if (!System.Text.Ascii.IsValid(payload))
        {
            throw new ArgumentException("A VietQR payload is ASCII.", nameof(payload));
        }

        using var data = QRCodeGenerator.GenerateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }
}
