using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DongNai.Domain.Text;
using DongNai.Search.Analysis;
using DongNai.Search.Elasticsearch.Indexing;

namespace DongNai.Search.Elasticsearch.Querying;

/// <summary>
/// Autocomplete: the listings whose <c>search_as_you_type</c> field holds the typed words (the last
/// one as a prefix), and a terms aggregation over their suggest keys under the folded prefix (and its
/// synonym variants), so each completion comes with how many live listings carry it. Completions with
/// the same folded text are one, shown in their most frequent written form. Pure; thread-safe.
/// </summary>
internal static class SuggestRequest
{
    public const string KeysAggregation = "keys";
    private const int MaxVariants = 8;
    private const int MaxKeys = 1_000;

    public static void Validate(SuggestQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Size, 1, nameof(query.Size));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Size, SuggestQuery.MaxSize, nameof(query.Size));
    }

    /// <summary>Null when the prefix has no letters or digits (no completions).</summary>
    public static JsonObject? Build(SuggestQuery query)
    {
        var prefixes = Prefixes(query.Prefix);
        if (prefixes.Count == 0)
        {
            return null;
        }

        var matches = new JsonArray();
        foreach (var prefix in prefixes)
        {
            matches.Add(new JsonObject
            {
                ["multi_match"] = new JsonObject
                {
                    ["query"] = prefix,
                    ["type"] = "bool_prefix",
                    ["operator"] = "and",
                    ["fields"] = new JsonArray(DocumentFields.Suggest, DocumentFields.Suggest + "._2gram", DocumentFields.Suggest + "._3gram"),
                },
            });
        }

        return new JsonObject
        {
            ["size"] = 0,
            ["query"] = new JsonObject
            {
                ["bool"] = new JsonObject
                {
                    ["filter"] = new JsonArray(
                        new JsonObject { ["term"] = new JsonObject { [DocumentFields.Live] = true } },
                        new JsonObject { ["bool"] = new JsonObject { ["should"] = matches, ["minimum_should_match"] = 1 } }),
                },
            },
            ["aggs"] = new JsonObject
            {
                [KeysAggregation] = new JsonObject
                {
                    ["terms"] = new JsonObject
                    {
                        ["field"] = DocumentFields.SuggestKeys,
                        ["size"] = MaxKeys,
                        ["include"] = "(" + string.Join('|', prefixes.Select(Escape)) + ").*",
                    },
                },
            },
        };
    }

    public static IReadOnlyList<Suggestion> Read(JsonNode body, int size)
    {
        var groups = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var bucket in body["aggregations"]?[KeysAggregation]?["buckets"]?.AsArray() ?? [])
        {
            var key = (string?)bucket?["key"] ?? "";
            var separator = key.IndexOf(DocumentFields.Separator, StringComparison.Ordinal);
            if (separator < 0)
            {
                continue;
            }

            var display = key[(separator + 1)..];
            var count = (int)(bucket!["doc_count"]?.GetValue<long>() ?? 0);
            var forms = groups.TryGetValue(VietnameseText.FoldKey(display), out var existing) ? existing : groups[VietnameseText.FoldKey(display)] = new(StringComparer.Ordinal);
            forms[display] = forms.GetValueOrDefault(display) + count;
        }

        return groups.Values
            .Select(forms => new Suggestion(
                forms.OrderByDescending(form => form.Value).ThenBy(form => form.Key, StringComparer.Ordinal).First().Key,
                forms.Values.Sum()))
            .OrderByDescending(suggestion => suggestion.Count)
            .ThenBy(suggestion => suggestion.Text.Length)
            .ThenBy(suggestion => suggestion.Text, StringComparer.Ordinal)
            .Take(size)
            .ToList();
    }

    /// <summary>
    /// The folded prefix, and variants with complete words replaced by their synonyms, as the
    /// embedded engine forms them. A prefix that ends in a space or punctuation completes only whole words.
    /// </summary>
    internal static IReadOnlyList<string> Prefixes(string typed)
    {
        var key = VietnameseText.FoldKey(typed);
        if (key.Length == 0)
        {
            return [];
        }

        var last = typed[^1];
        var endsWord = !char.IsLetterOrDigit(last) && CharUnicodeInfo.GetUnicodeCategory(last) != UnicodeCategory.NonSpacingMark;
        var words = key.Split(' ');
        var complete = endsWord ? words : words[..^1];

        var variants = new List<string> { "" };
        foreach (var unit in SearchSynonyms.Expand(complete))
        {
            var forms = unit.Alternatives.Select(alternative => string.Join(' ', alternative))
                .Prepend(string.Join(' ', complete.Skip(unit.Start).Take(unit.Length)));
            variants = variants
                .SelectMany(variant => forms.Select(form => variant.Length == 0 ? form : variant + " " + form))
                .Take(MaxVariants)
                .ToList();
        }

        return variants
            .Select(variant => endsWord ? variant + " " : variant.Length == 0 ? words[^1] : variant + " " + words[^1])
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Escapes a folded prefix for Lucene's regular expression syntax (the include pattern).</summary>
    private static string Escape(string prefix)
    {
        var escaped = new StringBuilder(prefix.Length * 2);
        foreach (var c in prefix)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
