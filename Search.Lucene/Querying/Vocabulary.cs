using DongNai.Domain.Listings;
using DongNai.Search.Lucene.Analysis;
using DongNai.Search.Lucene.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace DongNai.Search.Lucene.Querying;

/// <summary>
/// The words of the live listings of one kind (or of all) in one reader: whether a word is there
/// and in how many listings. Counts walk the word's postings over live documents, checking the
/// kind in the cached doc values; a cap stops the walk once a count is high enough to decide.
/// Immutable; thread-safe while the reader is open.
/// </summary>
internal sealed class Vocabulary(IndexReader reader, ListingKind? kind)
{
    /// <summary>Live listings of the kind whose <paramref name="field"/> holds <paramref name="term"/>, counted up to <paramref name="cap"/>.</summary>
    public int Count(string field, string term, int cap = int.MaxValue)
    {
        var bytes = new BytesRef(term);
        var count = 0;
        foreach (var leaf in reader.Leaves)
        {
            var segment = leaf.AtomicReader;
            var docs = segment.GetTermDocsEnum(new Term(field, bytes));
            if (docs is null)
            {
                continue;
            }

            var kinds = kind is null ? null : CachedDocValues.Numeric(segment, FieldNames.KindValue);
            if (kind is not null && kinds is null)
            {
                continue;
            }

            int doc;
            while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
            {
                if ((kinds is null || kinds.Get(doc) == (int)kind!.Value) && ++count >= cap)
                {
                    return count;
                }
            }
        }

        return count;
    }

    /// <summary>Live listings of the kind whose <paramref name="field"/> holds both terms, counted up to <paramref name="cap"/>.</summary>
    public int CountBoth(string field, string first, string second, int cap = int.MaxValue)
    {
        var count = 0;
        foreach (var leaf in reader.Leaves)
        {
            var segment = leaf.AtomicReader;
            var a = segment.GetTermDocsEnum(new Term(field, first));
            var b = a is null ? null : segment.GetTermDocsEnum(new Term(field, second));
            var kinds = kind is null ? null : CachedDocValues.Numeric(segment, FieldNames.KindValue);
            if (a is null || b is null || (kind is not null && kinds is null))
            {
                continue;
            }

            var doc = a.NextDoc();
            while (doc != DocIdSetIterator.NO_MORE_DOCS)
            {
                var other = b.Advance(doc);
                if (other == DocIdSetIterator.NO_MORE_DOCS)
                {
                    break;
                }

                if (other != doc)
                {
                    doc = a.Advance(other);
                    continue;
                }

                if ((kinds is null || kinds.Get(doc) == (int)kind!.Value) && ++count >= cap)
                {
                    return count;
                }

                doc = a.NextDoc();
            }
        }

        return count;
    }

    /// <summary>Whether some live listing of the kind holds the folded word in its text.</summary>
    public bool Contains(string foldedWord) => Count(FieldNames.TextFolded, foldedWord, cap: 1) > 0;

    public static void Validate(IReadOnlyList<string> words, ListingKind? kind)
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

    /// <summary>What <see cref="ISearchEngine.WordFrequenciesAsync"/> answers, on one searcher.</summary>
    public static IReadOnlyDictionary<string, int> Frequencies(IndexSearcher searcher, VietnameseAnalyzer folded, IReadOnlyList<string> words, ListingKind? kind)
    {
        var vocabulary = new Vocabulary(searcher.IndexReader, kind);
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            var tokens = folded.Tokens(word).Distinct(StringComparer.Ordinal).ToList();
            frequencies[word] = tokens.Count switch
            {
                0 => 0,
                1 => vocabulary.Count(FieldNames.TextFolded, tokens[0]),
                _ => CountAll(searcher, tokens, kind),
            };
        }

        return frequencies;
    }

    /// <summary>Live listings of the kind that hold every one of the folded tokens.</summary>
    private static int CountAll(IndexSearcher searcher, IReadOnlyList<string> tokens, ListingKind? kind)
    {
        var query = new BooleanQuery(disableCoord: true)
        {
            { new TermQuery(kind is { } k ? new Term(FieldNames.Kind, k.Slug()) : new Term(FieldNames.Live, "1")), Occur.MUST },
        };
        foreach (var token in tokens)
        {
            query.Add(new TermQuery(new Term(FieldNames.TextFolded, token)), Occur.MUST);
        }

        var counter = new TotalHitCountCollector();
        searcher.Search(query, counter);
        return counter.TotalHits;
    }
}
