using DongNai.Domain.Listings;

namespace DongNai.Search;

/// <summary>The orders a result list can come in. Ties always break by kind, then id, so paging is stable.</summary>
public enum SearchSort
{
    /// <summary>
    /// Text score blended with distance decay (when there is a reference point) and freshness.
    /// Freshness is judged against the first page's <see cref="SearchQuery.ScoringNow"/> (by default its
    /// <see cref="SearchQuery.Now"/>) on every page;
    /// text scores depend on index-wide word statistics, so a listing written between pages can
    /// move others across a page boundary (as with any search-after over relevance). The other
    /// sorts page exactly.
    /// </summary>
    Relevance,

    /// <summary>Nearest first; needs a reference point; listings without a location come last.</summary>
    Distance,

    /// <summary>Cheapest first by the low end of the price range; listings without a price come last.</summary>
    PriceAscending,

    /// <summary>Dearest first by the high end of the price range; listings without a price come last.</summary>
    PriceDescending,

    /// <summary>Most recently updated first.</summary>
    Newest,
}

/// <summary>
/// One search request in engine terms. All filters combine with AND; values inside one keyword
/// filter combine with OR. Immutable; the engine validates it and throws
/// <see cref="ArgumentException"/> for out-of-range values and <see cref="InvalidCursorException"/>
/// for a cursor it did not issue for this kind (or all kinds) and sort.
/// </summary>
public sealed record SearchQuery
{
    public const int MaxSize = 100;

    /// <summary>
    /// The largest page without highlights (<see cref="Highlight"/> off): a re-ranking window is
    /// fetched in one engine call rather than in pages of <see cref="MaxSize"/>. The public page size
    /// stays at most <see cref="MaxSize"/>.
    /// </summary>
    public const int MaxUnhighlightedSize = 500;

    /// <summary>The name under which <see cref="SearchResult.Facets"/> reports the price bands.</summary>
    public const string PriceFacet = "price";

    /// <summary>Null searches every kind.</summary>
    public ListingKind? Kind { get; init; }

    /// <summary>Free text, any case, with or without accents; null or blank matches everything.</summary>
    public string? Text { get; init; }

    public GeoFilter? Geo { get; init; }

    /// <summary>Where distances are measured from; defaults to the centre of a <see cref="GeoRadius"/>.</summary>
    public GeoPoint? ReferencePoint { get; init; }

    /// <summary>Price range in VND, inclusive; a listing matches when its [PriceMin, PriceMax] overlaps it.</summary>
    public long? MinPrice { get; init; }

    public long? MaxPrice { get; init; }

    /// <summary>Area range in square metres, inclusive.</summary>
    public double? MinArea { get; init; }

    public double? MaxArea { get; init; }

    /// <summary>Keyword field → accepted values. A listing matches a field when it has any of the values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// Departure window for bus routes (inclusive, minute precision): a route matches when at least
    /// one departure falls inside it. A window whose start is after its end wraps past midnight.
    /// </summary>
    public TimeOnly? DepartureFrom { get; init; }

    public TimeOnly? DepartureTo { get; init; }

    public SearchSort Sort { get; init; } = SearchSort.Relevance;

    /// <summary>Hits per page, 1–<see cref="SizeLimit"/>.</summary>
    public int Size { get; init; } = 20;

    /// <summary>The largest <see cref="Size"/>: <see cref="MaxSize"/>, or <see cref="MaxUnhighlightedSize"/> with <see cref="Highlight"/> off.</summary>
    public int SizeLimit => Highlight ? MaxSize : MaxUnhighlightedSize;

    /// <summary>The <see cref="SearchResult.NextCursor"/> of the previous page, or null for the first page.</summary>
    public string? Cursor { get; init; }

    /// <summary>Keyword fields to count values of, over the filtered result set.</summary>
    public IReadOnlyList<string> Facets { get; init; } = [];

    /// <summary>
    /// Keyword fields whose values each hit carries in <see cref="RankingSignals.Categories"/>, beside
    /// the <see cref="Facets"/> fields (which hits always carry), without counting them: for a
    /// ranker that reads a listing's category where the page shows no facets (the home feed).
    /// </summary>
    public IReadOnlyList<string> HitKeywords { get; init; } = [];

    /// <summary>
    /// Ascending band edges in VND for the <see cref="PriceFacet"/> facet, or null for none.
    /// Edges b1 &lt; … &lt; bn give bands [*, b1), [b1, b2), …, [bn, *) labelled <c>*-b1</c>,
    /// <c>b1-b2</c>, <c>bn-*</c>; a listing counts in every band its price range overlaps, so a
    /// band's count equals the total for <c>MinPrice = from, MaxPrice = to - 1</c>.
    /// </summary>
    public IReadOnlyList<long>? PriceBands { get; init; }

    /// <summary>The instant against which expiry is judged (UTC). Injected by the caller; the engine never reads the clock.</summary>
    public required DateTime Now { get; init; }

    /// <summary>
    /// The instant freshness is scored against (UTC, millisecond precision), or null for
    /// <see cref="Now"/>. A <see cref="Cursor"/> carries its first page's instant, which wins. Lets a
    /// caller that fetches the same first page again (a re-ranking window) score it exactly as before.
    /// </summary>
    public DateTime? ScoringNow { get; init; }

    /// <summary>
    /// Whether hits carry <see cref="SearchHit.TitleHighlight"/> and <see cref="SearchHit.DescriptionHighlight"/>.
    /// Off for a window of candidates that will be re-ordered before the page is shown.
    /// </summary>
    public bool Highlight { get; init; } = true;

    /// <summary>
    /// Restricts results to these listings (at most <see cref="MaxSize"/>), or null for no restriction;
    /// every other filter still applies. Fetches the shown part of a re-ranked window again, with highlights.
    /// </summary>
    public IReadOnlyCollection<ListingKey>? Listings { get; init; }

    /// <summary>
    /// Multiplies the relevance score of each kind's hits by its weight (a kind not named keeps 1),
    /// so an intent read from the words ("phòng trọ") puts that kind first in a cross-kind search;
    /// null for none. Weights are finite and positive, and they never filter: a kind with a small
    /// weight still returns its matches, and one that matches the words much better than the
    /// favoured kind's listings still ranks above them. Only <see cref="SearchSort.Relevance"/>
    /// orders by it. <see cref="RankingSignals.TextScore"/> stays unweighted.
    /// </summary>
    /// <remarks>
    /// In Elasticsearch: a <c>function_score</c> around the query with one function per weighted
    /// kind, <c>{ "filter": { "term": { "kind": slug } }, "weight": w }</c>,
    /// <c>score_mode: multiply</c>, <c>boost_mode: multiply</c> (a document no filter matches
    /// keeps its score).
    /// </remarks>
    public IReadOnlyDictionary<ListingKind, double>? KindWeights { get; init; }

    /// <summary>
    /// For <see cref="SearchSort.Relevance"/>, multiplies each hit's score by a mild preference for
    /// cheaper listings (<see cref="Scoring.LowPricePreference"/>: between 0.6 and 1, lower for dearer
    /// listings relative to the kind's typical price), so among similar matches the cheaper come
    /// first, while a much better match still wins. Listings without a price, and kinds whose money
    /// is a salary, get the neutral factor of a listing at the typical price: they neither win nor lose.
    /// Never filters.
    /// </summary>
    /// <remarks>
    /// In Elasticsearch: a <c>function_score</c> function per priced kind,
    /// <c>{ "filter": { "bool": { "filter": [ { "term": { "kind": slug } }, { "exists": { "field": "price_min" } } ] } },
    /// "script_score": { "script": "0.6 + 0.4 / (1 + (double) Math.max(0, doc['price_min'].value) / params.reference)" } }</c>
    /// with the kind's <see cref="Scoring.LowPricePreference.ReferencePrice"/>, and one
    /// <c>{ "filter": { "bool": { "must_not": … the above … } }, "weight": 0.8 }</c> for the rest;
    /// <c>score_mode: multiply</c>, <c>boost_mode: multiply</c>.
    /// </remarks>
    public bool FavourLowPrices { get; init; }

    /// <summary>
    /// How many of the text's words a listing may lack and still match, or null for the engine's
    /// default: every word of a text of up to three words, all but a quarter (rounded down) of a
    /// longer one. A synonym phrase ("khu công nghiệp", "nhà trọ") counts as one word; at least one
    /// word must always match, whatever the value. Listings that match more words score higher, and
    /// a rare word counts more than a common one (BM25), so relaxing keeps the best matches first.
    /// The relaxation step "drop a word" of a search that found nothing; 0 requires every word.
    /// </summary>
    /// <remarks>
    /// In Elasticsearch: one <c>should</c> clause per word (or synonym phrase) of a <c>bool</c>
    /// query with <c>minimum_should_match: "-n"</c> (and "1" when n reaches the number of words).
    /// </remarks>
    public int? MaxMissingWords { get; init; }

    /// <summary>The point distances are measured from: <see cref="ReferencePoint"/>, else the radius centre.</summary>
    public GeoPoint? EffectiveReferencePoint => ReferencePoint ?? (Geo as GeoRadius)?.Centre;
}
