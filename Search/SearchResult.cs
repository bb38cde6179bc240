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

    /// <summary>The engine's relevance score (text blended with distance and freshness); higher is better.</summary>
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
}

/// <summary>A facet value and how many listings in the filtered set have it.</summary>
public readonly record struct FacetValue(string Value, int Count);
