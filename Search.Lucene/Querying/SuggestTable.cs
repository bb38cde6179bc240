using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using DongNai.Domain.Listings;
using DongNai.Domain.Text;
using DongNai.Search.Lucene.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace DongNai.Search.Lucene.Querying;

/// <summary>
/// The autocomplete terms of one segment (the <see cref="FieldNames.Suggest"/> field) laid out for
/// <see cref="Suggester"/>, so that completing a prefix reads arrays instead of walking the terms
/// dictionary and the postings of thousands of terms. Built once per segment core, which never
/// changes (deletions aside): when a searcher opens (<see cref="Warm"/>), or on first use.
/// </summary>
/// <remarks>
/// <para>
/// It holds every term's bytes in order, how many documents of the core carry it per kind
/// (deleted ones included: <see cref="Suggester"/> recounts over live documents when a segment
/// has deletions), and its group: the folded form of its display text, as suggestions are grouped.
/// </para>
/// <para>
/// The terms under a prefix are a range of term ordinals. For every prefix of up to
/// <see cref="MaxListedPrefixBytes"/> bytes whose range holds more than <see cref="ShortRange"/>
/// terms, it also holds per kind the <see cref="ListLength"/> groups with the most documents in
/// that range, best first, and the count of the best group left out. Shorter ranges are
/// aggregated when asked. On the million-listing benchmark index (7 segments, 104,000 terms)
/// the tables take 33 MB, mostly term bytes (12 MB) and group keys (13 MB), and build in about
/// a second.
/// </para>
/// <para>Immutable once built; thread-safe.</para>
/// </remarks>
internal sealed class SuggestTable
{
    /// <summary>Count slots per term: 0 for every kind, then one per <see cref="ListingKind"/> value.</summary>
    public static readonly int Slots = ListingKinds.All.Max(kind => (int)kind) + 1;

    /// <summary>Groups kept per kind for a long range; well above <see cref="SuggestQuery.MaxSize"/>.</summary>
    public const int ListLength = 32;

    /// <summary>Ranges of at most this many terms are aggregated per query instead of listed.</summary>
    public const int ShortRange = 64;

    /// <summary>Longer prefixes borrow the lists of their prefix of this length, which bound their counts from above.</summary>
    private const int MaxListedPrefixBytes = 48;

    private static readonly ConditionalWeakTable<object, Lazy<SuggestTable?>> Tables = [];

    /// <summary>Per-group sums for <see cref="AllCandidates"/>, handed back all zero (so not shared with other code).</summary>
    private static readonly ArrayPool<int> Sums = ArrayPool<int>.Create();

    private static readonly Comparer<int> MostFirst = Comparer<int>.Create(static (x, y) => y.CompareTo(x));

    private readonly byte[] _bytes;
    private readonly int[] _termStarts;
    private readonly int[] _counts;
    private readonly int[] _termGroups;
    private readonly string[] _groupKeys;
    private readonly Dictionary<string, int> _groupIds;
    private readonly int[] _groupTermStarts;
    private readonly int[] _groupTerms;
    private readonly Dictionary<string, int> _lists;
    private readonly int[] _listStarts;
    private readonly int[] _listGroups;
    private readonly int[] _listCounts;
    private readonly int[] _listRests;

    /// <summary>Live counts of terms, per <see cref="AtomicReader.LiveDocs"/> instance (a new one comes with every new deletion).</summary>
    private readonly ConditionalWeakTable<IBits, ConcurrentDictionary<int, int[]>> _liveCounts = [];

    private SuggestTable(Builder builder)
    {
        _bytes = builder.Bytes;
        _termStarts = builder.TermStarts;
        _counts = builder.Counts;
        _termGroups = builder.TermGroups;
        _groupKeys = builder.GroupKeys;
        _groupIds = builder.GroupIds;
        _groupTermStarts = builder.GroupTermStarts;
        _groupTerms = builder.GroupTerms;
        _lists = builder.Lists;
        _listStarts = builder.ListStarts;
        _listGroups = builder.ListGroups;
        _listCounts = builder.ListCounts;
        _listRests = builder.ListRests;
    }

    /// <summary>Terms in the segment.</summary>
    public int TermCount => _termStarts.Length - 1;

    /// <summary>The count slot of a kind (0 for any kind); -1 for a value no listing can have.</summary>
    public static int SlotOf(ListingKind? kind) => kind switch
    {
        null => 0,
        { } value when (int)value >= 1 && (int)value < Slots => (int)value,
        _ => -1,
    };

    /// <summary>The table of this segment, built now if the segment has not been warmed; null when it has no autocomplete terms.</summary>
    public static SuggestTable? Of(AtomicReader reader) =>
        Tables.TryGetValue(reader.CoreCacheKey, out var table) ? table.Value : Add(reader);

    /// <summary>Builds the tables of every segment of <paramref name="reader"/> not built yet.</summary>
    public static void Warm(IndexReader reader)
    {
        foreach (var leaf in reader.Leaves)
        {
            Of(leaf.AtomicReader);
        }
    }

    /// <summary>The ordinals of the terms that start with <paramref name="prefix"/>: [Start, End).</summary>
    public (int Start, int End) Range(ReadOnlySpan<byte> prefix)
    {
        var low = 0;
        var high = TermCount;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (Term(middle).SequenceCompareTo(prefix) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        var start = low;
        high = TermCount;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (Term(middle).StartsWith(prefix))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return (start, low);
    }

    /// <summary>
    /// The groups of the terms in <paramref name="start"/>..<paramref name="end"/> (the range of
    /// <paramref name="prefix"/>) by documents of a kind, most first, with counts that are at least
    /// the true ones: complete for a short range, else the top of a precomputed list.
    /// </summary>
    public CandidateList Candidates(ReadOnlySpan<byte> prefix, int start, int end, int slot)
    {
        if (end - start > ShortRange
            && _lists.TryGetValue(Encoding.Latin1.GetString(prefix[..Math.Min(prefix.Length, MaxListedPrefixBytes)]), out var list))
        {
            var index = (list * Slots) + slot;
            return new CandidateList(_listGroups, _listCounts, _listStarts[index], _listStarts[index + 1] - _listStarts[index], _listRests[index]);
        }

        return AllCandidates(start, end, slot);
    }

    /// <summary>Documents of the segment core (deleted ones included) that carry the term, of a kind.</summary>
    public int Count(int term, int slot) => _counts[(term * Slots) + slot];

    /// <summary>Live documents of <paramref name="reader"/> (a reader of this core) that carry the term, of a kind.</summary>
    public int LiveCount(AtomicReader reader, int term, int slot)
    {
        var liveDocs = reader.LiveDocs;
        if (liveDocs is null)
        {
            return Count(term, slot);
        }

        var counts = _liveCounts.GetValue(liveDocs, static _ => new ConcurrentDictionary<int, int[]>());
        if (!counts.TryGetValue(term, out var live))
        {
            live = CountLive(reader, liveDocs, term);
            counts.TryAdd(term, live);
        }

        return live[slot];
    }

    /// <summary>The group's key: the folded display text of its terms, the same in every segment.</summary>
    public string GroupKey(int group) => _groupKeys[group];

    public int GroupOf(int term) => _termGroups[term];

    /// <summary>The group with this key in this segment, if any of its terms is here.</summary>
    public bool TryGetGroup(string key, out int group) => _groupIds.TryGetValue(key, out group);

    /// <summary>The group's terms, ascending.</summary>
    public ReadOnlySpan<int> TermsOf(int group) => _groupTerms.AsSpan(_groupTermStarts[group], _groupTermStarts[group + 1] - _groupTermStarts[group]);

    /// <summary>The text a term shows: what follows the separator, as written in the listing.</summary>
    public string Display(int term) => Encoding.UTF8.GetString(DisplayBytes(Term(term)));

    private ReadOnlySpan<byte> Term(int term) => _bytes.AsSpan(_termStarts[term], _termStarts[term + 1] - _termStarts[term]);

    /// <summary>Every group of the terms in <paramref name="start"/>..<paramref name="end"/>, with its count over the segment core, most first.</summary>
    private CandidateList AllCandidates(int start, int end, int slot)
    {
        var sums = Sums.Rent(_groupKeys.Length);
        var touched = new List<int>();
        for (var term = start; term < end; term++)
        {
            var count = Count(term, slot);
            if (count > 0)
            {
                var group = _termGroups[term];
                if (sums[group] == 0)
                {
                    touched.Add(group);
                }

                sums[group] += count;
            }
        }

        var groups = touched.ToArray();
        var counts = new int[groups.Length];
        for (var i = 0; i < groups.Length; i++)
        {
            counts[i] = sums[groups[i]];
            sums[groups[i]] = 0;
        }

        Sums.Return(sums);
        Array.Sort(counts, groups, MostFirst);
        return new CandidateList(groups, counts, 0, groups.Length, 0);
    }

    private static ReadOnlySpan<byte> DisplayBytes(ReadOnlySpan<byte> term)
    {
        var separator = term.IndexOf((byte)FieldNames.SuggestSeparator);
        return separator >= 0 ? term[(separator + 1)..] : term;
    }

    private int[] CountLive(AtomicReader reader, IBits liveDocs, int term)
    {
        var live = new int[Slots];
        var termsEnum = reader.GetTerms(FieldNames.Suggest)?.GetEnumerator();
        if (termsEnum is null || !termsEnum.SeekExact(new BytesRef(_bytes, _termStarts[term], _termStarts[term + 1] - _termStarts[term])))
        {
            return live;
        }

        var kinds = CachedDocValues.Numeric(reader, FieldNames.KindValue);
        var docs = termsEnum.Docs(liveDocs, null, DocsFlags.NONE);
        int doc;
        while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
        {
            Tally(live, kinds, doc);
        }

        return live;
    }

    private static void Tally(int[] counts, NumericDocValues? kinds, int doc)
    {
        counts[0]++;
        if (kinds is not null)
        {
            var kind = kinds.Get(doc);
            if (kind >= 1 && kind < Slots)
            {
                counts[kind]++;
            }
        }
    }

    private static SuggestTable? Add(AtomicReader reader) =>
        Tables.GetValue(reader.CoreCacheKey, _ => new Lazy<SuggestTable?>(() => Build(reader))).Value;

    private static SuggestTable? Build(AtomicReader reader)
    {
        var terms = reader.GetTerms(FieldNames.Suggest);
        return terms is null ? null : new SuggestTable(new Builder(reader, terms));
    }

    /// <summary>Some groups of a range, most documents first, and a bound on the count of any group left out (0 when none is).</summary>
    internal readonly struct CandidateList(int[] groups, int[] counts, int start, int length, int rest)
    {
        public int Length => length;

        /// <summary>At least the count of every group not in the list.</summary>
        public int Rest => rest;

        public int Group(int index) => groups[start + index];

        /// <summary>At least the group's count in the range; never increases with the index.</summary>
        public int Count(int index) => counts[start + index];
    }

    /// <summary>Reads a segment's terms and computes the table's arrays.</summary>
    private sealed class Builder
    {
        private readonly List<int> _listStarts = [0];
        private readonly List<int> _listGroups = [];
        private readonly List<int> _listCounts = [];
        private readonly List<int> _listRests = [];
        private readonly int[] _sums;
        private readonly List<int> _touched = [];
        private readonly int[] _top = new int[ListLength + 1];

        public Builder(AtomicReader reader, Terms terms)
        {
            var kinds = CachedDocValues.Numeric(reader, FieldNames.KindValue);
            var bytes = new byte[1 << 16];
            var length = 0;
            var termStarts = new List<int> { 0 };
            var counts = new List<int>();
            var termGroups = new List<int>();
            var groupKeys = new List<string>();
            var displayGroups = new Dictionary<string, int>(StringComparer.Ordinal);
            GroupIds = new Dictionary<string, int>(StringComparer.Ordinal);

            var termsEnum = terms.GetEnumerator();
            DocsEnum? docs = null;
            var termCounts = new int[Slots];
            while (termsEnum.MoveNext())
            {
                var term = termsEnum.Term;
                if (length + term.Length > bytes.Length)
                {
                    Array.Resize(ref bytes, Math.Max(bytes.Length * 2, length + term.Length));
                }

                term.Bytes.AsSpan(term.Offset, term.Length).CopyTo(bytes.AsSpan(length));
                var display = Encoding.UTF8.GetString(DisplayBytes(bytes.AsSpan(length, term.Length)));
                length += term.Length;
                termStarts.Add(length);

                Array.Clear(termCounts);
                docs = termsEnum.Docs(null, docs, DocsFlags.NONE);
                int doc;
                while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                {
                    Tally(termCounts, kinds, doc);
                }

                counts.AddRange(termCounts);

                if (!displayGroups.TryGetValue(display, out var group))
                {
                    var key = VietnameseText.FoldKey(display);
                    if (!GroupIds.TryGetValue(key, out group))
                    {
                        group = groupKeys.Count;
                        groupKeys.Add(key);
                        GroupIds.Add(key, group);
                    }

                    displayGroups.Add(display, group);
                }

                termGroups.Add(group);
            }

            Array.Resize(ref bytes, length);
            Bytes = bytes;
            TermStarts = [.. termStarts];
            Counts = [.. counts];
            TermGroups = [.. termGroups];
            GroupKeys = [.. groupKeys];
            GroupIds.TrimExcess();

            // Group → terms, ascending.
            GroupTermStarts = new int[GroupKeys.Length + 1];
            foreach (var group in TermGroups)
            {
                GroupTermStarts[group + 1]++;
            }

            for (var group = 0; group < GroupKeys.Length; group++)
            {
                GroupTermStarts[group + 1] += GroupTermStarts[group];
            }

            GroupTerms = new int[TermGroups.Length];
            var filled = GroupTermStarts[..^1];
            for (var term = 0; term < TermGroups.Length; term++)
            {
                GroupTerms[filled[TermGroups[term]]++] = term;
            }

            _sums = new int[GroupKeys.Length * Slots];
            Lists = new Dictionary<string, int>(StringComparer.Ordinal);
            AddLists();
            ListStarts = [.. _listStarts];
            ListGroups = [.. _listGroups];
            ListCounts = [.. _listCounts];
            ListRests = [.. _listRests];
            Lists.TrimExcess();
        }

        public byte[] Bytes { get; }

        public int[] TermStarts { get; }

        public int[] Counts { get; }

        public int[] TermGroups { get; }

        public string[] GroupKeys { get; }

        public Dictionary<string, int> GroupIds { get; }

        public int[] GroupTermStarts { get; }

        public int[] GroupTerms { get; }

        public Dictionary<string, int> Lists { get; }

        public int[] ListStarts { get; }

        public int[] ListGroups { get; }

        public int[] ListCounts { get; }

        public int[] ListRests { get; }

        private ReadOnlySpan<byte> Term(int term) => Bytes.AsSpan(TermStarts[term], TermStarts[term + 1] - TermStarts[term]);

        /// <summary>
        /// Walks the prefixes byte by byte from the whole term range down, listing each prefix
        /// whose range is long; a prefix with the same range as its parent shares its list.
        /// </summary>
        private void AddLists()
        {
            var pending = new Stack<(int Start, int End, int Depth, int List)>();
            pending.Push((0, TermStarts.Length - 1, 0, -1));
            while (pending.TryPop(out var node))
            {
                var term = node.Start;

                // A term equal to the prefix sorts first; it has no next byte.
                if (term < node.End && Term(term).Length == node.Depth)
                {
                    term++;
                }

                while (term < node.End)
                {
                    var next = Term(term)[node.Depth];
                    var end = term + 1;
                    while (end < node.End && Term(end)[node.Depth] == next)
                    {
                        end++;
                    }

                    if (end - term > ShortRange && node.Depth < MaxListedPrefixBytes)
                    {
                        var list = end - term == node.End - node.Start && node.List >= 0 ? node.List : AddList(term, end);
                        Lists.Add(Encoding.Latin1.GetString(Term(term)[..(node.Depth + 1)]), list);
                        pending.Push((term, end, node.Depth + 1, list));
                    }

                    term = end;
                }
            }
        }

        /// <summary>Adds, per slot, the top groups of the terms in [start, end) and the count of the best one left out.</summary>
        private int AddList(int start, int end)
        {
            for (var term = start; term < end; term++)
            {
                var group = TermGroups[term];
                if (_sums[group * Slots] == 0)
                {
                    _touched.Add(group);
                }

                for (var slot = 0; slot < Slots; slot++)
                {
                    _sums[(group * Slots) + slot] += Counts[(term * Slots) + slot];
                }
            }

            for (var slot = 0; slot < Slots; slot++)
            {
                var kept = 0;
                foreach (var group in _touched)
                {
                    var count = _sums[(group * Slots) + slot];
                    if (count == 0 || (kept == _top.Length && !Before(count, group, _top[kept - 1], slot)))
                    {
                        continue;
                    }

                    var at = Math.Min(kept, _top.Length - 1);
                    while (at > 0 && Before(count, group, _top[at - 1], slot))
                    {
                        _top[at] = _top[at - 1];
                        at--;
                    }

                    _top[at] = group;
                    kept = Math.Min(kept + 1, _top.Length);
                }

                for (var i = 0; i < Math.Min(kept, ListLength); i++)
                {
                    _listGroups.Add(_top[i]);
                    _listCounts.Add(_sums[(_top[i] * Slots) + slot]);
                }

                _listRests.Add(kept > ListLength ? _sums[(_top[ListLength] * Slots) + slot] : 0);
                _listStarts.Add(_listGroups.Count);
            }

            foreach (var group in _touched)
            {
                Array.Clear(_sums, group * Slots, Slots);
            }

            _touched.Clear();
            return _listRests.Count / Slots - 1;
        }

        /// <summary>More documents first; between equals, the lower group number, so lists are deterministic.</summary>
        private bool Before(int count, int group, int other, int slot)
        {
            var otherCount = _sums[(other * Slots) + slot];
            return count > otherCount || (count == otherCount && group < other);
        }
    }
}
