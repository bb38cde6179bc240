using System.Buffers.Binary;
using System.Buffers.Text;
using DongNai.Domain.Listings;

namespace DongNai.Search.Lucene.Querying;

/// <summary>
/// Where a hit stands in the result order: one number that ascends in the wanted order (negated for
/// descending sorts, +∞ for missing values) and the tiebreaker kind + id, so the order is total and
/// the same on every page.
/// </summary>
internal readonly record struct SortKey(double Primary, int Kind, long Id) : IComparable<SortKey>
{
    public int CompareTo(SortKey other)
    {
        var byPrimary = Primary.CompareTo(other.Primary);
        if (byPrimary != 0)
        {
            return byPrimary;
        }

        var byKind = Kind.CompareTo(other.Kind);
        return byKind != 0 ? byKind : Id.CompareTo(other.Id);
    }

    public static bool operator <(SortKey left, SortKey right) => left.CompareTo(right) < 0;

    public static bool operator >(SortKey left, SortKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(SortKey left, SortKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(SortKey left, SortKey right) => left.CompareTo(right) >= 0;
}

/// <summary>
/// A decoded cursor: the search it belongs to (its kind, or all kinds, and its sort), the last
/// hit's key (results continue strictly after it), and the instant the first page scored
/// freshness against, so relevance does not drift between pages.
/// </summary>
/// <remarks>
/// The kind is bound because a cursor's key means nothing in another kind's result list: a
/// cross-kind key given to a one-kind search would skip or repeat listings without any error.
/// </remarks>
internal readonly record struct Cursor(ListingKind? Kind, SearchSort Sort, SortKey After, long ScoringNowMs)
{
    // Version 1 carried no kind; its cursors are refused like malformed ones (start again).
    private const byte FormatVersion = 2;
    private const byte AllKinds = 0;
    private const int PayloadLength = 1 + 1 + 1 + 8 + 4 + 8 + 8;
    private const int Length = PayloadLength + 4;

    /// <summary>Opaque, URL-safe text: version, kind, sort, key, scoring instant and a checksum.</summary>
    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = FormatVersion;
        bytes[1] = Kind is { } kind ? checked((byte)kind) : AllKinds;
        bytes[2] = (byte)Sort;
        BinaryPrimitives.WriteDoubleLittleEndian(bytes[3..], After.Primary);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[11..], After.Kind);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[15..], After.Id);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[23..], ScoringNowMs);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[PayloadLength..], Checksum(bytes[..PayloadLength]));
        return Base64Url.EncodeToString(bytes);
    }

    /// <exception cref="InvalidCursorException">
    /// The text is not a cursor this engine issued for a search of <paramref name="kind"/> (null: all kinds) sorted by <paramref name="sort"/>.
    /// </exception>
    public static Cursor Decode(string text, ListingKind? kind, SearchSort sort)
    {
        Span<byte> bytes = stackalloc byte[Length + 3];
        try
        {
            if (text.Length > 64 || !Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != Length)
            {
                throw new InvalidCursorException("The cursor is malformed.");
            }
        }
        catch (FormatException exception)
        {
            throw new InvalidCursorException("The cursor is malformed.", exception);
        }

        bytes = bytes[..Length];
        if (bytes[0] != FormatVersion || BinaryPrimitives.ReadUInt32LittleEndian(bytes[PayloadLength..]) != Checksum(bytes[..PayloadLength]))
        {
            throw new InvalidCursorException("The cursor is malformed.");
        }

        var expectedKind = kind is { } k ? (byte)k : AllKinds;
        if (bytes[1] != expectedKind)
        {
            throw new InvalidCursorException($"The cursor belongs to a search of another kind than {kind?.ToString() ?? "all kinds"}.");
        }

        if ((SearchSort)bytes[2] != sort)
        {
            throw new InvalidCursorException($"The cursor belongs to another sort order than {sort}.");
        }

        var key = new SortKey(
            BinaryPrimitives.ReadDoubleLittleEndian(bytes[3..]),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[11..]),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[15..]));
        if (double.IsNaN(key.Primary) || !Enum.IsDefined((ListingKind)key.Kind) || (kind is not null && key.Kind != (int)kind))
        {
            throw new InvalidCursorException("The cursor is malformed.");
        }

        return new Cursor(kind, sort, key, BinaryPrimitives.ReadInt64LittleEndian(bytes[23..]));
    }

    /// <summary>FNV-1a: catches truncated or edited cursors; not a security boundary (a forged cursor only pages oddly).</summary>
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
