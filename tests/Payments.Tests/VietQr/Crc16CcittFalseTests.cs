using System.Text;
using DongNai.Payments.VietQr;

namespace DongNai.Payments.Tests.VietQr;

public sealed class Crc16CcittFalseTests
{
    [Fact]
    public void Hex_Gives29B1_ForTheCatalogueCheckString()
    {
        // CRC-16/CCITT-FALSE's published check value over "123456789".
        var crc = Crc16CcittFalse.Hex("123456789");

        Assert.Equal("29B1", crc);
    }

    [Fact]
    public void Compute_GivesB915_ForTheLetterA_AsWorkedByHand()
    {
        // By hand: 0xFFFF ^ (0x41 << 8) = 0xBEFF; then eight shifts left, XOR-ing 0x1021 after each
        // one that pushes out a 1: 6DDF, DBBE, A75D, 5E9B, BD36, 6A4D, D49A, B915.
        var crc = Crc16CcittFalse.Compute("A"u8);

        Assert.Equal(0xB915, crc);
    }

    [Theory]
    [MemberData(nameof(VietQrVectors.Valid), MemberType = typeof(VietQrVectors))]
    public void Hex_AgreesWithABitwiseReference_OverEachVectorUpToAndIncluding6304(string payload)
    {
        var body = payload[..^4];

        var crc = Crc16CcittFalse.Hex(body);

        Assert.Equal(BitwiseReference(Encoding.ASCII.GetBytes(body)).ToString("X4", System.Globalization.CultureInfo.InvariantCulture), crc);
        Assert.Equal(payload[^4..], crc);
    }

    /// <summary>The textbook bit-at-a-time CRC, independent of the table the implementation uses.</summary>
    private static ushort BitwiseReference(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFF;
        foreach (var b in data)
        {
            crc ^= b << 8;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
        }

        return (ushort)crc;
    }
}
