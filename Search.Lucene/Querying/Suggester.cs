using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using DongNai.Domain.Text;
using DongNai.Search.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DongNai.Search.Lucene.Querying;

/// <summary>
/// Autocomplete from the terms dictionary: every listing indexes its folded title and suggest
/// phrases (and their word suffixes) as terms "{folded}\u001f{as written}", so completing a prefix
/// means counting live listings (of the wanted kind) per term under the prefix, and per group of
/// terms with the same folded display text. Complete words of the prefix are also tried through
/// their synonyms ("khu cong nghiep am" → "kcn am"). Stateless; thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// The counting reads each segment's <see cref="SuggestTable"/>. A short prefix covers thousands
/// of terms, so groups are visited best first, in the order of the table's per-prefix lists
/// (a threshold algorithm): each group met is counted exactly over every segment and prefix
/// variant, and the search stops once the <see cref="SuggestQuery.Size"/>-th best count beats
/// what any group not met yet could still reach (the sum over the lists of their next counts).
/// When the lists run out first (flat counts: hundreds of groups of a few listings each), the
/// table counts of every term under the prefix are summed per group, and groups are visited in
/// that order instead. Either way the result is exactly what counting every term would give.
/// </para>
/// <para>
/// In a segment with deletions, the terms of the groups met are recounted over live listings
/// (memoized per set of deletions); the table's counts, which include deleted listings, only
/// order and bound the search.
/// </para>
/// </remarks>
internal static class Suggester
{
    private const int MaxVariants = 8;

    public static void Validate(SuggestQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Size, 1, nameof(query.Size));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Size, SuggestQuery.MaxSize, nameof(query.Size));
    }

    public static IReadOnlyList<Suggestion> Suggest(IndexSearcher searcher, SuggestQuery query)
    {
        var prefixes = Prefixes(query.Prefix).Select(Encoding.UTF8.GetBytes).ToList();
        var slot = SuggestTable.SlotOf(query.Kind);
        if (prefixes.Count == 0 || slot < 0)
        {
            return [];
        }

        var sources = new List<Source>();
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var table = SuggestTable.Of(leaf.AtomicReader);
            if (table is null)
            {
                continue;
            }

            foreach (var prefix in prefixes)
            {
                var (start, end) = table.Range(prefix);
                if (start < end)
                {
                    sources.Add(new Source(leaf.AtomicReader, table, start, end, table.Candidates(prefix, start, end, slot)));
                }
            }
        }

        var merge = new Merge(sources, slot, query.Size);
        if (!merge.Visit())
        {
            merge.VisitAll();
        }

        return merge.Result();
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

    /// <summary>The terms of one segment under one prefix variant, and the candidate list that orders their groups.</summary>
    private sealed class Source(AtomicReader reader, SuggestTable table, int start, int end, SuggestTable.CandidateList list)
    {
        public SuggestTable Table => table;

        public int Start => start;

        public int End => end;

        public SuggestTable.CandidateList List => list;

        /// <summary>Live listings of a kind that carry the term.</summary>
        public int Count(int term, int slot) => table.LiveCount(reader, term, slot);
    }

    /// <summary>A group's live listings under the prefixes, and the terms they come from.</summary>
    private sealed class GroupCount
    {
        public int Total { get; set; }

        public List<(SuggestTable Table, int Term, int Count)> Terms { get; } = [];
    }

    /// <summary>The groups of one request, counted exactly as they are met, and the largest totals so far.</summary>
    private sealed class Merge(List<Source> sources, int slot, int size)
    {
        private readonly Dictionary<string, GroupCount> _groups = new(StringComparer.Ordinal);

        /// <summary>The <c>size</c> largest totals met, smallest on top.</summary>
        private readonly PriorityQueue<int, int> _best = new(size + 1);

        /// <summary>
        /// Counts the groups of the sources' lists, best first. True once no group left could
        /// enter the result; false when the lists ran out before that.
        /// </summary>
        public bool Visit()
        {
            for (var depth = 0; ; depth++)
            {
                foreach (var source in sources)
                {
                    if (depth < source.List.Length)
                    {
                        Count(source.Table.GroupKey(source.List.Group(depth)));
                    }
                }

                // The most a group not met yet can have: in each list, no more than the list's next count.
                var bound = 0L;
                var exhausted = true;
                foreach (var source in sources)
                {
                    if (depth + 1 < source.List.Length)
                    {
                        bound += source.List.Count(depth + 1);
                        exhausted = false;
                    }
                    else
                    {
                        bound += source.List.Rest;
                    }
                }

                if (bound == 0 || (_best.Count == size && _best.Peek() > bound))
                {
                    return true;
                }

                if (exhausted)
                {
                    return false;
                }
            }
        }

        /// <summary>
        /// What to do when the lists run out: sums the table counts of every term under the
        /// prefixes per group (bounds of the true totals, equal to them without deletions), and
        /// counts the groups in that order until the rest cannot enter the result.
        /// </summary>
        public void VisitAll()
        {
            var bounds = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var source in sources)
            {
                for (var term = source.Start; term < source.End; term++)
                {
                    var count = source.Table.Count(term, slot);
                    if (count > 0)
                    {
                        CollectionsMarshal.GetValueRefOrAddDefault(bounds, source.Table.GroupKey(source.Table.GroupOf(term)), out _) += count;
                    }
                }
            }

            var keys = bounds.Keys.ToArray();
            var counts = bounds.Values.ToArray();
            Array.Sort(counts, keys);
            for (var i = keys.Length - 1; i >= 0 && !(_best.Count == size && _best.Peek() > counts[i]); i--)
            {
                Count(keys[i]);
            }
        }

        /// <summary>
        /// The groups with the largest totals, each shown in the display form most of its listings
        /// use (then the ordinal first); most listings first, then shorter, then ordinal.
        /// </summary>
        public List<Suggestion> Result()
        {
            // Only groups at or above the size-th largest total can make the cut; their forms are decoded now.
            var cut = _best.Count == size ? _best.Peek() : 1;
            return _groups.Values
                .Where(group => group.Total >= cut)
                .Select(group => new Suggestion(BestForm(group), group.Total))
                .OrderByDescending(suggestion => suggestion.Count)
                .ThenBy(suggestion => suggestion.Text.Length)
                .ThenBy(suggestion => suggestion.Text, StringComparer.Ordinal)
                .Take(size)
                .ToList();
        }

        private static string BestForm(GroupCount group)
        {
            var forms = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (table, term, count) in group.Terms)
            {
                var display = table.Display(term);
                forms[display] = forms.GetValueOrDefault(display) + count;
            }

            return forms.OrderByDescending(form => form.Value).ThenBy(form => form.Key, StringComparer.Ordinal).First().Key;
        }

        /// <summary>Counts a group's live listings under the prefixes in every segment, once.</summary>
        private void Count(string key)
        {
            if (_groups.ContainsKey(key))
            {
                return;
            }

            var group = new GroupCount();
            _groups.Add(key, group);
            foreach (var source in sources)
            {
                if (!source.Table.TryGetGroup(key, out var id))
                {
                    continue;
                }

                foreach (var term in source.Table.TermsOf(id))
                {
                    var count = term >= source.Start && term < source.End ? source.Count(term, slot) : 0;
                    if (count > 0)
                    {
                        group.Terms.Add((source.Table, term, count));
                        group.Total += count;
                    }
                }
            }

            if (group.Total > 0)
            {
                _best.Enqueue(group.Total, group.Total);
                if (_best.Count > size)
                {
                    _best.Dequeue();
                }
            }
        }
    }
}
