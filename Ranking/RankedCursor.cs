using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;
using DongNai.Domain.Listings;
using DongNai.Search;

namespace DongNai.Ranking;

/// <summary>
/// Where a hit stands in a re-ranked window: ranker score descending, then kind, then id, the
/// tiebreak the engine uses, so the order is total and <see cref="EngineOrderRanker"/> keeps the
/// engine's order exactly.
/// </summary>
internal readonly record struct RankKey(double Score, ListingKind Kind, long Id) : IComparable<RankKey>
{
    public int CompareTo(RankKey other)
    {
        var byScore = other.Score.CompareTo(Score);
        if (byScore != 0)
        {
            return byScore;
        }

        var byKind = ((int)Kind).CompareTo((int)other.Kind);
        return byKind != 0 ? byKind : Id.CompareTo(other.Id);
    }

    public static bool operator <(RankKey left, RankKey right) => left.CompareTo(right) < 0;

    public static bool operator >(RankKey left, RankKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(RankKey left, RankKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(RankKey left, RankKey right) => left.CompareTo(right) >= 0;
}

/// <summary>
/// A decoded cursor of <see cref="RankedSearch"/>: either inside the re-ranked window
/// (<see cref="WindowCursor"/>) or past it, where the engine's own cursor takes over
/// (<see cref="PastWindowCursor"/>).
/// </summary>
/// <remarks>
/// Opaque, URL-safe text (base64url): a format byte distinct from the engine's, a phase byte, the
/// phase's fields, and an FNV-1a checksum that catches truncated or edited cursors (not a security
/// boundary: a forged cursor only pages oddly, or is refused). Window: the kind searched (a byte, 0
/// for all kinds), window size (int32), scoring instant (Unix ms, int64, from 1970 to the end of
/// <see cref="DateTime"/>), and the last shown hit's ranker score (double), kind (int32) and id
/// (int64). The kind is bound for the reason the engine's cursor binds it: a key from another
/// kind's list would skip or repeat listings without any error. Past the window: the engine's
/// cursor as UTF-8, which the engine checks against the search's kind and sort.
/// </remarks>
internal abstract record RankedCursor
{
    // 0x81 carried no kind; its cursors are refused like malformed ones (start again).
    private const byte FormatVersion = 0x82;
    private const byte AllKinds = 0;
    private const byte WindowPhase = 1;
    private const byte PastWindowPhase = 2;
    private const int HeaderLength = 2;
    private const int ChecksumLength = 4;
    private const int WindowPayloadLength = HeaderLength + 1 + 4 + 8 + 8 + 4 + 8;

    private const int MaxEngineCursorBytes = 1024;
    private const int MaxTextLength = ((HeaderLength + MaxEngineCursorBytes + ChecksumLength + 2) / 3 * 4) + 4;

    /// <summary>The last scoring instant a <see cref="DateTime"/> can hold, in Unix ms; a forged later one would overflow it.</summary>
    private static readonly long MaxScoringNowMs = (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public string Encode()
    {
        var payload = this switch
        {
            WindowCursor window => WindowPayload(window),
            PastWindowCursor past => PastWindowPayload(past),
            _ => throw new InvalidOperationException("Unknown cursor phase."),
        };
        var bytes = new byte[payload.Length + ChecksumLength];
        payload.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(payload.Length), Checksum(payload));
        return Base64Url.EncodeToString(bytes);
    }

    /// <exception cref="InvalidCursorException">
    /// The text is not a cursor that <see cref="RankedSearch"/> issued, or its window belongs to a search of another kind than <paramref name="kind"/> (null: all kinds).
    /// </exception>
    public static RankedCursor Decode(string text, ListingKind? kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] bytes;
        try
        {
            if (text.Length > MaxTextLength)
            {
                throw Malformed();
            }

            bytes = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
            if (!Base64Url.TryDecodeFromChars(text, bytes, out var written) || written < HeaderLength + ChecksumLength)
            {
                throw Malformed();
            }

            bytes = bytes[..written];
        }
        catch (FormatException exception)
        {
            throw new InvalidCursorException("The cursor is malformed.", exception);
        }

        var payload = bytes.AsSpan(0, bytes.Length - ChecksumLength);
        if (payload[0] != FormatVersion || BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(payload.Length)) != Checksum(payload))
        {
            throw Malformed();
        }

        return payload[1] switch
        {
            WindowPhase => ReadWindow(payload, kind),
            PastWindowPhase => ReadPastWindow(payload),
            _ => throw Malformed(),
        };
    }

    private static byte[] WindowPayload(WindowCursor cursor)
    {
        var after = cursor.After ?? throw new InvalidOperationException("The first page has no cursor.");
        var bytes = new byte[WindowPayloadLength];
        bytes[0] = FormatVersion;
        bytes[1] = WindowPhase;
        bytes[2] = cursor.Kind is { } kind ? checked((byte)kind) : AllKinds;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(3), cursor.WindowSize);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(7), cursor.ScoringNowMs);
        BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(15), after.Score);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(23), (int)after.Kind);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(27), after.Id);
        return bytes;
    }

    private static byte[] PastWindowPayload(PastWindowCursor cursor)
    {
        var inner = StrictUtf8.GetBytes(cursor.EngineCursor);
        if (inner.Length is 0 or > MaxEngineCursorBytes)
        {
            throw new InvalidOperationException($"The engine's cursor must be 1 to {MaxEngineCursorBytes} bytes to be carried.");
        }

        var bytes = new byte[HeaderLength + inner.Length];
        bytes[0] = FormatVersion;
        bytes[1] = PastWindowPhase;
        inner.CopyTo(bytes, HeaderLength);
        return bytes;
    }

    private static WindowCursor ReadWindow(ReadOnlySpan<byte> payload, ListingKind? kind)
    {
        if (payload.Length != WindowPayloadLength)
        {
            throw Malformed();
        }

        if (payload[2] != (kind is { } k ? (byte)k : AllKinds))
        {
            throw new InvalidCursorException($"The cursor belongs to a search of another kind than {kind?.ToString() ?? "all kinds"}.");
        }

        var windowSize = BinaryPrimitives.ReadInt32LittleEndian(payload[3..]);
        var scoringNowMs = BinaryPrimitives.ReadInt64LittleEndian(payload[7..]);
        var after = new RankKey(
            BinaryPrimitives.ReadDoubleLittleEndian(payload[15..]),
            (ListingKind)BinaryPrimitives.ReadInt32LittleEndian(payload[23..]),
            BinaryPrimitives.ReadInt64LittleEndian(payload[27..]));
        if (windowSize is < 1 or > RankingOptions.MaxWindowSize
            || scoringNowMs < 0 || scoringNowMs > MaxScoringNowMs
            || !double.IsFinite(after.Score)
            || !Enum.IsDefined(after.Kind)
            || (kind is not null && after.Kind != kind))
        {
            throw Malformed();
        }

        return new WindowCursor(kind, windowSize, scoringNowMs, after);
    }

    private static PastWindowCursor ReadPastWindow(ReadOnlySpan<byte> payload)
    {
        var inner = payload[HeaderLength..];
        if (inner.Length is 0 or > MaxEngineCursorBytes)
        {
            throw Malformed();
        }

        try
        {
            return new PastWindowCursor(StrictUtf8.GetString(inner));
        }
        catch (DecoderFallbackException exception)
        {
            throw new InvalidCursorException("The cursor is malformed.", exception);
        }
    }

    private static InvalidCursorException Malformed() => new("The cursor is malformed.");

    private static uint Checksum(ReadOnlySpan<byte> payload)
    {
        var hash = 2166136261u;
        foreach (var b in payload)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}

/// <summary>Inside the window: continue strictly after <see cref="After"/> in the ranker's order, re-fetching the same window.</summary>
/// <param name="Kind">The kind searched; null for all kinds.</param>
/// <param name="WindowSize">The window size of the first page, kept so a configuration change does not move a search under way.</param>
/// <param name="ScoringNowMs">The first page's scoring instant (Unix ms), so the window is fetched and scored as it was.</param>
/// <param name="After">The last hit shown; null before the first page, which has no cursor.</param>
internal sealed record WindowCursor(ListingKind? Kind, int WindowSize, long ScoringNowMs, RankKey? After) : RankedCursor;

/// <summary>Past the window: the engine's own cursor, in the engine's order.</summary>
internal sealed record PastWindowCursor(string EngineCursor) : RankedCursor;
