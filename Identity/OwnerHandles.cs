using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace DongNai.Identity;

/// <summary>
/// The public handle of an account on what it publishes: listings show who posted them as this
/// handle, never as the account's sequential id, which would tell how many people use the app
/// and let anyone walk through them. The handle is a keyed hash (HMAC-SHA-256 of the id, first
/// 96 bits, base64url: 16 characters), so it is stable, the same on every listing of one account,
/// and cannot be turned back into the id without the key. Thread-safe.
/// </summary>
public sealed class OwnerHandles
{
    private const int HandleBytes = 12;
    private readonly byte[] _key;

    public OwnerHandles(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(key.Length, 32, nameof(key));
        _key = key.ToArray();
    }

    /// <summary>The handle of account <paramref name="accountId"/>.</summary>
    public string Of(long accountId)
    {
        Span<byte> id = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(id, accountId);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, id, mac);
        return Base64Url.EncodeToString(mac[..HandleBytes]);
    }
}
