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
        var top = searcher.Search(root, new NotExpiredFilter(UnixTime.Milliseconds(query.Now)), query.Size);
        return top.ScoreDocs.Select(hit => new SearchHit
        {
            Kind = query.Kind,
            Id = HitFields.Long(searcher.IndexReader, hit.Doc, FieldNames.IdValue) ?? 0,
            Score = hit.Score,
            Title = HitFields.Title(searcher.IndexReader, hit.Doc),
            PriceMin = HitFields.Long(searcher.IndexReader, hit.Doc, FieldNames.PriceMinValue),
            PriceMax = HitFields.Long(searcher.IndexReader, hit.Doc, FieldNames.PriceMaxValue),
        }).ToList();
    }
}
