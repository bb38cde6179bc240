using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DongNai.Payments.Vouchers;

/// <summary>
/// The code a shop scans or types to redeem a claim: <c>{claim id}-{16 characters}</c>, the
/// characters an HMAC-SHA256 (80 bits, base32) of the claim id and the claim's random nonce under a
/// key of the service. Nobody can make a valid code for another claim, and a code says nothing
/// about its holder. Single use is the claim's status, not the code's. Immutable; thread-safe.
/// </summary>
public sealed class RedemptionCodes
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const int MacBytes = 10;
    private static readonly byte[] Purpose = "dongnai/voucher-claim/v1"u8.ToArray();

    private readonly byte[] _key;

    /// <param name="key">32 bytes; replacing it invalidates every code handed out.</param>
    public RedemptionCodes(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNotEqual(key.Length, 32, nameof(key));
        _key = [.. key];
    }

    public string For(long claimId, byte[] nonce) =>
        claimId.ToString(CultureInfo.InvariantCulture) + "-" + Base32(Mac(claimId, nonce));

    /// <summary>The claim id a code names, or null when it has not the code's shape (its signature is checked by <see cref="Verify"/>).</summary>
    public static long? ClaimIdOf(string? code)
    {
        code = code is null ? null : Normalize(code);
        var dash = code?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        return dash > 0 && code!.Length - dash - 1 == 16
            && long.TryParse(code.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }

    /// <summary>Whether <paramref name="code"/> is the code of this claim (letters in any case), in constant time.</summary>
    public bool Verify(string code, long claimId, byte[] nonce)
    {
        ArgumentNullException.ThrowIfNull(code);
        var expected = Encoding.ASCII.GetBytes(For(claimId, nonce));
        var given = Encoding.ASCII.GetBytes(Normalize(code));
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>Normalises what a person typed or a scanner read: surrounding space dropped, letters upper-case.</summary>
    public static string Normalize(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Trim().ToUpperInvariant();
    }

    private byte[] Mac(long claimId, byte[] nonce)
    {
        var message = new byte[Purpose.Length + sizeof(long) + nonce.Length];
        Purpose.CopyTo(message, 0);
        BinaryPrimitives.WriteInt64BigEndian(message.AsSpan(Purpose.Length), claimId);
        nonce.CopyTo(message, Purpose.Length + sizeof(long));
        return HMACSHA256.HashData(_key, message)[..MacBytes];
    }

    private static string Base32(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length * 8 / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        return text.ToString();
    }
}
