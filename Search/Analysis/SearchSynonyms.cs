namespace DongNai.Search.Analysis;

/// <summary>
/// The abbreviations and equivalent phrases people type, shared by every engine so that both
/// expand a query the same way. Works on folded tokens (see <c>VietnameseText.Fold</c>).
/// </summary>
/// <remarks>
/// Expansion happens at query time, not at index time: the index stays independent of this list
/// (changing it needs no rebuild), and a multi-word phrase such as "khu công nghiệp" can stand for a
/// single word ("kcn") without the position gaps that index-time multi-word synonyms cause.
/// Every group is symmetric. Pure data and functions; thread-safe.
/// </remarks>
public static class SearchSynonyms
{
    private static readonly string[][] Groups =
    [
        ["kcn", "khu cong nghiep"],
        ["ccn", "cum cong nghiep"],
        ["cn", "cong nhan"],
        ["p", "phuong"],
        ["tp", "thanh pho"],
        ["tx", "thi xa"],
        ["nha tro", "phong tro"],
        ["ldpt", "lao dong pho thong"],
        ["bhxh", "bao hiem xa hoi"],
    ];

    private static readonly Dictionary<string, string[][]> AlternativesByPhrase = BuildIndex();

    /// <summary>The longest phrase, in tokens, that any group holds.</summary>
    private static readonly int LongestPhrase = Groups.SelectMany(g => g).Max(p => p.Split(' ').Length);

    /// <summary>
    /// Splits folded query tokens into units: a run of tokens that matches a known phrase (longest
    /// match first) becomes one unit with its equivalent phrases; every other token is a unit of
    /// its own with none.
    /// </summary>
    public static IReadOnlyList<SynonymUnit> Expand(IReadOnlyList<string> foldedTokens)
    {
        var units = new List<SynonymUnit>(foldedTokens.Count);
        var i = 0;
        while (i < foldedTokens.Count)
        {
            var match = LongestMatch(foldedTokens, i);
            if (match is { } found)
            {
                units.Add(new SynonymUnit(i, found.Length, found.Alternatives));
                i += found.Length;
            }
            else
            {
                units.Add(new SynonymUnit(i, 1, []));
                i++;
            }
        }

        return units;
    }

    private static (int Length, IReadOnlyList<IReadOnlyList<string>> Alternatives)? LongestMatch(IReadOnlyList<string> tokens, int start)
    {
        var maxLength = Math.Min(LongestPhrase, tokens.Count - start);
        for (var length = maxLength; length >= 1; length--)
        {
            var phrase = string.Join(' ', Enumerable.Range(start, length).Select(k => tokens[k]));
            if (AlternativesByPhrase.TryGetValue(phrase, out var alternatives))
            {
                return (length, alternatives);
            }
        }

        return null;
    }

    private static Dictionary<string, string[][]> BuildIndex()
    {
        var index = new Dictionary<string, string[][]>(StringComparer.Ordinal);
        foreach (var group in Groups)
        {
            foreach (var phrase in group)
            {
                index[phrase] = group.Where(p => p != phrase).Select(p => p.Split(' ')).ToArray();
            }
        }

        return index;
    }
}

/// <summary>
/// A run of query tokens [<see cref="Start"/>, <see cref="Start"/> + <see cref="Length"/>) that
/// matches as a whole, and the equivalent phrases (as folded tokens) that may match instead.
/// </summary>
public sealed record SynonymUnit(int Start, int Length, IReadOnlyList<IReadOnlyList<string>> Alternatives);
