using DongNai.Domain.Listings;

namespace DongNai.Search;

/// <summary>One page of results.</summary>
public sealed record SearchResult
{
    /// <summary>How many listings match the query and its filters (all pages).</summary>
    public required int Total { get; init; }

    public required IReadOnlyList<SearchHit> Hits { get; init; }

    /// <summary>Requested facet → values with counts over the filtered set (all pages), most frequent first.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets { get; init; } =
        new Dictionary<string, IReadOnlyList<FacetValue>>();

    /// <summary>Pass as <see cref="SearchQuery.Cursor"/> for the next page; null on the last page.</summary>
    public string? NextCursor { get; init; }
}

/// <summary>One listing in a result page.</summary>
public sealed record SearchHit
{
    public required ListingKind Kind { get; init; }

    public required long Id { get; init; }

    /// <summary>
    /// The engine's relevance score (text blended with distance and freshness, times the query's
    /// <see cref="SearchQuery.KindWeights"/> and <see cref="SearchQuery.FavourLowPrices"/> factors); higher is better.
    /// </summary>
    public required double Score { get; init; }

    /// <summary>Great-circle distance from the reference point, when the query has one and the listing has a location.</summary>
    public double? DistanceKm { get; init; }

    public required string Title { get; init; }

    public long? PriceMin { get; init; }

    public long? PriceMax { get; init; }

    /// <summary>The title, HTML-encoded, with matched words wrapped in <c>&lt;em&gt;…&lt;/em&gt;</c>; null when no word matched.</summary>
    public string? TitleHighlight { get; init; }

    /// <summary>The best fragment of the description, HTML-encoded, matched words in <c>&lt;em&gt;</c>; null when no word matched.</summary>
    public string? DescriptionHighlight { get; init; }

    /// <summary>The raw values <see cref="Score"/> was blended from and the hit's categories, for a ranker to learn from.</summary>
    public required RankingSignals Signals { get; init; }
}

/// <summary>
/// What an engine knows about a hit besides its blended <see cref="SearchHit.Score"/>: the raw
/// signals a re-ranker scores with (and that are logged with impressions, so it can learn).
/// Immutable.
/// </summary>
/// <remarks>
/// Every engine fills these from the same definitions, though its text scores are its own
/// (BM25 over its own statistics): compare text scores within one result, not across engines.
/// </remarks>
public sealed record RankingSignals
{
    /// <summary>
    /// The text match score before distance and freshness are blended in, higher for a better
    /// match; 1 when the query has no text. For related items, the similarity score.
    /// </summary>
    public required double TextScore { get; init; }

    /// <summary>Great-circle distance from the query's reference point; null without one or when the listing has no location.</summary>
    public double? DistanceKm { get; init; }

    /// <summary>
    /// Where the listing is, when it has a point; null otherwise. Lets a ranker measure distances
    /// from places of its own (the user's work park and home), not only from the query's reference point.
    /// </summary>
    public GeoPoint? Location { get; init; }

    /// <summary>The listing's last change (UTC).</summary>
    public required DateTime UpdatedAt { get; init; }

    /// <summary>
    /// Days from <see cref="UpdatedAt"/> to the instant the query scored freshness against
    /// (<see cref="SearchQuery.ScoringNow"/>, else the first page's <see cref="SearchQuery.Now"/>); may be
    /// negative for a listing updated after that instant.
    /// </summary>
    public required double AgeDays { get; init; }

    /// <summary>Low end of the kind's money field in VND.</summary>
    public long? PriceMin { get; init; }

    /// <summary>High end of the kind's money field in VND.</summary>
    public long? PriceMax { get; init; }

    /// <summary>
    /// The listing's interaction counts as of its last indexing (the indexers refresh them every
    /// few minutes, so they lag the events a little); <see cref="ListingPopularity.None"/> when none
    /// were indexed. Never part of <see cref="SearchHit.Score"/>.
    /// </summary>
    public ListingPopularity Popularity { get; init; } = ListingPopularity.None;

    /// <summary>
    /// The hit's keyword values for each field named in <see cref="SearchQuery.Facets"/> or
    /// <see cref="SearchQuery.HitKeywords"/> (the kind's category codes); a field the listing has no
    /// value for maps to an empty list. Empty for related items.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Categories { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();
}

/// <summary>A facet value and how many listings in the filtered set have it.</summary>
public readonly record struct FacetValue(string Value, int Count);
