using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace DongNai.Messaging;

/// <summary>What a cursor pages through; a cursor of one kind is refused by the others.</summary>
public enum CursorKind : byte
{
    Conversations = 1,
    OlderMessages = 2,
    NewerMessages = 3,
    Notifications = 4,
}

/// <summary>
/// The paging cursors of conversations, messages and notifications: opaque base64url text holding
/// a kind, the scope it was issued for (the account or the conversation) and two positions, signed
/// with HMAC-SHA-256 (first 128 bits) under a key of the service. A cursor that was edited, made up,
/// issued for another list or by another key is refused, so a client can neither read past its own
/// lists through a cursor nor make the service page oddly. Thread-safe.
/// </summary>
public sealed class PageCursors
{
    private const byte FormatVersion = 1;
    private const int PayloadLength = 1 + 1 + 8 + 8 + 8;
    private const int MacLength = 16;
    private const int MaxTextLength = 100;
    private readonly byte[] _key;

    public PageCursors(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(key.Length, 32, nameof(key));
        _key = key.ToArray();
    }

    public string Encode(CursorKind kind, long scope, long first, long second = 0)
    {
        Span<byte> bytes = stackalloc byte[PayloadLength + MacLength];
        bytes[0] = FormatVersion;
        bytes[1] = (byte)kind;
        BinaryPrimitives.WriteInt64LittleEndian(bytes[2..], scope);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[10..], first);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[18..], second);
        Sign(bytes[..PayloadLength], bytes[PayloadLength..]);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Reads a cursor issued by <see cref="Encode"/> for <paramref name="kind"/> and <paramref name="scope"/>; false for anything else.</summary>
    public bool TryDecode(string? text, CursorKind kind, long scope, out long first, out long second)
    {
        first = 0;
        second = 0;
        if (string.IsNullOrEmpty(text) || text.Length > MaxTextLength)
        {
            return false;
        }

        // Base64Url throws, rather than answering false, on characters outside its alphabet.
        if (!Base64Url.IsValid(text))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Base64Url.GetMaxDecodedLength(MaxTextLength)];
        if (!Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != PayloadLength + MacLength)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[MacLength];
        Sign(bytes[..PayloadLength], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.Slice(PayloadLength, MacLength))
            || bytes[0] != FormatVersion
            || bytes[1] != (byte)kind
            || BinaryPrimitives.ReadInt64LittleEndian(bytes[2..]) != scope)
        {
            return false;
        }

        first = BinaryPrimitives.ReadInt64LittleEndian(bytes[10..]);
        second = BinaryPrimitives.ReadInt64LittleEndian(bytes[18..]);
        return true;
    }

    private void Sign(ReadOnlySpan<byte> payload, Span<byte> mac)
    {
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, payload, full);
        full[..MacLength].CopyTo(mac);
    }
}
