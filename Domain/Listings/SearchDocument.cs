namespace DongNai.Domain.Listings;

/// <summary>
/// What an indexer hands a search engine for one listing: the searchable text, the filterable
/// values and the version that orders writes. Identity is <see cref="Kind"/> + <see cref="Id"/>;
/// a document with a lower <see cref="Version"/> than the one already indexed is ignored.
/// Immutable once built; safe to share between threads. Never carries personal data.
/// </summary>
public sealed record SearchDocument
{
    public required ListingKind Kind { get; init; }

    public required long Id { get; init; }

    /// <summary>Monotonic per listing (the row version); orders upserts and deletes.</summary>
    public required int Version { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    /// <summary>Other searchable text: employer name, requirements, brand, stop names.</summary>
    public string? ExtraText { get; init; }

    /// <summary>Latitude in degrees; a listing without both coordinates never passes a geo filter.</summary>
    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    /// <summary>Low end of the kind's money field in VND (salary, rent, price); equals <see cref="PriceMax"/> for single-priced kinds.</summary>
    public long? PriceMin { get; init; }

    /// <summary>High end of the kind's money field in VND.</summary>
    public long? PriceMax { get; init; }

    /// <summary>A single price: sets <see cref="PriceMin"/> and <see cref="PriceMax"/> to the same value; reads the low end.</summary>
    public long? Price
    {
        get => PriceMin;
        init
        {
            PriceMin = value;
            PriceMax = value;
        }
    }

    public double? AreaM2 { get; init; }

    /// <summary>
    /// Exact-filter and facet fields, e.g. <c>rentalType → [room]</c>, <c>benefits → [meals, dorm]</c>.
    /// Field names are letters and digits; values are stable lower-case codes.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Keywords { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Last change, UTC: drives freshness and the newest-first sort.</summary>
    public required DateTime UpdatedAt { get; init; }

    /// <summary>When the listing stops being shown (UTC); excluded from results from this instant on.</summary>
    public DateTime? ExpiresAt { get; init; }

    /// <summary>Units left (vouchers, goods); 0 means sold out and excluded from results; null means not counted.</summary>
    public int? QuantityRemaining { get; init; }

    /// <summary>Bus departures as minutes after midnight (0–1439), for time-of-day filters.</summary>
    public IReadOnlyList<int>? DeparturesMinuteOfDay { get; init; }

    /// <summary>
    /// How often people interacted with the listing: returned with its hits as a ranking signal,
    /// never used by the engine to match, filter or score. Filled by the indexers, not by the kind
    /// descriptors; <see cref="ListingPopularity.None"/> by default.
    /// </summary>
    public ListingPopularity Popularity { get; init; } = ListingPopularity.None;

    /// <summary>Extra phrases offered by autocomplete besides the title: employer name, place names, parks.</summary>
    public IReadOnlyList<string> SuggestTerms { get; init; } = [];
}
