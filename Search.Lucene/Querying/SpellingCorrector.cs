using DongNai.Domain.Text;
using DongNai.Search.Lucene.Analysis;
using DongNai.Search.Lucene.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace DongNai.Search.Lucene.Querying;

/// <summary>
/// "Did you mean" from the index's own words (the contract is <see cref="ISearchEngine.CorrectSpellingAsync"/>).
/// Each unknown word's candidates come from a <see cref="FuzzyTermsEnum"/> over the folded text
/// field (a Levenshtein automaton walked against the terms dictionary, as Lucene's
/// DirectSpellChecker does; Lucene.Net.Suggest is not available here), ranked by whether they form
/// a known word pair (<see cref="FieldNames.TextPhrases"/>) with their neighbours, then by edits,
/// then by how many live listings hold them. Accents come from the accented title field, chosen
/// by how often titles hold them together with the neighbouring words.
/// Thread-safe (holds only analyzers).
/// </summary>
internal sealed class SpellingCorrector(VietnameseAnalyzer accented, VietnameseAnalyzer folded)
{
    /// <summary>Counts above this only rank candidates, so walking further would not change the choice much.</summary>
    private const int FrequencyCap = 1_000;

    /// <summary>Candidates (fewest edits, then most frequent in the whole index) whose pairs and live counts are looked up.</summary>
    private const int MaxCandidates = 16;

    /// <summary>Typos rarely hit the first letter, and a fixed first letter keeps the automaton walk small.</summary>
    private const int PrefixLength = 1;

    /// <summary>Accented forms of a word weighed against its neighbours; rarer ones are almost never meant.</summary>
    private const int MaxForms = 4;

    /// <summary>The Vietnamese lower-case letters with diacritics; each folds to one ASCII letter.</summary>
    private const string AccentedLetters = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";

    /// <summary>ASCII letter → itself and every Vietnamese letter that folds to it.</summary>
    private static readonly Dictionary<char, string> Variants = AccentedLetters
        .GroupBy(letter => VietnameseText.Fold(letter.ToString())[0])
        .ToDictionary(group => group.Key, group => group.Key + string.Concat(group));

    public static void Validate(SpellingQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(query.Text, nameof(query.Text));
        if (query.Kind is { } kind && !Enum.IsDefined(kind))
        {
            throw new ArgumentException($"Unknown listing kind {kind}.", nameof(query));
        }
    }

    public string? Correct(IndexReader reader, SpellingQuery query)
    {
        var foldedTokens = folded.Tokens(query.Text);
        var accentedTokens = accented.Tokens(query.Text);
        var terms = MultiFields.GetTerms(reader, FieldNames.TextFolded);
        if (foldedTokens.Count == 0 || accentedTokens.Count != foldedTokens.Count || terms is null)
        {
            return null;
        }

        // A word some listing of another kind holds is not a typo: a search of one kind that finds
        // nothing for it needs relaxing, not another word. Replacements come from the kind's own words.
        var vocabulary = new Vocabulary(reader, query.Kind);
        var everyKind = query.Kind is null ? vocabulary : new Vocabulary(reader, kind: null);
        var words = foldedTokens.ToArray();
        var known = words.Select((word, i) => i >= SpellingQuery.MaxWords || !IsCorrectable(word) || everyKind.Contains(word)).ToArray();
        var corrected = new bool[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            if (known[i])
            {
                continue;
            }

            var previous = i > 0 && (known[i - 1] || corrected[i - 1]) ? words[i - 1] : null;
            var next = i + 1 < words.Length && known[i + 1] ? words[i + 1] : null;
            if (Best(terms, vocabulary, words[i], previous, next) is { } best)
            {
                words[i] = best;
                corrected[i] = true;
            }
        }

        if (!corrected.Contains(true))
        {
            return null;
        }

        var titles = MultiFields.GetTerms(reader, FieldNames.Title);
        var forms = words.Select((word, i) => !corrected[i] && VietnameseText.HasDiacritics(accentedTokens[i])
            ? [accentedTokens[i]]
            : AccentedForms(titles, word) is { Count: > 0 } found ? found : [word]).ToArray();
        return string.Join(' ', ChooseForms(vocabulary, forms));
    }

    /// <summary>
    /// One form per word, left to right: the one whose titles most often also hold the previous
    /// word's chosen form or the next word's most frequent one ("ke toan" → "kế toán", not the
    /// more frequent "toàn"), else the most frequent.
    /// </summary>
    private static string[] ChooseForms(Vocabulary vocabulary, IReadOnlyList<string>[] forms)
    {
        var chosen = new string[forms.Length];
        for (var i = 0; i < forms.Length; i++)
        {
            var previous = i > 0 ? chosen[i - 1] : null;
            var next = i + 1 < forms.Length ? forms[i + 1][0] : null;
            chosen[i] = forms[i].Count == 1
                ? forms[i][0]
                : forms[i]
                    .Select((form, rank) => (Form: form, Rank: rank, Together:
                        (previous is null ? 0 : vocabulary.CountBoth(FieldNames.Title, previous, form, FrequencyCap))
                        + (next is null ? 0 : vocabulary.CountBoth(FieldNames.Title, form, next, FrequencyCap))))
                    .OrderByDescending(candidate => candidate.Together)
                    .ThenBy(candidate => candidate.Rank)
                    .First().Form;
        }

        return chosen;
    }

    /// <summary>Numbers and words of one or two letters are left alone: too many words lie within an edit of them.</summary>
    private static bool IsCorrectable(string word) => word.Length >= 3 && word.All(char.IsLetter);

    /// <summary>Edits allowed: one for words of three or four letters, two (the automaton's most) for longer ones.</summary>
    internal static int MaxEdits(string word) => word.Length >= 5 ? 2 : 1;

    private static string? Best(Terms terms, Vocabulary vocabulary, string word, string? previous, string? next)
    {
        var found = new List<(string Term, int Edits, int DocFreq)>();
        var fuzzy = new FuzzyTermsEnum(terms, new AttributeSource(), new Term(FieldNames.TextFolded, word), MaxEdits(word), PrefixLength, transpositions: true);
        while (fuzzy.MoveNext())
        {
            var term = fuzzy.Term.Utf8ToString();
            if (term != word && IsCorrectable(term))
            {
                found.Add((term, Distance(word, term), fuzzy.DocFreq));
            }
        }

        return found
            .OrderBy(candidate => candidate.Edits)
            .ThenByDescending(candidate => candidate.DocFreq)
            .ThenBy(candidate => candidate.Term, StringComparer.Ordinal)
            .Take(MaxCandidates)
            .Select(candidate => (candidate.Term, candidate.Edits, Frequency: vocabulary.Count(FieldNames.TextFolded, candidate.Term, FrequencyCap)))
            .Where(candidate => candidate.Frequency > 0)
            .Select(candidate => (candidate.Term, candidate.Edits, candidate.Frequency, Pairs: Pairs(vocabulary, previous, candidate.Term, next)))
            .OrderByDescending(candidate => candidate.Pairs)
            .ThenBy(candidate => candidate.Edits)
            .ThenByDescending(candidate => candidate.Frequency)
            .ThenBy(candidate => candidate.Term, StringComparer.Ordinal)
            .Select(candidate => candidate.Term)
            .FirstOrDefault();
    }

    /// <summary>Live listings in which the candidate follows the previous word or precedes the next one.</summary>
    private static int Pairs(Vocabulary vocabulary, string? previous, string candidate, string? next) =>
        (previous is null ? 0 : vocabulary.Count(FieldNames.TextPhrases, previous + " " + candidate, FrequencyCap))
        + (next is null ? 0 : vocabulary.Count(FieldNames.TextPhrases, candidate + " " + next, FrequencyCap));

    /// <summary>
    /// The title words that fold to <paramref name="word"/>, most frequent first (at most
    /// <see cref="MaxForms"/>); empty when no title holds it. Letters before the first one that
    /// can carry a mark are the same in every form, so only the terms under that prefix followed by
    /// each form of that letter are read.
    /// </summary>
    private static List<string> AccentedForms(Terms? titles, string word)
    {
        var found = new List<(string Term, int DocFreq)>();
        if (titles is null)
        {
            return [];
        }

        var fixedLength = 0;
        while (fixedLength < word.Length && !Variants.ContainsKey(word[fixedLength]))
        {
            fixedLength++;
        }

        var prefix = word[..fixedLength];
        var starts = fixedLength == word.Length ? [prefix] : Variants[word[fixedLength]].Select(letter => prefix + letter);
        var terms = titles.GetEnumerator();
        foreach (var start in starts)
        {
            var startBytes = new BytesRef(start);
            if (terms.SeekCeil(startBytes) == TermsEnum.SeekStatus.END)
            {
                continue;
            }

            do
            {
                if (!StringHelper.StartsWith(terms.Term, startBytes))
                {
                    break;
                }

                var term = terms.Term.Utf8ToString();
                if (term.Length == word.Length && VietnameseText.Fold(term) == word)
                {
                    found.Add((term, terms.DocFreq));
                }
            }
            while (terms.MoveNext());
        }

        return found
            .OrderByDescending(form => form.DocFreq)
            .ThenBy(form => form.Term, StringComparer.Ordinal)
            .Take(MaxForms)
            .Select(form => form.Term)
            .ToList();
    }

    /// <summary>Edit distance where swapping two neighbouring letters is one edit (optimal string alignment), as the automaton counts.</summary>
    internal static int Distance(string a, string b)
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
}
