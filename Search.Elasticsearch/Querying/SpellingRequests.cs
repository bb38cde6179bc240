using System.Globalization;
using System.Text.Json.Nodes;
using DongNai.Domain.Text;
using DongNai.Search.Elasticsearch.Indexing;

namespace DongNai.Search.Elasticsearch.Querying;

/// <summary>
/// The requests "did you mean" is made of, and how their answers are read (the engine runs them in
/// order): which words some live listing holds (a <c>filters</c> aggregation, every kind), candidate
/// words for the others (a <c>term</c> suggester on the folded text of the kind's listings), which
/// candidates form a word pair the listings hold with their neighbours (another <c>filters</c>
/// aggregation of <c>match_phrase</c>), and the accents titles write the words with (a <c>terms</c>
/// aggregation over the title words). Also the word counts of
/// <see cref="ISearchEngine.WordFrequenciesAsync"/>. Pure; thread-safe.
/// </summary>
internal static class SpellingRequests
{
    public const string WordsAggregation = "words";
    public const string FormsAggregation = "forms";
    public const int CandidatesPerWord = 10;

    public static void Validate(SpellingQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(query.Text, nameof(query.Text));
        if (query.Kind is { } kind && !Enum.IsDefined(kind))
        {
            throw new ArgumentException($"Unknown listing kind {kind}.", nameof(query));
        }
    }

    public static void ValidateWords(IReadOnlyList<string> words, Domain.Listings.ListingKind? kind)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(words.Count, SpellingQuery.MaxWords, nameof(words));
        if (words.Any(word => word is null))
        {
            throw new ArgumentException("A word is null.", nameof(words));
        }

        if (kind is { } value && !Enum.IsDefined(value))
        {
            throw new ArgumentException($"Unknown listing kind {value}.", nameof(kind));
        }
    }

    /// <summary>Numbers and words of one or two letters are left alone: too many words lie within an edit of them.</summary>
    public static bool IsCorrectable(string word) => word.Length >= 3 && word.All(char.IsLetter);

    /// <summary>One edit for words of three or four letters, two for longer ones.</summary>
    public static int MaxEdits(string word) => word.Length >= 5 ? 2 : 1;

    /// <summary>
    /// A <c>filters</c> aggregation with one bucket per key: live listings whose folded text holds all
    /// the words of the key's text (<c>match</c>, <c>operator: and</c>) or, for a phrase, the words in order.
    /// </summary>
    public static JsonObject CountBody(IReadOnlyList<(string Key, string Text, bool Phrase)> texts)
    {
        var buckets = new JsonObject();
        foreach (var (key, text, phrase) in texts)
        {
            JsonObject match = phrase
                ? new JsonObject { ["match_phrase"] = new JsonObject { [DocumentFields.TextFolded] = text } }
                : new JsonObject { ["match"] = new JsonObject { [DocumentFields.TextFolded] = new JsonObject { ["query"] = text, ["operator"] = "and" } } };
            buckets[key] = match;
        }

        return new JsonObject
        {
            ["size"] = 0,
            ["query"] = new JsonObject { ["term"] = new JsonObject { [DocumentFields.Live] = true } },
            ["aggs"] = new JsonObject { [WordsAggregation] = new JsonObject { ["filters"] = new JsonObject { ["filters"] = buckets } } },
        };
    }

    public static Dictionary<string, int> ReadCounts(JsonNode body)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (body["aggregations"]?[WordsAggregation]?["buckets"] is JsonObject buckets)
        {
            foreach (var (key, bucket) in buckets)
            {
                counts[key] = (int)(bucket?["doc_count"]?.GetValue<long>() ?? 0);
            }
        }

        return counts;
    }

    /// <summary>A <c>term</c> suggester per word: words of the folded text within its edits, first letter fixed, best first.</summary>
    public static JsonObject SuggestBody(IReadOnlyList<(int Index, string Word)> words)
    {
        var suggest = new JsonObject();
        foreach (var (index, word) in words)
        {
            suggest["w" + index.ToString(CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["text"] = word,
                ["term"] = new JsonObject
                {
                    ["field"] = DocumentFields.TextFolded,
                    ["suggest_mode"] = "always",
                    ["max_edits"] = MaxEdits(word),
                    ["prefix_length"] = 1,
                    ["min_word_length"] = 3,
                    ["size"] = CandidatesPerWord,
                    ["sort"] = "score",
                    ["string_distance"] = "damerau_levenshtein",
                },
            };
        }

        return new JsonObject { ["size"] = 0, ["query"] = new JsonObject { ["term"] = new JsonObject { [DocumentFields.Live] = true } }, ["suggest"] = suggest };
    }

    /// <summary>Candidates per word index: correctable words other than the word itself, with their document frequency.</summary>
    public static Dictionary<int, List<(string Word, int Frequency)>> ReadCandidates(JsonNode body, IReadOnlyList<(int Index, string Word)> words)
    {
        var candidates = new Dictionary<int, List<(string, int)>>();
        foreach (var (index, word) in words)
        {
            var options = body["suggest"]?["w" + index.ToString(CultureInfo.InvariantCulture)]?[0]?["options"]?.AsArray() ?? [];
            candidates[index] = options
                .Select(option => ((string?)option?["text"] ?? "", (int)(option?["freq"]?.GetValue<long>() ?? 0)))
                .Where(option => option.Item1 != word && IsCorrectable(option.Item1))
                .ToList();
        }

        return candidates;
    }

    /// <summary>A <c>terms</c> aggregation over the title words whose folded form is one of <paramref name="folded"/>.</summary>
    public static JsonObject FormsBody(IEnumerable<string> folded) => new()
    {
        ["size"] = 0,
        ["query"] = new JsonObject { ["term"] = new JsonObject { [DocumentFields.Live] = true } },
        ["aggs"] = new JsonObject
        {
            [FormsAggregation] = new JsonObject
            {
                ["terms"] = new JsonObject
                {
                    ["field"] = DocumentFields.TitleWords,
                    ["size"] = 1_000,
                    ["include"] = "(" + string.Join('|', folded.Distinct(StringComparer.Ordinal)) + ")\u001f.*",
                },
            },
        },
    };

    /// <summary>The most frequent accented form of each folded word titles hold.</summary>
    public static Dictionary<string, string> ReadForms(JsonNode body)
    {
        var best = new Dictionary<string, (string Form, long Count)>(StringComparer.Ordinal);
        foreach (var bucket in body["aggregations"]?[FormsAggregation]?["buckets"]?.AsArray() ?? [])
        {
            var key = (string?)bucket?["key"] ?? "";
            var separator = key.IndexOf(DocumentFields.Separator, StringComparison.Ordinal);
            if (separator < 0)
            {
                continue;
            }

            var count = bucket!["doc_count"]?.GetValue<long>() ?? 0;
            var word = key[..separator];
            var form = key[(separator + 1)..];
            if (!best.TryGetValue(word, out var current) || count > current.Count
                || (count == current.Count && string.CompareOrdinal(form, current.Form) < 0))
            {
                best[word] = (form, count);
            }
        }

        return best.ToDictionary(pair => pair.Key, pair => pair.Value.Form, StringComparer.Ordinal);
    }

    /// <summary>
    /// The replacement for an unknown word: among its candidates, the one that forms a word pair the
    /// listings hold with a neighbour, then the closer, then the more frequent; null when none is within its edits.
    /// </summary>
    public static string? Choose(string word, IReadOnlyList<(string Word, int Frequency)> candidates, Func<string, bool> formsPair) =>
        candidates
            .Select(candidate => (candidate.Word, candidate.Frequency, Edits: Distance(word, candidate.Word)))
            .Where(candidate => candidate.Edits <= MaxEdits(word) && candidate.Word[0] == word[0])
            .OrderByDescending(candidate => formsPair(candidate.Word))
            .ThenBy(candidate => candidate.Edits)
            .ThenByDescending(candidate => candidate.Frequency)
            .ThenBy(candidate => candidate.Word, StringComparer.Ordinal)
            .Select(candidate => candidate.Word)
            .FirstOrDefault();

    /// <summary>Optimal string alignment distance: a swap of two neighbouring letters is one edit.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>Folded words of a text (accent-insensitive), as the index folds them.</summary>
    public static IReadOnlyList<string> FoldedWords(string text) => TextAnalysis.Folded(text);

    /// <summary>Whether a typed word carries accents (then it keeps them unless corrected).</summary>
    public static bool HasAccents(string word) => VietnameseText.HasDiacritics(word);
}
