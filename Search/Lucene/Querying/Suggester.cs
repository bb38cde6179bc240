using System.Globalization;
using DongNai.Domain.Text;
using DongNai.Search.Analysis;
using DongNai.Search.Lucene.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace DongNai.Search.Lucene.Querying;

/// <summary>
/// Autocomplete from the terms dictionary: every listing indexes its folded title and suggest
/// phrases (and their word suffixes) as terms "{folded}\u001f{as written}", so completing a prefix is
/// a seek plus a short scan of sorted terms, counting live listings (of the wanted kind) per term.
/// Complete words of the prefix are also tried through their synonyms ("khu cong nghiep am" →
/// "kcn am"). Stateless; thread-safe.
/// </summary>
internal static class Suggester
{
    /// <summary>Bounds the work for very short prefixes; suggestions then come from the first terms in order.</summary>
    private const int MaxTermsScanned = 2_000;

    private const int MaxVariants = 8;

    public static void Validate(SuggestQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Size, 1, nameof(query.Size));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Size, SuggestQuery.MaxSize, nameof(query.Size));
    }

    public static IReadOnlyList<Suggestion> Suggest(IndexSearcher searcher, SuggestQuery query)
    {
        var prefixes = Prefixes(query.Prefix).Select(prefix => new BytesRef(prefix)).ToList();
        if (prefixes.Count == 0)
        {
            return [];
        }

        var groups = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        TermsEnum? termsEnum = null;
        DocsEnum? docsEnum = null;
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var reader = leaf.AtomicReader;
            var terms = reader.GetTerms(FieldNames.Suggest);
            if (terms is null)
            {
                continue;
            }

            var kinds = reader.GetNumericDocValues(FieldNames.KindValue);
            foreach (var prefix in prefixes)
            {
                termsEnum = terms.GetEnumerator(termsEnum);
                if (termsEnum.SeekCeil(prefix) == TermsEnum.SeekStatus.END)
                {
                    continue;
                }

                var scanned = 0;
                do
                {
                    var term = termsEnum.Term;
                    if (!StringHelper.StartsWith(term, prefix) || ++scanned > MaxTermsScanned)
                    {
                        break;
                    }

                    docsEnum = termsEnum.Docs(reader.LiveDocs, docsEnum, DocsFlags.NONE);
                    var count = 0;
                    int doc;
                    while ((doc = docsEnum.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                    {
                        if (query.Kind is null || kinds?.Get(doc) == (int)query.Kind)
                        {
                            count++;
                        }
                    }

                    if (count > 0)
                    {
                        AddToGroup(groups, term.Utf8ToString(), count);
                    }
                }
                while (termsEnum.MoveNext());
            }
        }

        return groups.Values
            .Select(forms => forms.OrderByDescending(form => form.Value).ThenBy(form => form.Key, StringComparer.Ordinal).First() is var best
                ? new Suggestion(best.Key, forms.Values.Sum())
                : default)
            .OrderByDescending(suggestion => suggestion.Count)
            .ThenBy(suggestion => suggestion.Text.Length)
            .ThenBy(suggestion => suggestion.Text, StringComparer.Ordinal)
            .Take(query.Size)
            .ToList();
    }

    /// <summary>
    /// The folded prefix, and variants with complete words replaced by their synonyms. A prefix
    /// that ends in a space or punctuation completes only whole words ("kcn " does not give "kcnx").
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

    private static void AddToGroup(Dictionary<string, Dictionary<string, int>> groups, string term, int count)
    {
        var separator = term.IndexOf(FieldNames.SuggestSeparator, StringComparison.Ordinal);
        var display = separator >= 0 ? term[(separator + 1)..] : term;
        var groupKey = VietnameseText.FoldKey(display);
        if (!groups.TryGetValue(groupKey, out var forms))
        {
            forms = new Dictionary<string, int>(StringComparer.Ordinal);
            groups[groupKey] = forms;
        }

        forms[display] = forms.GetValueOrDefault(display) + count;
    }
}
