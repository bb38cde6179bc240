using DongNai.Search.Lucene.Analysis;
using DongNai.Search.Lucene.Indexing;
using Lucene.Net.Search;

namespace DongNai.Search.Lucene.Querying;

/// <summary>
/// Runs one <see cref="SearchQuery"/> against one searcher: builds the query, collects in a single
/// pass, then reads titles (doc values) and, for text queries, descriptions and highlights for the
/// page only. Thread-safe (holds only analyzers).
/// </summary>
internal sealed class ListingSearch(VietnameseAnalyzer accented, VietnameseAnalyzer folded)
{
    private readonly TextQueryBuilder _text = new(accented, folded);

    public static void Validate(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Size, 1, nameof(query.Size));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Size, SearchQuery.MaxSize, nameof(query.Size));
        if (query.Sort == SearchSort.Distance && query.EffectiveReferencePoint is null)
        {
            throw new ArgumentException("Sorting by distance needs a reference point or a radius.", nameof(query));
        }

        switch (query.Geo)
        {
            case GeoRadius radius when !(radius.Km > 0) || !IsValid(radius.Centre):
                throw new ArgumentException("A radius needs a valid centre and a positive distance.", nameof(query));
            case GeoBoundingBox box when !IsValid(new GeoPoint(box.MinLatitude, box.MinLongitude))
                || !IsValid(new GeoPoint(box.MaxLatitude, box.MaxLongitude))
                || box.MinLatitude > box.MaxLatitude || box.MinLongitude > box.MaxLongitude:
                throw new ArgumentException("A bounding box needs valid corners, minimum before maximum.", nameof(query));
        }

        if (query.ReferencePoint is { } reference && !IsValid(reference))
        {
            throw new ArgumentException("The reference point is not a valid location.", nameof(query));
        }

        if (query.MinPrice > query.MaxPrice || query.MinArea > query.MaxArea)
        {
            throw new ArgumentException("A range's minimum is above its maximum.", nameof(query));
        }

        var fields = query.Filters.Keys.Concat(query.Facets);
        if (fields.FirstOrDefault(field => !FieldNames.IsValidKeywordField(field)) is { } badField)
        {
            throw new ArgumentException($"'{badField}' is not a keyword field name.", nameof(query));
        }

        if (query.Listings is { } listings && (listings.Count > SearchQuery.MaxSize || listings.Any(listing => !Enum.IsDefined(listing.Kind))))
        {
            throw new ArgumentException($"Restrict to at most {SearchQuery.MaxSize} listings of known kinds.", nameof(query));
        }

        if (query.KindWeights is { } weights && weights.Any(pair => !Enum.IsDefined(pair.Key) || !double.IsFinite(pair.Value) || !(pair.Value > 0)))
        {
            throw new ArgumentException("Kind weights must be finite and positive, for known kinds.", nameof(query));
        }

        if (query.MaxMissingWords is < 0)
        {
            throw new ArgumentException("The number of words that may be missing cannot be negative.", nameof(query));
        }

        if (query.PriceBands is { } bands && (bands.Count == 0 || bands.Zip(bands.Skip(1)).Any(pair => pair.First >= pair.Second)))
        {
            throw new ArgumentException("Price bands must be a non-empty ascending list of edges.", nameof(query));
        }
    }

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
        var hits = candidates.Select(candidate => ToHit(searcher, candidate, highlighter, scoringNowMs, facets)).ToList();
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

    private static bool IsValid(GeoPoint point) =>
        point.Latitude is >= -90 and <= 90 && point.Longitude is >= -180 and <= 180;

    /// <summary>The page's hit: reads title, freshness and categories for this hit only, so the collector's loop stays lean.</summary>
    private static SearchHit ToHit(IndexSearcher searcher, Candidate candidate, HitHighlighter? highlighter, long scoringNowMs, IReadOnlyList<string> facets)
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
                Categories = HitFields.Keywords(searcher.IndexReader, candidate.Doc, facets),
            },
        };
    }
}
