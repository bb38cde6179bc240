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
/// through its folded form (accent-insensitive), its accented form (an extra bonus, only when the
/// user typed accents), its synonyms, and for longer words a fuzzy form (typos, at a lower
/// weight). Most units must match: all of one or two, and all but a quarter of more.
/// Thread-safe.
/// </summary>
internal sealed class TextQueryBuilder(VietnameseAnalyzer accented, VietnameseAnalyzer folded)
{
    private const float AccentBonus = 1.0f;
    private const float SynonymWeight = 0.9f;
    private const float FuzzyWeight = 0.35f;
    private const float FieldTieBreaker = 0.2f;
    private const int FuzzyPrefixLength = 1;
    private const int FuzzyMaxExpansions = 16;

    private static readonly (string Folded, string Accented, float Boost)[] Fields =
    [
        (FieldNames.TitleFolded, FieldNames.Title, 3f),
        (FieldNames.ExtraFolded, FieldNames.Extra, 1.5f),
        (FieldNames.BodyFolded, FieldNames.Body, 1f),
    ];

    private static readonly string[] HighlightFields = [FieldNames.TitleFolded, FieldNames.BodyFolded];

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
            var clause = new BooleanQuery(disableCoord: true)
            {
                { AcrossFields(original, accentedField: false, 1f), Occur.SHOULD },
            };

            var accentedForm = Slice(accentedTokens, unit.Start, unit.Length);
            if (withAccents && !accentedForm.SequenceEqual(original, StringComparer.Ordinal))
            {
                clause.Add(AcrossFields(accentedForm, accentedField: true, AccentBonus), Occur.SHOULD);
            }

            foreach (var alternative in unit.Alternatives)
            {
                clause.Add(AcrossFields(alternative, accentedField: false, SynonymWeight), Occur.SHOULD);
                AddHighlightTerms(highlight, alternative);
            }

            AddHighlightTerms(highlight, original);
            if (unit.Length == 1 && FuzzyEdits(original[0]) is var edits and > 0)
            {
                clause.Add(Fuzzy(original[0], edits), Occur.SHOULD);
                foreach (var field in HighlightFields)
                {
                    highlight.Add(new FuzzyQuery(new Term(field, original[0]), edits, FuzzyPrefixLength, FuzzyMaxExpansions, true), Occur.SHOULD);
                }
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

    private static DisjunctionMaxQuery AcrossFields(IReadOnlyList<string> tokens, bool accentedField, float boost)
    {
        var query = new DisjunctionMaxQuery(FieldTieBreaker) { Boost = boost };
        foreach (var (foldedField, accentedFieldName, fieldBoost) in Fields)
        {
            var field = accentedField ? accentedFieldName : foldedField;
            Query part;
            if (tokens.Count == 1)
            {
                part = new TermQuery(new Term(field, tokens[0]));
            }
            else
            {
                var phrase = new PhraseQuery();
                foreach (var token in tokens)
                {
                    phrase.Add(new Term(field, token));
                }

                part = phrase;
            }

            part.Boost = fieldBoost;
            query.Add(part);
        }

        return query;
    }

    private static DisjunctionMaxQuery Fuzzy(string token, int edits)
    {
        var query = new DisjunctionMaxQuery(FieldTieBreaker) { Boost = FuzzyWeight };
        foreach (var (foldedField, _, fieldBoost) in Fields)
        {
            query.Add(new FuzzyQuery(new Term(foldedField, token), edits, FuzzyPrefixLength, FuzzyMaxExpansions, true) { Boost = fieldBoost });
        }

        return query;
    }

    private static void AddHighlightTerms(BooleanQuery highlight, IEnumerable<string> tokens)
    {
        foreach (var token in tokens)
        {
            foreach (var field in HighlightFields)
            {
                highlight.Add(new TermQuery(new Term(field, token)), Occur.SHOULD);
            }
        }
    }
}
