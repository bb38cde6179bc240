using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace DongNai.Api.Tests.Reliability;

/// <summary>How a valid JSON body is spoiled; <see cref="JsonFuzz.Apply"/> does it.</summary>
public enum JsonEditKind
{
    /// <summary>A value (picked by <see cref="JsonEdit.Node"/>) becomes a raw literal: another type, a huge number, a lone surrogate, deep nesting…</summary>
    ReplaceValue,
    RemoveMember,
    AddUnknownMember,

    /// <summary>The object's first member appears a second time, with another value.</summary>
    DuplicateMember,

    /// <summary>A member's name changes case, gains a space, or becomes empty.</summary>
    RenameMember,
    TruncateText,
    InsertCharacter,
    DeleteCharacter,

    /// <summary>The whole body becomes something else: empty, a scalar, unbalanced, 300 KiB, …</summary>
    ReplaceBody,
    WrapInArray,
    PrefixText,
    SuffixText,
}

/// <summary>One spoiling: what, on which node or character (modulo their count), with which choice from the lists.</summary>
public sealed record JsonEdit(JsonEditKind Kind, int Node, int Choice)
{
    public override string ToString() => $"{Kind}({Node}, {Choice})";
}

/// <summary>A spoiled body for one operation of the document, sent with <see cref="ContentType"/> (empty: no Content-Type).</summary>
public sealed record JsonCase(string OperationId, IReadOnlyList<JsonEdit> Edits, string ContentType)
{
    public override string ToString() => $"{OperationId} [{string.Join(", ", Edits)}] as '{ContentType}'";
}

/// <summary>FsCheck generator of spoiled JSON bodies, and the spoiling itself.</summary>
public static class JsonFuzz
{
    private static readonly string[] Literals =
    [
        "null", "true", "false", "0", "-1", "1.5", "-0", "1e400", "-1e400", "9223372036854775808", "-9223372036854775809",
        "123456789012345678901234567890", "1e-400", "0.0000000000000000000000000001", "2147483648", "4294967296", "1E+2",
        "\"\"", "\" \"", "\"x\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\ufffe\"", "\"Phòng trọ \\ufffe gần Amata\"", "\"🙂\"", "\"\\\"\"", "\"a\\u0301\"", "\"\u202Eabc\"",
        "[]", "{}", "[null]", "[1,\"a\",{}]", "{\"x\":1}", "\"2026-13-45T99:99:99Z\"", "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59+14:00\"",
        "\"NaN\"", "\"Infinity\"", "\"-1\"", "\"12345678901234567890\"", "\"0900000001\"", "\"worker\"", "\"admin\"", "\"Admin\"", "\"ADMIN\"", "\"99\"",
        "\"<script>alert(1)</script>\"", "\"' OR 1=1 --\"", "\"05:30\"", "\"25:61\"",
        string.Concat(Enumerable.Repeat("[", 70)) + string.Concat(Enumerable.Repeat("]", 70)),
        string.Concat(Enumerable.Repeat("{\"a\":", 70)) + "1" + string.Concat(Enumerable.Repeat("}", 70)),
        string.Concat(Enumerable.Repeat("[", 5000)) + string.Concat(Enumerable.Repeat("]", 5000)),
        "\"" + new string('á', 20_000) + "\"",
        "[" + string.Join(',', Enumerable.Range(0, 5000)) + "]",
        "NaN", "Infinity", "undefined", "'single'", "01", "+1", ".5", "1.", "0x10", "tru", "nul",
    ];

    private static readonly string[] Bodies =
    [
        "", " ", "null", "[]", "{}", "\"text\"", "123", "true", "{", "}", "{\"a\":", "[[[[", "\u0000", "{'a':1}", "{a:1}", "{\"a\":1,}", "[1,]",
        "/* c */ {}", "{} {}", "{\"title\":\"x\"}garbage", "\uFEFF{}",
        string.Concat(Enumerable.Repeat("[", 100_000)),
        "{\"title\":\"" + new string(' ', 300 * 1024) + "\"}",
    ];

    private static readonly string[] Characters = ["{", "}", "[", "]", ",", ":", "\"", "\\", "\0", "ÿ", "\uD800", " ", "\n", "0", "a", "é"];

    private static readonly string[] Affixes = ["\uFEFF", "   \n", "// comment\n", "x", "}", "{}", "\0", ",", "]"];

    private static readonly string[] Renames = ["upper", "space", "empty", "plural", "control"];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "application/xml",
        "application/json; charset=utf-16", "", "application/problem+json", "*/*", "application/json; charset=nonsense",
    ];

    private static readonly string[] BodyOperations = [.. DocumentedOperations.All.Where(o => o.HasBody).Select(o => o.OperationId)];

    public static Arbitrary<JsonCase> JsonCase() => Arb.From(
        from operation in Gen.Elements(BodyOperations)
        from edits in Edit().NonEmptyListOf().Select(list => list.Take(3).ToList())
        from contentType in Gen.Frequency((12, Gen.Constant(ContentTypes[0])), (3, Gen.Elements(ContentTypes)))
        select new JsonCase(operation, edits, contentType),
        Shrink);

    /// <summary>The text of <paramref name="body"/> spoiled by <paramref name="edits"/>, in order: edits of the tree first, then of the text.</summary>
    public static string Apply(JsonNode? body, IReadOnlyList<JsonEdit> edits)
    {
        var root = body?.DeepClone();
        var raw = new List<(string Placeholder, string Text)>();
        foreach (var edit in edits.Where(e => e.Kind <= JsonEditKind.RenameMember))
        {
            var nodes = Nodes(root);
            var (node, parent, name) = nodes[(int)((uint)edit.Node % (uint)nodes.Count)];
            switch (edit.Kind)
            {
                case JsonEditKind.ReplaceValue:
                    var placeholder = Placeholder(raw, Pick(Literals, edit.Choice));
                    if (parent is null)
                    {
                        root = placeholder;
                    }
                    else
                    {
                        Set(parent, name, placeholder);
                    }

                    break;
                case JsonEditKind.RemoveMember when parent is JsonObject obj:
                    obj.Remove(name!);
                    break;
                case JsonEditKind.RemoveMember when parent is JsonArray array:
                    array.Remove(node);
                    break;
                case JsonEditKind.AddUnknownMember when node is JsonObject obj:
                    obj["zzUnknown" + obj.Count] = Placeholder(raw, Pick(Literals, edit.Choice));
                    break;
                case JsonEditKind.DuplicateMember when node is JsonObject { Count: > 0 } obj:
                    var key = $"@@DUP{raw.Count}@@";
                    raw.Add(($"\"{key}\"", System.Text.Json.JsonSerializer.Serialize(obj.First().Key)));
                    obj[key] = Placeholder(raw, Pick(Literals, edit.Choice));
                    break;
                case JsonEditKind.RenameMember when parent is JsonObject obj:
                    var renamed = Pick(Renames, edit.Choice) switch
                    {
                        "upper" => name!.Length > 0 ? char.ToUpperInvariant(name[0]) + name[1..] : "X",
                        "space" => name + " ",
                        "empty" => "",
                        "plural" => name + "s",
                        _ => name + "\u0001",
                    };
                    obj.Remove(name!);
                    if (!obj.ContainsKey(renamed))
                    {
                        obj[renamed] = node;
                    }

                    break;
            }
        }

        var text = root?.ToJsonString() ?? "null";
        foreach (var (placeholder, literal) in raw.AsEnumerable().Reverse())
        {
            text = text.Replace(placeholder, literal, StringComparison.Ordinal);
        }

        foreach (var edit in edits.Where(e => e.Kind > JsonEditKind.RenameMember))
        {
            int At(int length) => length == 0 ? 0 : (int)((uint)edit.Node % (uint)length);
            text = edit.Kind switch
            {
                JsonEditKind.TruncateText => text[..At(text.Length)],
                JsonEditKind.InsertCharacter => text.Insert(At(text.Length + 1), Pick(Characters, edit.Choice)),
                JsonEditKind.DeleteCharacter when text.Length > 0 => text.Remove(At(text.Length), 1),
                JsonEditKind.ReplaceBody => Pick(Bodies, edit.Choice),
                JsonEditKind.WrapInArray => $"[{text}]",
                JsonEditKind.PrefixText => Pick(Affixes, edit.Choice) + text,
                JsonEditKind.SuffixText => text + Pick(Affixes, edit.Choice),
                _ => text,
            };
        }

        return text;
    }

    private static Gen<JsonEdit> Edit() =>
        from kind in Gen.Frequency(
            (6, Gen.Constant(JsonEditKind.ReplaceValue)),
            (2, Gen.Constant(JsonEditKind.RemoveMember)),
            (1, Gen.Constant(JsonEditKind.AddUnknownMember)),
            (1, Gen.Constant(JsonEditKind.DuplicateMember)),
            (1, Gen.Constant(JsonEditKind.RenameMember)),
            (1, Gen.Constant(JsonEditKind.TruncateText)),
            (1, Gen.Constant(JsonEditKind.InsertCharacter)),
            (1, Gen.Constant(JsonEditKind.DeleteCharacter)),
            (1, Gen.Constant(JsonEditKind.ReplaceBody)),
            (1, Gen.Constant(JsonEditKind.WrapInArray)),
            (1, Gen.Constant(JsonEditKind.PrefixText)),
            (1, Gen.Constant(JsonEditKind.SuffixText)))
        from node in Gen.Choose(0, 10_000)
        from choice in Gen.Choose(0, 10_000)
        select new JsonEdit(kind, node, choice);

    private static IEnumerable<JsonCase> Shrink(JsonCase fuzz)
    {
        if (fuzz.ContentType != ContentTypes[0])
        {
            yield return fuzz with { ContentType = ContentTypes[0] };
        }

        for (var i = 0; fuzz.Edits.Count > 1 && i < fuzz.Edits.Count; i++)
        {
            yield return fuzz with { Edits = [.. fuzz.Edits.Where((_, j) => j != i)] };
        }
    }

    private static string Pick(string[] values, int choice) => values[(int)((uint)choice % (uint)values.Length)];

    /// <summary>A string value standing for <paramref name="literal"/> until the text is written; then replaced by it.</summary>
    private static JsonValue Placeholder(List<(string Placeholder, string Text)> raw, string literal)
    {
        var token = $"@@RAW{raw.Count}@@";
        raw.Add(($"\"{token}\"", literal));
        return JsonValue.Create(token);
    }

    private static void Set(JsonNode parent, string? name, JsonNode value)
    {
        if (parent is JsonObject obj)
        {
            obj[name!] = value;
        }
        else if (parent is JsonArray array)
        {
            array[int.Parse(name!, System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
    }

    /// <summary>Every node of the tree, root first, with its parent and its name (an index for array items).</summary>
    private static List<(JsonNode? Node, JsonNode? Parent, string? Name)> Nodes(JsonNode? root)
    {
        var nodes = new List<(JsonNode? Node, JsonNode? Parent, string? Name)> { (root, null, null) };
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, child) in obj.ToList())
                    {
                        nodes.Add((child, obj, name));
                        Walk(child);
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        nodes.Add((array[i], array, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                        Walk(array[i]);
                    }

                    break;
            }
        }

        Walk(root);
        return nodes;
    }
}
