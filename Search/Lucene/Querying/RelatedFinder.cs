using DongNai.Search.Lucene.Analysis;
using DongNai.Search.Lucene.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;

namespace DongNai.Search.Lucene.Querying;

/// <summary>
/// Related items through Lucene's MoreLikeThis: the listing's stored title and description give
/// the most telling folded terms, and those find visible listings of the same kind, never the
/// listing itself. Thread-safe (holds only the analyzer).
/// </summary>
internal sealed class RelatedFinder(VietnameseAnalyzer folded)
{
    private static readonly HashSet<string> TextFields = [FieldNames.TitleStored, FieldNames.BodyStored];

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

        var stored = searcher.Doc(source.ScoreDocs[0].Doc, TextFields);
        var text = stored.Get(FieldNames.TitleStored) + "\n" + stored.Get(FieldNames.BodyStored);
        var moreLikeThis = new MoreLikeThis(searcher.IndexReader)
        {
            Analyzer = folded,
            FieldNames = [FieldNames.TitleFolded, FieldNames.BodyFolded],
            MinTermFreq = 1,
            MinDocFreq = 1,
            MinWordLen = 2,
            MaxQueryTerms = 25,
        };
        using var reader = new StringReader(text);
        var like = moreLikeThis.Like(reader, FieldNames.TitleFolded);

        var root = new BooleanQuery(disableCoord: true)
        {
            { like, Occur.MUST },
            { new TermQuery(key), Occur.MUST_NOT },
        };
        FilterBuilder.AddVisibility(root, query.Kind, query.Now);
        var top = searcher.Search(root, query.Size);
        return top.ScoreDocs.Select(hit => ToHit(searcher, hit)).ToList();
    }

    private static SearchHit ToHit(IndexSearcher searcher, ScoreDoc hit)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
        var doc = hit.Doc - leaf.DocBase;
        var reader = leaf.AtomicReader;
        long? Price(string field) => reader.GetNumericDocValues(field)?.Get(doc) is { } value && value != FieldNames.MissingLong ? value : null;

        return new SearchHit
        {
            Kind = (Domain.Listings.ListingKind)reader.GetNumericDocValues(FieldNames.KindValue).Get(doc),
            Id = reader.GetNumericDocValues(FieldNames.IdValue).Get(doc),
            Score = hit.Score,
            Title = searcher.Doc(hit.Doc, TextFields).Get(FieldNames.TitleStored) ?? "",
            PriceMin = Price(FieldNames.PriceMinValue),
            PriceMax = Price(FieldNames.PriceMaxValue),
        };
    }
}
