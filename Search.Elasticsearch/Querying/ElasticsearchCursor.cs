using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DongNai.Domain.Listings;

namespace DongNai.Search.Elasticsearch.Querying;

/// <summary>
/// A decoded cursor: the search it belongs to (kind or all kinds, and sort), the last hit's sort
/// values to <c>search_after</c> (primary value, kind code, id; Elasticsearch writes an infinite
/// distance as the string "Infinity", so a value may be a string), the instant the first page scored
/// freshness against, and the point in time the pages are read from (null once it was closed).
/// </summary>
/// <remarks>
/// Opaque, URL-safe text: a format byte, the UTF-8 JSON payload and an FNV-1a checksum that catches
/// truncated or edited cursors (not a security boundary: a forged cursor only pages oddly). It is
/// longer than the embedded engine's (a point-in-time id is a few hundred characters).
/// </remarks>
internal sealed record ElasticsearchCursor(ListingKind? Kind, SearchSort Sort, JsonArray After, long ScoringNowMs, string? PointInTime)
{
    private const byte FormatVersion = 1;
    private const int MaxLength = 4096;

    public string Encode()
    {
        var payload = new JsonObject
        {
            ["k"] = Kind is { } kind ? (int)kind : 0,
            ["s"] = (int)Sort,
            ["a"] = After.DeepClone(),
            ["n"] = ScoringNowMs,
        };
        if (PointInTime is not null)
        {
            payload["p"] = PointInTime;
        }

        var json = Encoding.UTF8.GetBytes(payload.ToJsonString());
        var bytes = new byte[1 + json.Length + 4];
        bytes[0] = FormatVersion;
        json.CopyTo(bytes, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(1 + json.Length), Checksum(bytes.AsSpan(0, 1 + json.Length)));
        return Base64Url.EncodeToString(bytes);
    }

    /// <exception cref="InvalidCursorException">Not a cursor this engine issued for a search of <paramref name="kind"/> sorted by <paramref name="sort"/>.</exception>
    public static ElasticsearchCursor Decode(string text, ListingKind? kind, SearchSort sort)
    {
        byte[] bytes;
        try
        {
            if (text.Length is 0 or > MaxLength)
            {
                throw new InvalidCursorException("The cursor is malformed.");
            }

            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException exception)
        {
            throw new InvalidCursorException("The cursor is malformed.", exception);
        }

        if (bytes.Length < 6 || bytes[0] != FormatVersion
            || BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4)) != Checksum(bytes.AsSpan(0, bytes.Length - 4)))
        {
            throw new InvalidCursorException("The cursor is malformed.");
        }

        JsonObject payload;
        try
        {
            payload = JsonNode.Parse(bytes.AsSpan(1, bytes.Length - 5)) as JsonObject ?? throw new InvalidCursorException("The cursor is malformed.");
            _ = payload["k"]?.GetValue<int>();
            _ = payload["s"]?.GetValue<int>();
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException)
        {
            throw new InvalidCursorException("The cursor is malformed.", exception);
        }

        var issuedKind = payload["k"]?.GetValue<int>() ?? -1;
        if (issuedKind != (kind is { } k ? (int)k : 0))
        {
            throw new InvalidCursorException($"The cursor belongs to a search of another kind than {kind?.ToString() ?? "all kinds"}.");
        }

        if ((payload["s"]?.GetValue<int>() ?? -1) != (int)sort)
        {
            throw new InvalidCursorException($"The cursor belongs to another sort order than {sort}.");
        }

        if (payload["a"] is not JsonArray { Count: 3 } after || payload["n"] is not JsonValue now
            || after.Any(value => value is not JsonValue sortValue || sortValue.GetValueKind() is not (JsonValueKind.Number or JsonValueKind.String)))
        {
            throw new InvalidCursorException("The cursor is malformed.");
        }

        try
        {
            var kindCode = after[1]!.GetValue<long>();
            if (!Enum.IsDefined((ListingKind)kindCode) || (kind is not null && kindCode != (int)kind))
            {
                throw new InvalidCursorException("The cursor is malformed.");
            }

            return new ElasticsearchCursor(kind, sort, (JsonArray)after.DeepClone(), now.GetValue<long>(), (string?)payload["p"]);
        }
        catch (Exception exception) when (exception is FormatException or InvalidOperationException)
        {
            throw new InvalidCursorException("The cursor is malformed.", exception);
        }
    }

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
