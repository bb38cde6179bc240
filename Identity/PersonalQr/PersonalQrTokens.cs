using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DongNai.Identity.PersonalQr;

/// <summary>What a personal QR token says before its signature is checked: the code it names and its expiry.</summary>
public sealed record PersonalQrClaim(long CodeId, long ExpiresUnixSeconds);

/// <summary>
/// The text of a personal QR code (decision 0023): <c>DNQR1.{code id}.{expiry, Unix seconds}.{mac}</c>,
/// the mac the first 128 bits (base64url) of an HMAC-SHA256, under a key of the service, of the
/// purpose, the code id, the expiry and the code's random nonce. Nobody without the key can make a
/// token for a code or move its expiry, and a token names no person. Whether the code is revoked is
/// the code's row, not the token's. Immutable; thread-safe.
/// </summary>
public sealed class PersonalQrTokens
{
    public const string Prefix = "DNQR1";

    /// <summary>Longer texts are refused before any parsing.</summary>
    public const int MaxLength = 128;

    private const int MacBytes = 16;
    private static readonly byte[] Purpose = "dongnai/personal-qr/v1"u8.ToArray();

    private readonly byte[] _key;

    /// <param name="key">32 bytes; replacing it invalidates every personal QR code handed out.</param>
    public PersonalQrTokens(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNotEqual(key.Length, 32, nameof(key));
        _key = [.. key];
    }

    public string For(long codeId, DateTime expiresAt, byte[] nonce)
    {
        var expires = UnixSeconds(expiresAt);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}.{codeId}.{expires}.{Base64Url.EncodeToString(Mac(codeId, expires, nonce))}");
    }

    /// <summary>The code and expiry <paramref name="text"/> names, or null when it has not a token's shape (surrounding space is tolerated, as scanners add it).</summary>
    public static PersonalQrClaim? Read(string? text)
    {
        if (text is null || text.Length > MaxLength)
        {
            return null;
        }

        var parts = text.Trim().Split('.');
        return parts.Length == 4 && parts[0] == Prefix
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && parts[3].Length == 22
            ? new PersonalQrClaim(id, expires)
            : null;
    }

    /// <summary>Whether <paramref name="text"/> is this code's token with the expiry it claims, in constant time.</summary>
    public bool Verify(string text, PersonalQrClaim claim, byte[] nonce)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(claim);
        var given = text.Trim().Split('.')[3];
        var expected = Base64Url.EncodeToString(Mac(claim.CodeId, claim.ExpiresUnixSeconds, nonce));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given));
    }

    public static long UnixSeconds(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds();

    private byte[] Mac(long codeId, long expires, byte[] nonce)
    {
        var message = new byte[Purpose.Length + (2 * sizeof(long)) + nonce.Length];
        Purpose.CopyTo(message, 0);
        BinaryPrimitives.WriteInt64BigEndian(message.AsSpan(Purpose.Length), codeId);
        BinaryPrimitives.WriteInt64BigEndian(message.AsSpan(Purpose.Length + sizeof(long)), expires);
        nonce.CopyTo(message, Purpose.Length + (2 * sizeof(long)));
        return HMACSHA256.HashData(_key, message)[..MacBytes];
    }
}
