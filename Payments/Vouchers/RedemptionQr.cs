using QRCoder;

namespace DongNai.Payments.Vouchers;

/// <summary>
/// Draws a claim's redemption code as a PNG QR code for the shop to scan (QRCoder, as
/// <see cref="VietQr.VietQrImage"/>). Pure and thread-safe: every call builds its own code.
/// </summary>
public static class RedemptionQr
{
    /// <summary>
    /// The PNG of <paramref name="code"/>, error correction level Q: a code on a cracked phone
    /// screen still scans, and a redemption code is short enough that the larger symbol costs nothing.
    /// </summary>
    public static byte[] Png(string code, int pixelsPerModule = 8)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerModule, 1);
        if (!System.Text.Ascii.IsValid(code))
        {
            throw new ArgumentException("A redemption code is ASCII.", nameof(code));
        }

        using var data = QRCodeGenerator.GenerateQrCode(code, QRCodeGenerator.ECCLevel.Q);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }
}
