using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using DongNai.Domain.Listings;

namespace DongNai.Ranking.Feed;

/// <summary>
/// Where a feed session stands: whom it is for (<see cref="Scope"/>), the instant it was first scored
/// at, the blender's state, and a fingerprint of every listing already shown, so that no later page
/// shows one of them again, whatever was written in between.
/// </summary>
/// <param name="Scope">A hash of the account (or anonymous) and the feed's parameters; a cursor is refused for other ones.</param>
/// <param name="ScoringNowMs">The first page's instant (Unix ms): freshness, the exploration day and the interest window are judged against it on every page.</param>
/// <param name="State">The blender's state after the last page.</param>
/// <param name="Shown">The <see cref="Fingerprint"/> of every listing shown so far.</param>
public sealed record FeedCursor(ulong Scope, long ScoringNowMs, BlendState State, IReadOnlyList<uint> Shown)
{
    /// <summary>
    /// A 32-bit fingerprint of a listing. Two listings may share one (about 1 in 4 billion per pair):
    /// then the second is skipped as if shown, which can hide an item but never repeat one.
    /// </summary>
    public static uint Fingerprint(ListingKind kind, long id)
    {
        var mixed = FeedHash.Mix(((ulong)(uint)kind << 56) ^ (ulong)id);
        return (uint)(mixed ^ (mixed >> 32));
    }
}

/// <summary>
/// Writes and reads <see cref="FeedCursor"/>s as opaque base64url text signed with HMAC-SHA-256
/// (first 128 bits) under a key of the service, so a cursor that was edited, made up, or issued
/// by another key is refused; the list of shown listings cannot be trimmed by a client to make the
/// feed repeat itself. Thread-safe.
/// </summary>
public sealed class FeedCursorCodec
{
    /// <summary>The most listings one feed session shows; past them the feed ends (next cursor null).</summary>
    public const int MaxShown = 300;

    /// <summary>The longest text a cursor can be (for the parameter's documented limit).</summary>
    public const int MaxTextLength = ((HeaderLength + (MaxShown * 4) + MacLength + 2) / 3 * 4) + 4;

    private const byte FormatVersion = 1;
    private const int HeaderLength = 1 + 8 + 8 + 4 + 1 + 1 + 2;
    private const int MacLength = 16;
    private const byte NoKind = 0;

    private readonly byte[] _key;

    public FeedCursorCodec(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(key.Length, 32, nameof(key));
        _key = key.ToArray();
    }

    public string Encode(FeedCursor cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        if (cursor.Shown.Count > MaxShown)
        {
            throw new ArgumentException($"A cursor carries at most {MaxShown} shown listings.", nameof(cursor));
        }

        var payloadLength = HeaderLength + (cursor.Shown.Count * 4);
        var bytes = new byte[payloadLength + MacLength];
        bytes[0] = FormatVersion;
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(1), cursor.Scope);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(9), cursor.ScoringNowMs);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(17), cursor.State.Position);
        bytes[21] = cursor.State.LastKind is { } kind ? checked((byte)kind) : NoKind;
        bytes[22] = checked((byte)Math.Min(cursor.State.RunLength, byte.MaxValue));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(23), (ushort)cursor.Shown.Count);
        for (var i = 0; i < cursor.Shown.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(HeaderLength + (i * 4)), cursor.Shown[i]);
        }

        HMACSHA256.HashData(_key, bytes.AsSpan(0, payloadLength)).AsSpan(0, MacLength).CopyTo(bytes.AsSpan(payloadLength));
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The cursor, when <paramref name="text"/> is one this codec signed for <paramref name="scope"/>; null otherwise.</summary>
    public FeedCursor? Decode(string? text, ulong scope)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxTextLength || !Base64Url.IsValid(text))
        {
            return null;
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (!Base64Url.TryDecodeFromChars(text, bytes, out var written) || written < HeaderLength + MacLength || (written - HeaderLength - MacLength) % 4 != 0)
        {
            return null;
        }

        var payloadLength = written - MacLength;
        var expected = HMACSHA256.HashData(_key, bytes.AsSpan(0, payloadLength)).AsSpan(0, MacLength);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(payloadLength, MacLength)) || bytes[0] != FormatVersion)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(23));
        if (BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(1)) != scope || HeaderLength + (count * 4) != payloadLength || count > MaxShown)
        {
            return null;
        }

        var lastKind = bytes[21] == NoKind ? (ListingKind?)null : (ListingKind)bytes[21];
        var shown = new uint[count];
        for (var i = 0; i < count; i++)
        {
            shown[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(HeaderLength + (i * 4)));
        }

        return new FeedCursor(
            scope,
            BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(9)),
            new BlendState(BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(17)), lastKind, bytes[22]),
            shown);
    }
}

/// <summary>Deterministic 64-bit hashing for feed scopes, fingerprints and exploration order (not security).</summary>
public static class FeedHash
{
    /// <summary>The SplitMix64 finaliser: spreads every input bit over the output.</summary>
    public static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9UL;
        value = (value ^ (value >> 27)) * 0x94d049bb133111ebUL;
        return value ^ (value >> 31);
    }

    /// <summary>Folds values into one hash, order mattering.</summary>
    public static ulong Combine(params ReadOnlySpan<ulong> values)
    {
        var hash = 0x9e3779b97f4a7c15UL;
        foreach (var value in values)
        {
            hash = Mix(hash ^ value);
        }

        return hash;
    }

    /// <summary>A stable hash of text (FNV-1a over UTF-16 code units, then mixed).</summary>
    public static ulong Text(string? text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text ?? "")
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return Mix(hash);
    }
}
