using System.Text;

namespace DongNai.Payments.VietQr;

/// <summary>
/// CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR), the
/// checksum EMVCo QR payloads carry in tag 63. Its check value, over the ASCII text "123456789", is
/// 0x29B1. Pure and thread-safe.
/// </summary>
public static class Crc16CcittFalse
{
    private static readonly ushort[] Table = BuildTable();

    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0xFFFF;
        foreach (var b in data)
        {
            crc = (ushort)((crc << 8) ^ Table[((crc >> 8) ^ b) & 0xFF]);
        }

        return crc;
    }

    /// <summary>The checksum of <paramref name="text"/>'s UTF-8 bytes as four upper-case hex digits, as tag 63 writes it.</summary>
    public static string Hex(string text) =>
        Compute(Encoding.UTF8.GetBytes(text)).ToString("X4", System.Globalization.CultureInfo.InvariantCulture);

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = (ushort)(i << 8);
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
            }

            table[i] = crc;
        }

        return table;
    }
}
