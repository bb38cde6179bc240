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
/// in the title, its accented form (an extra bonus when the title has it, only when the user typed
/// accents), its synonyms, and for longer words the index does not know well a fuzzy form (typos,
/// at a lower weight). Most units must match: all of up to three, and all but a quarter (rounded
/// down) of more, unless the query says how many may be missing.
/// Thread-safe.
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
    internal const int FuzzyMaxExpansions = 16;

    /// <summary>
    /// A word in at least this many listings is taken as typed, without fuzzy variants: typos are
    /// rare words, while the variants of a common word ("phong" → "phone", "chong", …) would each
    /// add a posting list to every search that uses it.
    /// </summary>
    internal const int FuzzyBelowDocFreq = 50;

    /// <summary>
    /// Null when the text has no words (match everything). <paramref name="reader"/> tells which
    /// words are common; <paramref name="maxMissingWords"/> overrides how many units may be missing
    /// (<see cref="SearchQuery.MaxMissingWords"/>).
    /// </summary>
    public TextQuery? Build(string? text, IndexReader reader, int? maxMissingWords = null)
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
        var required = maxMissingWords is { } missing ? Math.Max(1, units.Count - missing) : MinimumToMatch(units.Count);
        foreach (var unit in units)
        {
            // Matching needs only the folded text field; title and accent bonuses are optional
            // clauses, which Lucene scores only on documents that already match.
            var original = Slice(foldedTokens, unit.Start, unit.Length);
            var match = new BooleanQuery(disableCoord: true) { { Words(FieldNames.TextFolded, original, 1f), Occur.SHOULD } };
            var bonus = new List<Query> { Words(FieldNames.TitleFolded, original, TitleBonus) };
            AddHighlightTerms(highlight, original);

            var accentedForm = Slice(accentedTokens, unit.Start, unit.Length);
            if (withAccents && !accentedForm.SequenceEqual(original, StringComparer.Ordinal))
            {
                bonus.Add(Words(FieldNames.Title, accentedForm, AccentBonus));
            }

            foreach (var alternative in unit.Alternatives)
            {
                match.Add(Words(FieldNames.TextFolded, alternative, SynonymWeight), Occur.SHOULD);
                bonus.Add(Words(FieldNames.TitleFolded, alternative, SynonymWeight * TitleBonus));
                AddHighlightTerms(highlight, alternative);
            }

            if (unit.Length == 1 && FuzzyEdits(original[0]) is var edits and > 0
                && reader.DocFreq(new Term(FieldNames.TextFolded, original[0])) < FuzzyBelowDocFreq)
            {
                match.Add(new FuzzyQuery(new Term(FieldNames.TextFolded, original[0]), edits, FuzzyPrefixLength, FuzzyMaxExpansions, true) { Boost = FuzzyWeight }, Occur.SHOULD);
                highlight.Add(new FuzzyQuery(new Term(HighlightField, original[0]), edits, FuzzyPrefixLength, FuzzyMaxExpansions, true), Occur.SHOULD);
            }

            var clause = new BooleanQuery(disableCoord: true) { { match.Clauses.Count == 1 ? match.Clauses[0].Query : match, Occur.MUST } };
            foreach (var query in bonus)
            {
                clause.Add(query, Occur.SHOULD);
            }

            // All units required is a conjunction, which leapfrogs; "most of" needs the slower minimum-should-match scorer.
            scoring.Add(clause, required == units.Count ? Occur.MUST : Occur.SHOULD);
        }

        if (required < units.Count)
        {
            scoring.MinimumNumberShouldMatch = required;
        }

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

    /// <summary>
    /// A term query for one word. Several words: in the folded text, a phrase is a term of the
    /// phrase field (or, when longer, all its overlapping pairs); in a title (a bonus only), all the
    /// words, adjacent or not, since titles are short and their fields keep no positions.
    /// </summary>
    private static Query Words(string field, IReadOnlyList<string> tokens, float boost)
    {
        if (tokens.Count == 1)
        {
            return new TermQuery(new Term(field, tokens[0])) { Boost = boost };
        }

        if (field == FieldNames.TextFolded)
        {
            const int Run = VietnameseAnalyzer.MaxPhraseWords;
            if (tokens.Count <= Run)
            {
                return new TermQuery(new Term(FieldNames.TextPhrases, string.Join(' ', tokens))) { Boost = boost };
            }

            var runs = new BooleanQuery(disableCoord: true) { Boost = boost };
            for (var start = 0; start + Run <= tokens.Count; start++)
            {
                runs.Add(new TermQuery(new Term(FieldNames.TextPhrases, string.Join(' ', tokens.Skip(start).Take(Run)))), Occur.MUST);
            }

            return runs;
        }

        var words = new BooleanQuery(disableCoord: true) { Boost = boost };
        foreach (var token in tokens.Distinct(StringComparer.Ordinal))
        {
            words.Add(new TermQuery(new Term(field, token)), Occur.MUST);
        }

        return words;
    }

    private static void AddHighlightTerms(BooleanQuery highlight, IEnumerable<string> tokens)
    {
        foreach (var token in tokens)
        {
            highlight.Add(new TermQuery(new Term(HighlightField, token)), Occur.SHOULD);
        }
    }
}
