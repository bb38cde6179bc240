using System.Buffers.Binary;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text;
using DongNai.Domain.Listings;
using DongNai.Domain.Places;
using DongNai.Ranking;
using DongNai.Search;
using DongNai.Search.Lucene.Querying;
using DongNai.Search.Understanding;

namespace DongNai.Fuzz;

/// <summary>
/// What afl-fuzz drives: each target turns the input bytes into outside text, runs a parser on it,
/// and throws (a crash for afl-fuzz) when the parser throws anything it does not promise or breaks
/// an invariant. The checks are the cheap core of the property tests in tests/; those hold the rest.
/// </summary>
public static class FuzzTargets
{
    private static readonly ListingKind?[] Kinds = [null, .. Enum.GetValues<ListingKind>().Cast<ListingKind?>()];

    private static readonly Lazy<QueryInterpreter> Interpreter = new(() => new QueryInterpreter(PlaceCatalog.Load()));

    private static readonly Dictionary<string, Action<byte[]>> Targets = new(StringComparer.Ordinal)
    {
        ["interpreter"] = Interpret,
        ["cursors"] = DecodeCursors,
    };

    public static IEnumerable<string> Names => Targets.Keys;

    public static Action<byte[]>? Find(string name) => Targets.GetValueOrDefault(name);

    /// <summary>
    /// The input as UTF-16 code units, unpaired surrogates included (as a JSON escape can carry
    /// them), then as UTF-8 (as a query string carries text): <see cref="QueryInterpreter.Interpret"/>
    /// never throws, and what it returns lies inside the text and means something.
    /// </summary>
    private static void Interpret(byte[] input)
    {
        var evenLength = input.Length & ~1;
        foreach (var text in (string[])[new string(MemoryMarshal.Cast<byte, char>(input.AsSpan(0, evenLength))), Encoding.UTF8.GetString(input)])
        {
            foreach (var kind in Kinds)
            {
                var result = Interpreter.Value.Interpret(text, kind);
                foreach (var part in result.Parts)
                {
                    Check(part.Start >= 0 && part.Start + part.Length <= text.Length && text.Substring(part.Start, part.Length) == part.Source, "a part outside its text");
                }

                Check(result.Money is not { } money || (money.MinVnd is null or >= 0 && money.MaxVnd is null or >= 0 && (money.MinVnd is null || money.MaxVnd is null || money.MinVnd <= money.MaxVnd)), "a money range that means nothing");
                Check(result.Area is not { } area || (area.MinM2 is null or >= 0 && area.MaxM2 is null or >= 0 && (area.MinM2 is null || area.MaxM2 is null || area.MinM2 <= area.MaxM2)), "an area range that means nothing");
            }
        }
    }

    /// <summary>
    /// The input as cursor text, and as a cursor payload with a valid checksum (a forgery only the
    /// checks after the checksum can refuse): both decoders answer a cursor or <see cref="InvalidCursorException"/>.
    /// </summary>
    private static void DecodeCursors(byte[] input)
    {
        foreach (var text in (string[])[Encoding.UTF8.GetString(input), Signed(input)])
        {
            foreach (var kind in Kinds)
            {
                foreach (var sort in Enum.GetValues<SearchSort>())
                {
                    Refused(() => Cursor.Decode(text, kind, sort));
                }

                Refused(() => RankedCursor.Decode(text, kind));
            }
        }
    }

    private static void Refused(Action decode)
    {
        try
        {
            decode();
        }
        catch (InvalidCursorException)
        {
            // The one refusal both decoders promise; anything else escapes as a crash.
        }
    }

    /// <summary>The bytes with an FNV-1a checksum, as both cursor formats end, in base64url.</summary>
    private static string Signed(byte[] payload)
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

    private static void Check(bool condition, string broken)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"The interpreter returned {broken}.");
        }
    }
}
