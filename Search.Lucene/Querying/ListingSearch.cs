using DongNai.Search.Lucene.Analysis;
using DongNai.Search.Lucene.Indexing;
using Lucene.Net.Search;
using NetTopologySuite.Algorithm.Locate;

namespace DongNai.Search.Lucene.Querying;

/// <summary>
/// Runs one <see cref="SearchQuery"/> against one searcher: builds the query, collects in a single
/// pass, then reads titles (doc values) and, for text queries, descriptions and highlights for the
/// page only. Thread-safe (holds only analyzers).
/// </summary>
internal sealed class ListingSearch(VietnameseAnalyzer accented, VietnameseAnalyzer folded)
{
    private readonly TextQueryBuilder _text = new(accented, folded);

    public SearchResult Run(IndexSearcher searcher, SearchQuery query)
    {
        var cursor = query.Cursor is null ? (Cursor?)null : Cursor.Decode(query.Cursor, query.Kind, query.Sort);
        var scoringNowMs = cursor?.ScoringNowMs ?? UnixTime.Milliseconds(query.ScoringNow ?? query.Now);

        var text = _text.Build(query.Text, searcher.IndexReader, query.MaxMissingWords);
        var filters = new BooleanQuery(disableCoord: true);
        FilterBuilder.AddFilters(filters, query);

        // Filters lead the leapfrog: common words ("phòng trọ" in most rentals) would otherwise
        // drive the intersection through their long posting lists.
        var root = text is null
            ? (Query)filters
            : new FilteredQuery(text.Scoring, new QueryWrapperFilter(filters), FilteredQuery.LEAP_FROG_FILTER_FIRST_STRATEGY);

        var facets = query.Facets.Distinct(StringComparer.Ordinal).ToList();
        var collector = new ListingCollector(new CollectorSettings
        {
            Sort = query.Sort,
            Size = query.Size,
            HasText = text is not null,
            Radius = query.Geo as GeoRadius,
            Polygon = query.Geo is GeoPolygon polygon ? new IndexedPointInAreaLocator(polygon.ToGeometry()) : null,
            Box = FilterBuilder.AreaOf(query.Geo),
            NowMs = UnixTime.Milliseconds(query.Now),
            MinPrice = query.MinPrice,
            MaxPrice = query.MaxPrice,
            MinArea = query.MinArea,
            MaxArea = query.MaxArea,
            ReferencePoint = query.EffectiveReferencePoint,
            ScoringNowMs = scoringNowMs,
            After = cursor?.After,
            Facets = facets,
            PriceBands = query.PriceBands,
            KindWeights = KindWeights(query.KindWeights),
            FavourLowPrices = query.FavourLowPrices,
        });
        searcher.Search(root, collector);

        var candidates = collector.TopHits();
        var highlighter = text is null || candidates.Count == 0 || !query.Highlight ? null : new HitHighlighter(text.Highlight, searcher, folded);
        var carried = facets.Union(query.HitKeywords, StringComparer.Ordinal).ToList();
        var hits = candidates.Select(candidate => ToHit(searcher, candidate, highlighter, scoringNowMs, carried)).ToList();
        var nextCursor = collector.AfterCursor > query.Size && candidates.Count > 0
            ? new Cursor(query.Kind, query.Sort, candidates[^1].Key, scoringNowMs).Encode()
            : null;
        return new SearchResult
        {
            Total = collector.Total,
            Hits = hits,
            Facets = collector.FacetCounts(),
            NextCursor = nextCursor,
        };
    }

    /// <summary>The weights indexed by kind code (1 for kinds not named), or null when the query weights no kind differently.</summary>
    private static double[]? KindWeights(IReadOnlyDictionary<Domain.Listings.ListingKind, double>? weights)
    {
        if (weights is null || weights.Values.All(weight => weight == 1))
        {
            return null;
        }

        var byCode = Enumerable.Repeat(1.0, Domain.Listings.ListingKinds.MaxCode + 1).ToArray();
        foreach (var (kind, weight) in weights)
        {
            byCode[(int)kind] = weight;
        }

        return byCode;
    }

    /// <summary>The page's hit: reads title, freshness and categories for this hit only, so the collector's loop stays lean.</summary>
    private static SearchHit ToHit(IndexSearcher searcher, Candidate candidate, HitHighlighter? highlighter, long scoringNowMs, IReadOnlyList<string> keywordFields)
    {
        var title = HitFields.Title(searcher.IndexReader, candidate.Doc);
        var (updatedAt, ageDays) = HitFields.Freshness(searcher.IndexReader, candidate.Doc, scoringNowMs);
        return new SearchHit
        {
            Kind = (Domain.Listings.ListingKind)candidate.Key.Kind,
            Id = candidate.Key.Id,
            Score = candidate.Score,
            DistanceKm = candidate.DistanceKm,
            Title = title,
            PriceMin = candidate.PriceMin,
            PriceMax = candidate.PriceMax,
            TitleHighlight = highlighter?.Title(title),
            DescriptionHighlight = highlighter?.Description(HitFields.Description(searcher, candidate.Doc)),
            Signals = new RankingSignals
            {
                TextScore = candidate.TextScore,
                DistanceKm = candidate.DistanceKm,
                Location = HitFields.Location(searcher.IndexReader, candidate.Doc),
                UpdatedAt = updatedAt,
                AgeDays = ageDays,
                PriceMin = candidate.PriceMin,
                PriceMax = candidate.PriceMax,
                Popularity = HitFields.Popularity(searcher.IndexReader, candidate.Doc),
                Categories = HitFields.Keywords(searcher.IndexReader, candidate.Doc, keywordFields),
            },
        };
    }
}
