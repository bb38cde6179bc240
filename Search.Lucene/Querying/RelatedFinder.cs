using DongNai.Search.Lucene.Analysis;
using DongNai.Search.Lucene.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;

namespace DongNai.Search.Lucene.Querying;

/// <summary>
/// Related items through Lucene's MoreLikeThis: the listing's title and description give
/// the most telling folded words (by tf-idf over titles, only words some other title shares), and
/// those find visible listings of the same kind by title, never the listing itself. Titles keep
/// the query short and the posting lists small. Thread-safe (holds only the analyzer).
/// </summary>
internal sealed class RelatedFinder(VietnameseAnalyzer folded)
{
    private const int MaxTerms = 12;

    public static void Validate(RelatedQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Size, 1, nameof(query.Size));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Size, RelatedQuery.MaxSize, nameof(query.Size));
    }

    public IReadOnlyList<SearchHit> Find(IndexSearcher searcher, RelatedQuery query)
    {
        var key = new Term(FieldNames.Key, DocumentMapper.KeyOf(query.Kind, query.Id));
        var source = searcher.Search(
            new BooleanQuery { { new TermQuery(key), Occur.MUST }, { new TermQuery(new Term(FieldNames.Live, "1")), Occur.MUST } },
            1);
        if (source.TotalHits == 0)
        {
            return [];
        }

        var doc = source.ScoreDocs[0].Doc;
        var text = HitFields.Title(searcher.IndexReader, doc) + "\n" + HitFields.Description(searcher, doc);
        var moreLikeThis = new MoreLikeThis(searcher.IndexReader)
        {
            Analyzer = folded,
            FieldNames = [FieldNames.TitleFolded],
            MinTermFreq = 1,
            MinDocFreq = 2,
            MinWordLen = 2,
            MaxQueryTerms = MaxTerms,
        };
        using var reader = new StringReader(text);
        var like = moreLikeThis.Like(reader, FieldNames.TitleFolded);

        var root = new BooleanQuery(disableCoord: true)
        {
            { like, Occur.MUST },
            { new TermQuery(key), Occur.MUST_NOT },
        };
        FilterBuilder.AddVisibility(root, query.Kind);
        var nowMs = UnixTime.Milliseconds(query.Now);
        var top = searcher.Search(root, new NotExpiredFilter(nowMs), query.Size);
        return top.ScoreDocs.Select(hit => ToHit(searcher.IndexReader, query.Kind, hit, nowMs)).ToList();
    }

    private static SearchHit ToHit(IndexReader reader, Domain.Listings.ListingKind kind, ScoreDoc hit, long nowMs)
    {
        var priceMin = HitFields.Long(reader, hit.Doc, FieldNames.PriceMinValue);
        var priceMax = HitFields.Long(reader, hit.Doc, FieldNames.PriceMaxValue);
        var (updatedAt, ageDays) = HitFields.Freshness(reader, hit.Doc, nowMs);
        return new SearchHit
        {
            Kind = kind,
            Id = HitFields.Long(reader, hit.Doc, FieldNames.IdValue) ?? 0,
            Score = hit.Score,
            Title = HitFields.Title(reader, hit.Doc),
            PriceMin = priceMin,
            PriceMax = priceMax,
            Signals = new RankingSignals
            {
                TextScore = hit.Score,
                Location = HitFields.Location(reader, hit.Doc),
                UpdatedAt = updatedAt,
                AgeDays = ageDays,
                PriceMin = priceMin,
                PriceMax = priceMax,
                Popularity = HitFields.Popularity(reader, hit.Doc),
            },
        };
    }
}
