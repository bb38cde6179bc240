using DongNai.Domain.Text;
using DongNai.Search.Analysis;
using DongNai.Search.Lucene.Analysis;
using DongNai.Search.Lucene.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DongNai.Search.Lucene.Querying;

/// <summary>The text part of a search: the scoring query and the terms to highlight.</summary>
internal sealed record TextQuery(Query Scoring, Query Highlight);

/// <summary>
/// Turns free text into a Lucene query. Each word (or synonym phrase) is one unit; a unit matches
/// through its folded form in all the listing's text (accent-insensitive) with a bonus when it is
/// in the title, its accented form (an extra bonus, only when the user typed accents), its
/// synonyms, and for longer words a fuzzy form (typos, at a lower weight). Most units must match:
/// all of one or two, and all but a quarter of more. Thread-safe.
/// </summary>
internal sealed class TextQueryBuilder(VietnameseAnalyzer accented, VietnameseAnalyzer folded)
{
    /// <summary>The pseudo-field of the highlight query; the highlighter analyses stored text under this name.</summary>
    public const string HighlightField = "hl";

    private const float TitleBonus = 2f;
    private const float AccentBonus = 1f;
    private const float SynonymWeight = 0.9f;
    private const float FuzzyWeight = 0.35f;
    private const int FuzzyPrefixLength = 1;
    private const int FuzzyMaxExpansions = 16;

    /// <summary>Null when the text has no words (match everything).</summary>
    public TextQuery? Build(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var foldedTokens = folded.Tokens(text);
        var accentedTokens = accented.Tokens(text);
        if (foldedTokens.Count == 0 || accentedTokens.Count != foldedTokens.Count)
        {
            return null;
        }

        var withAccents = VietnameseText.HasDiacritics(text);
        var units = SearchSynonyms.Expand(foldedTokens);
        var scoring = new BooleanQuery(disableCoord: true);
        var highlight = new BooleanQuery(disableCoord: true);
        foreach (var unit in units)
        {
            var original = Slice(foldedTokens, unit.Start, unit.Length);
            var clause = new BooleanQuery(disableCoord: true);
            AddFolded(clause, original, 1f);
            AddHighlightTerms(highlight, original);

            var accentedForm = Slice(accentedTokens, unit.Start, unit.Length);
            if (withAccents && !accentedForm.SequenceEqual(original, StringComparer.Ordinal))
            {
                clause.Add(Words(FieldNames.Text, accentedForm, AccentBonus), Occur.SHOULD);
            }

            foreach (var alternative in unit.Alternatives)
            {
                AddFolded(clause, alternative, SynonymWeight);
                AddHighlightTerms(highlight, alternative);
            }

            if (unit.Length == 1 && FuzzyEdits(original[0]) is var edits and > 0)
            {
                clause.Add(new FuzzyQuery(new Term(FieldNames.TextFolded, original[0]), edits, FuzzyPrefixLength, FuzzyMaxExpansions, true) { Boost = FuzzyWeight }, Occur.SHOULD);
                highlight.Add(new FuzzyQuery(new Term(HighlightField, original[0]), edits, FuzzyPrefixLength, FuzzyMaxExpansions, true), Occur.SHOULD);
            }

            scoring.Add(clause, Occur.SHOULD);
        }

        scoring.MinimumNumberShouldMatch = MinimumToMatch(units.Count);
        return new TextQuery(scoring, highlight);
    }

    /// <summary>Edits a typo may make: 1 for words of 5–7 letters, 2 from 8 letters; none for short words and numbers.</summary>
    internal static int FuzzyEdits(string token)
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

    internal static int MinimumToMatch(int units) => units <= 2 ? units : units - (units / 4);

    private static string[] Slice(IReadOnlyList<string> tokens, int start, int length) =>
        Enumerable.Range(start, length).Select(i => tokens[i]).ToArray();

    /// <summary>The folded words anywhere in the text, plus a bonus when they are in the title.</summary>
    private static void AddFolded(BooleanQuery clause, IReadOnlyList<string> tokens, float weight)
    {
        clause.Add(Words(FieldNames.TextFolded, tokens, weight), Occur.SHOULD);
        clause.Add(Words(FieldNames.TitleFolded, tokens, weight * TitleBonus), Occur.SHOULD);
    }

    /// <summary>A term query for one word, a phrase query for several.</summary>
    private static Query Words(string field, IReadOnlyList<string> tokens, float boost)
    {
        if (tokens.Count == 1)
        {
            return new TermQuery(new Term(field, tokens[0])) { Boost = boost };
        }

        var phrase = new PhraseQuery { Boost = boost };
        foreach (var token in tokens)
        {
            phrase.Add(new Term(field, token));
        }

        return phrase;
    }

    private static void AddHighlightTerms(BooleanQuery highlight, IEnumerable<string> tokens)
    {
        foreach (var token in tokens)
        {
            highlight.Add(new TermQuery(new Term(HighlightField, token)), Occur.SHOULD);
        }
    }
}
