using System.Text.Json.Nodes;
using DongNai.Domain.Text;
using DongNai.Search.Analysis;
using DongNai.Search.Elasticsearch.Indexing;

namespace DongNai.Search.Elasticsearch.Querying;

/// <summary>The text part of a search: the scoring query and, per highlighted field, the query whose words are marked.</summary>
internal sealed record TextQuery(JsonObject Scoring, JsonObject TitleHighlight, JsonObject DescriptionHighlight);

/// <summary>
/// Turns free text into query DSL with the embedded engine's rules: each word (or synonym phrase
/// from <see cref="SearchSynonyms"/>) is a unit that must match the folded text of the listing
/// (title, extra text, description), through itself, its synonyms (weight 0.9) or, for words of five
/// letters or more, a fuzzy form (one edit, two from eight letters, first letter fixed, weight 0.35);
/// a title match earns a bonus (×2), and a word typed with accents an extra one when the title has
/// it with those accents. All units of up to three must match, all but a quarter of more, unless
/// the query says how many may be missing. Pure; thread-safe.
/// </summary>
/// <remarks>
/// The embedded engine skips the fuzzy form of a word at least 50 listings hold (a common word is
/// no typo); Elasticsearch has no cheap document frequency at query build time, so here every
/// long enough word gets its fuzzy form. Exact matches still score far higher (weight 1 + bonuses).
/// </remarks>
internal static class TextQueryBuilder
{
    public const double TitleBonus = 2;
    public const double AccentBonus = 1;
    public const double SynonymWeight = 0.9;
    public const double FuzzyWeight = 0.35;
    public const int FuzzyPrefixLength = 1;
    public const int FuzzyMaxExpansions = 16;

    /// <summary>Null when the text has no words (the search matches everything).</summary>
    public static TextQuery? Build(string? text, int? maxMissingWords)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var words = TextAnalysis.Words(text);
        var folded = words.Select(VietnameseText.Fold).ToList();
        var accented = words.Select(VietnameseText.Normalize).ToList();
        if (folded.Count == 0 || folded.Any(word => word.Length == 0))
        {
            return null;
        }

        var withAccents = VietnameseText.HasDiacritics(text);
        var units = SearchSynonyms.Expand(folded);
        var required = maxMissingWords is { } missing ? Math.Max(1, units.Count - missing) : MinimumToMatch(units.Count);
        var clauses = new JsonArray();
        var highlightWords = new List<string>();
        var fuzzyWords = new List<(string Word, int Edits)>();
        foreach (var unit in units)
        {
            var original = folded.Skip(unit.Start).Take(unit.Length).ToList();
            highlightWords.AddRange(original);
            var match = new JsonArray { Words(DocumentFields.TextFolded, original, 1) };
            var bonus = new JsonArray { TitleWords(DocumentFields.TitleText, original, TitleBonus) };

            var accentedForm = accented.Skip(unit.Start).Take(unit.Length).ToList();
            if (withAccents && !accentedForm.SequenceEqual(original, StringComparer.Ordinal))
            {
                bonus.Add(TitleWords(DocumentFields.TitleAccented, accentedForm, AccentBonus));
            }

            foreach (var alternative in unit.Alternatives)
            {
                match.Add(Words(DocumentFields.TextFolded, alternative, SynonymWeight));
                bonus.Add(TitleWords(DocumentFields.TitleText, alternative, SynonymWeight * TitleBonus));
                highlightWords.AddRange(alternative);
            }

            if (unit.Length == 1 && FuzzyEdits(original[0]) is var edits and > 0)
            {
                match.Add(Fuzzy(DocumentFields.TextFolded, original[0], edits, FuzzyWeight));
                fuzzyWords.Add((original[0], edits));
            }

            var matchQuery = match.Count == 1 ? match[0]!.DeepClone() : new JsonObject { ["bool"] = new JsonObject { ["should"] = match } };
            clauses.Add(new JsonObject
            {
                ["bool"] = new JsonObject
                {
                    ["must"] = new JsonArray(matchQuery),
                    ["should"] = bonus,
                },
            });
        }

        var scoring = required == units.Count
            ? new JsonObject { ["bool"] = new JsonObject { ["must"] = clauses } }
            : new JsonObject { ["bool"] = new JsonObject { ["should"] = clauses, ["minimum_should_match"] = required } };
        return new TextQuery(
            scoring,
            Highlight(DocumentFields.TitleText, highlightWords, fuzzyWords),
            Highlight(DocumentFields.Description, highlightWords, fuzzyWords));
    }

    /// <summary>Edits a typo may make: 1 for words of 5–7 letters, 2 from 8 letters; none for short words and numbers.</summary>
    public static int FuzzyEdits(string token)
    {
        if (!token.All(char.IsLetter))
        {
            return 0;
        }

        return token.Length switch
        {
            >= 8 => 2,
            >= 5 => 1,
            _ => 0,
        };
    }

    public static int MinimumToMatch(int units) => units <= 2 ? units : units - (units / 4);

    /// <summary>One word: a match on it; several: the phrase (the embedded engine matches their adjacent pairs).</summary>
    private static JsonObject Words(string field, IReadOnlyList<string> tokens, double boost)
    {
        var type = tokens.Count == 1 ? "match" : "match_phrase";
        return new JsonObject
        {
            [type] = new JsonObject
            {
                [field] = new JsonObject { ["query"] = string.Join(' ', tokens), ["boost"] = boost },
            },
        };
    }

    /// <summary>In a title (a bonus only): all the words, adjacent or not.</summary>
    private static JsonObject TitleWords(string field, IReadOnlyList<string> tokens, double boost)
    {
        var options = new JsonObject { ["query"] = string.Join(' ', tokens), ["boost"] = boost };
        if (tokens.Count > 1)
        {
            options["operator"] = "and";
        }

        return new JsonObject { ["match"] = new JsonObject { [field] = options } };
    }

    private static JsonObject Fuzzy(string field, string word, int edits, double? boost)
    {
        var options = new JsonObject
        {
            ["query"] = word,
            ["fuzziness"] = edits,
            ["prefix_length"] = FuzzyPrefixLength,
            ["max_expansions"] = FuzzyMaxExpansions,
            ["fuzzy_transpositions"] = true,
        };
        if (boost is { } value)
        {
            options["boost"] = value;
        }

        return new JsonObject { ["match"] = new JsonObject { [field] = options } };
    }

    /// <summary>Every word of the units and their synonyms, one by one, and the fuzzy forms: what the highlighter marks.</summary>
    private static JsonObject Highlight(string field, IEnumerable<string> words, IEnumerable<(string Word, int Edits)> fuzzy)
    {
        var should = new JsonArray();
        foreach (var word in words.Distinct(StringComparer.Ordinal))
        {
            should.Add(new JsonObject { ["match"] = new JsonObject { [field] = word } });
        }

        foreach (var (word, edits) in fuzzy)
        {
            should.Add(Fuzzy(field, word, edits, null));
        }

        return new JsonObject { ["bool"] = new JsonObject { ["should"] = should } };
    }
}
