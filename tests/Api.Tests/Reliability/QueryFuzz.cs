using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace DongNai.Api.Tests.Reliability;

/// <summary>One query parameter as a request sends it; <see cref="Raw"/>: the value goes into the URL unescaped.</summary>
public sealed record QueryPair(string Name, string Value, bool Raw)
{
    public string Encode() => $"{Uri.EscapeDataString(Name)}={(Raw ? Value : Uri.EscapeDataString(Value))}";
}

/// <summary>A generated request to a search operation: its path template and query parameters. Prints as the request line, to replay by hand.</summary>
public sealed record QueryCase(string OperationId, string Path, IReadOnlyList<QueryPair> Pairs)
{
    public string Query => string.Join('&', Pairs.Select(p => p.Encode()));

    public override string ToString() => $"GET {Path}?{Query}";
}

/// <summary>How a real cursor is spoiled before it is sent back; <see cref="QueryFuzz.Apply"/> does it.</summary>
public enum CursorEdit
{
    /// <summary>Sent as issued (to its own search: must page).</summary>
    None,
    ReplaceChar,
    Truncate,
    Append,
    Insert,

    /// <summary>Text that is no cursor at all.</summary>
    Replace,

    /// <summary>A payload byte changed and the checksum made right again: a forgery the checksum cannot catch.</summary>
    ForgeByte,

    /// <summary>An 8-byte field overwritten with an extreme integer, checksum refitted.</summary>
    ForgeInt64,

    /// <summary>An 8-byte field overwritten with an extreme double (NaN, ±∞, ±max, −0), checksum refitted.</summary>
    ForgeDouble,

    /// <summary>
    /// The ranker's "past the window" cursor carrying as the engine's cursor <see cref="CursorMutation.Text"/>,
    /// the issued cursor, or the bytes of <see cref="CursorMutation.Value"/>; checksum right.
    /// </summary>
    WrapPastWindow,
}

/// <summary>A spoiling of a cursor: what to do, where, with which value or text.</summary>
public sealed record CursorMutation(CursorEdit Edit, int Position, long Value, string Text)
{
    public override string ToString() => $"{Edit}(at {Position}, {Value}, \"{Text}\")";
}

/// <summary>A real cursor (by index into <see cref="SearchScene.Cursors"/>), spoiled, sent to a search (by index, maybe another).</summary>
public sealed record CursorCase(int IssuedIndex, int SentToIndex, CursorMutation Mutation);

/// <summary>FsCheck generators for search query strings and spoiled cursors.</summary>
public static class QueryFuzz
{
    private static readonly string[] OddNames = ["", "Q", "q ", " q", "q[]", "size[0]", "qq", "cursor2", "ｑ", "q\0", "lat;", "__proto__", "$filter", "sort.by", "Kind", "page", "offset", "SIZE"];

    private static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "0.1", "5", "100", "101", "1e3", "1E-3", "1e309", "-1e309", "NaN", "Infinity", "-Infinity", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "79228162514264337593543950335", "79228162514264337593543950336", "0x10", "1,5", "1_000",
        " 5 ", "+5", "٣", "１", "5.", ".5", "1e", "--1", "0000000000000000000000000000000000001", "10.9536", "106.8631", "-90.0000001", "180.5",
    ];

    private static readonly string[] Words =
    [
        "", " ", "   ", "true", "false", "TRUE", "yes", "6:30", "06:30", "24:00", "23:59", "6h", "-1:00", "99:99", "0:0",
        "106.8,10.9,106.9,11", "1,2,3", "a,b,c,d", "106.9,10.9,106.8,11", "NaN,NaN,NaN,NaN", "1e309,0,0,0", ",,,", "-181,0,0,0",
        "phòng trọ", "phong tro gan amata", "việc làm ca đêm dưới 8 triệu", "xe buýt 6h sáng", "amata", "KCN Amata", "Biên Hòa", "Đồng Nai", "atlantis",
        "room,apartment", "room,,room", "ROOM", "night", "meals,shuttleBus", "rentals", "RENTALS", "jobs,rentals",
        "relevance", "distance", "priceAsc", "newest", "RELEVANCE",
        "\u0000", "\u200B", "\uFEFF", "\uFFFE", "gần\uFFFEamata", "\uFFFF", "😀", "\u0301", "a\u0301", "%", "%zz", "+", "=", "&", "#", "?", "/", "\\", "'", "\"", "<script>", "' OR 1=1 --",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "gQE",
    ];

    /// <summary>Percent sequences that are not text, and separators, sent unescaped.</summary>
    private static readonly string[] RawValues = ["%", "%zz", "%E0%A4", "%ED%A0%80", "%00", "%C0%AF", "%FF%FE", "a+b", "a%20b", "%2525", "x=y", ";"];

    private static readonly DocumentedOperation[] SearchOperations =
        [.. DocumentedOperations.All.Where(o => o.Method == "GET"
            && (o.Path.StartsWith("/api/search", StringComparison.Ordinal) || o.Path == "/api/suggest" || o.Path.EndsWith("/related", StringComparison.Ordinal)))];

    private static readonly string[] AllNames = [.. DocumentedOperations.All.SelectMany(o => o.QueryParameters).Select(p => p.Name).Distinct(StringComparer.Ordinal)];

    private static readonly string[] AllShownValues = [.. DocumentedOperations.All.SelectMany(o => o.QueryParameters).SelectMany(p => p.ShownValues).Distinct(StringComparer.Ordinal)];

    private static readonly string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static Arbitrary<QueryCase> QueryCase() => Arb.From(
        from operation in Gen.Elements(SearchOperations)
        from pairs in Pair(operation).ListOf().Select(list => list.Take(9).ToList())
        select new QueryCase(operation.OperationId, operation.Path, pairs),
        ShrinkQuery);

    public static Arbitrary<CursorCase> CursorCase() => Arb.From(
        from issued in Gen.Choose(0, 1000)
        from sameSearch in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        from sentTo in sameSearch ? Gen.Constant(issued) : Gen.Choose(0, 1000)
        from mutation in Mutation()
        select new CursorCase(issued, sentTo, mutation));

    /// <summary>Spoils <paramref name="cursor"/> as <paramref name="mutation"/> says.</summary>
    public static string Apply(string cursor, CursorMutation mutation)
    {
        int At(int length) => length == 0 ? 0 : (int)((uint)mutation.Position % (uint)length);
        switch (mutation.Edit)
        {
            case CursorEdit.None:
                return cursor;
            case CursorEdit.ReplaceChar when cursor.Length > 0:
                var chars = cursor.ToCharArray();
                chars[At(chars.Length)] = mutation.Text.Length > 0 ? mutation.Text[0] : 'A';
                return new string(chars);
            case CursorEdit.Truncate:
                return cursor[..At(cursor.Length)];
            case CursorEdit.Append:
                return cursor + mutation.Text;
            case CursorEdit.Insert:
                return cursor.Insert(At(cursor.Length + 1), mutation.Text);
            case CursorEdit.Replace:
                return mutation.Text;
            case CursorEdit.WrapPastWindow:
                // Value, when set, carries raw bytes (0xFF, 0xC0… are never UTF-8) instead of text.
                byte[] inner = mutation.Value != 0 ? BitConverter.GetBytes(mutation.Value) : Encoding.UTF8.GetBytes(mutation.Text.Length > 0 ? mutation.Text : cursor);
                return Sign([0x82, 2, .. inner]);
            case CursorEdit.ForgeByte or CursorEdit.ForgeInt64 or CursorEdit.ForgeDouble:
                var bytes = Base64Url.DecodeFromChars(cursor);
                var payload = bytes.AsSpan(0, bytes.Length - 4);
                var width = mutation.Edit == CursorEdit.ForgeByte ? 1 : 8;
                if (payload.Length < width)
                {
                    return cursor;
                }

                var offset = At(payload.Length - width + 1);
                if (mutation.Edit == CursorEdit.ForgeByte)
                {
                    payload[offset] = (byte)mutation.Value;
                }
                else if (mutation.Edit == CursorEdit.ForgeInt64)
                {
                    BinaryPrimitives.WriteInt64LittleEndian(payload[offset..], mutation.Value);
                }
                else
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(payload[offset..], BitConverter.Int64BitsToDouble(mutation.Value));
                }

                return Sign(payload.ToArray());
            default:
                return cursor;
        }
    }

    /// <summary>The payload with its FNV-1a checksum appended, as both cursor formats write it, in base64url.</summary>
    private static string Sign(byte[] payload)
    {
        var hash = 2166136261u;
        foreach (var b in payload)
        {
            hash = (hash ^ b) * 16777619u;
        }

        var bytes = new byte[payload.Length + 4];
        payload.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(payload.Length), hash);
        return Base64Url.EncodeToString(bytes);
    }

    private static Gen<CursorMutation> Mutation()
    {
        var anyText = Gen.Elements([.. Words, .. RawValues, "=", "==", "+", "/", "é", " "]);
        var base64 = Gen.Elements(Base64UrlAlphabet.ToCharArray()).ListOf().Select(c => new string([.. c.Take(70)]));
        long[] extremes = [0, 1, -1, long.MaxValue, long.MinValue, int.MaxValue, int.MinValue, 253_402_300_800_000, -62_135_596_800_000, 4_102_444_800_000];
        double[] doubles = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -double.MaxValue, -0.0, double.Epsilon, 1e300];

        // Where fields start: the engine's cursor (Search.Lucene Cursor: kind 1, sort 2, sort key 3,
        // key kind 11, id 15, scoring instant 23) and the ranker's (RankedCursor: phase 1, kind 2,
        // window 3, scoring instant 7, score 15, key kind 23, id 27).
        var field = Gen.Frequency((3, Gen.Elements(1, 2, 3, 7, 11, 15, 23, 27)), (1, Gen.Choose(0, 100)));
        return Gen.OneOf(
            Gen.Constant(new CursorMutation(CursorEdit.None, 0, 0, "")),
            from at in Gen.Choose(0, 100) from text in Gen.OneOf(anyText, base64.Select(s => s.Length > 0 ? s[..1] : "A")) select new CursorMutation(CursorEdit.ReplaceChar, at, 0, text),
            from at in Gen.Choose(0, 100) select new CursorMutation(CursorEdit.Truncate, at, 0, ""),
            from text in Gen.OneOf(anyText, base64) select new CursorMutation(CursorEdit.Append, 0, 0, text),
            from at in Gen.Choose(0, 100) from text in Gen.OneOf(anyText, base64) select new CursorMutation(CursorEdit.Insert, at, 0, text),
            from text in Gen.OneOf(anyText, base64) select new CursorMutation(CursorEdit.Replace, 0, 0, text),
            from at in field from value in Gen.Choose(0, 255) select new CursorMutation(CursorEdit.ForgeByte, at, value, ""),
            from at in field from value in Gen.Elements(extremes) select new CursorMutation(CursorEdit.ForgeInt64, at, value, ""),
            from at in field from value in Gen.Elements(doubles) select new CursorMutation(CursorEdit.ForgeDouble, at, BitConverter.DoubleToInt64Bits(value), ""),
            from text in Gen.OneOf(Gen.Constant(""), anyText, base64)
            from bytes in Gen.Elements(0L, 0L, -1L, unchecked((long)0x80C0_C1F5_F8FF_FE00UL), 0x00EF_BFBD_ED_A080L)
            select new CursorMutation(CursorEdit.WrapPastWindow, 0, bytes, text));
    }

    private static Gen<QueryPair> Pair(DocumentedOperation operation)
    {
        var own = operation.QueryParameters.Select(p => p.Name).ToArray();
        var ownValues = operation.QueryParameters.SelectMany(p => p.ShownValues).ToArray();
        var name = Gen.Frequency(
            (16, own.Length > 0 ? Gen.Elements(own) : Gen.Elements(AllNames)),
            (2, Gen.Elements(AllNames)),
            (2, Gen.Elements(OddNames)));
        var longText = Gen.Choose(90, 260).Select(length => string.Concat(Enumerable.Repeat("phòng trọ ", 30))[..length]);
        var value = Gen.Frequency(
            (6, ownValues.Length > 0 ? Gen.Elements(ownValues) : Gen.Elements(AllShownValues)),
            (2, Gen.Elements(AllShownValues)),
            (4, Gen.Elements(Numbers)),
            (4, Gen.Elements(Words)),
            (1, longText),
            (1, Gen.Choose(0, 0xFFFF).Select(c => ((char)c).ToString())));
        return Gen.Frequency(
            (12, from n in name from v in value select new QueryPair(n, v, false)),
            (1, from n in name from v in Gen.Elements(RawValues) select new QueryPair(n, v, true)));
    }

    private static IEnumerable<QueryCase> ShrinkQuery(QueryCase query)
    {
        for (var i = 0; i < query.Pairs.Count; i++)
        {
            yield return query with { Pairs = [.. query.Pairs.Where((_, j) => j != i)] };
        }
    }
}
