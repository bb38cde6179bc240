namespace DongNai.Search.Lucene.Indexing;

/// <summary>
/// The index schema. Postings (terms) serve matching and filters; doc values serve sorting,
/// distance, scoring and facets, so a search never loads stored fields except for its page of hits.
/// </summary>
internal static class FieldNames
{
    /// <summary>Term "kind:id", unique per listing: the handle for updates, deletes and version lookups.</summary>
    public const string Key = "key";

    /// <summary>Term "1" on listings, absent on deletion tombstones.</summary>
    public const string Live = "live";

    /// <summary>Term: the kind's slug (listings only).</summary>
    public const string Kind = "kind";

    public const string KindValue = "kind_dv";
    public const string IdValue = "id_dv";
    public const string VersionValue = "version_dv";

    /// <summary>Term "1" on deletion tombstones, so a rebuild can carry them over.</summary>
    public const string Tombstone = "tomb";

    /// <summary>Doc value 1 on tombstones, 0 on listings.</summary>
    public const string TombstoneValue = "tomb_dv";

    /// <summary>
    /// The title, accented and folded: matches here earn a bonus on top of <see cref="TextFolded"/>,
    /// and words typed with accents an extra one when the title has them as typed.
    /// </summary>
    public const string Title = "title";
    public const string TitleFolded = "title_f";

    /// <summary>
    /// All searchable text (title, extra text, description) in one folded field, so each query
    /// word costs one posting list instead of one per source field. Text fields keep no positions.
    /// </summary>
    public const string TextFolded = "text_f";

    /// <summary>
    /// Folded pairs of adjacent words of <see cref="TextFolded"/> ("phong tro"), without
    /// positions: a two-word phrase is one term, and a longer one all its overlapping pairs, instead
    /// of a positional check of common words in every candidate.
    /// </summary>
    public const string TextPhrases = "text_p";

    /// <summary>The title as written (NFC), in binary doc values: a page of hits reads it without touching stored fields.</summary>
    public const string TitleValue = "title_dv";

    /// <summary>Stored only: the description as written, for highlighting and related items.</summary>
    public const string DescriptionStored = "body_s";

    /// <summary>Terms of the <see cref="GeoCells"/> that hold the listing, per cell size, for any kind and for its kind.</summary>
    public const string GeoCell = "geo";

    /// <summary>
    /// Numbers live in doc values only: ranges on them are checked per matching listing by the
    /// collector, which is cheaper than a numeric range query that reads every listing in range.
    /// Missing values are NaN for doubles and <see cref="MissingLong"/> for longs.
    /// </summary>
    public const string LatitudeValue = "lat_dv";
    public const string LongitudeValue = "lon_dv";
    public const string PriceMinValue = "price_min_dv";
    public const string PriceMaxValue = "price_max_dv";
    public const string AreaValue = "area_dv";

    /// <summary>Expiry as Unix milliseconds; <see cref="long.MaxValue"/> for listings that never expire.</summary>
    public const string ExpiresValue = "expires_dv";

    /// <summary>Term "1" on listings with no quantity left.</summary>
    public const string SoldOut = "sold_out";

    /// <summary>Departure minutes of day, multi-valued, indexed for numeric ranges (bus routes only, so ranges stay small).</summary>
    public const string Departure = "departure";

    /// <summary>Last update as Unix milliseconds.</summary>
    public const string UpdatedValue = "updated_dv";

    /// <summary>
    /// Interaction counts (<see cref="Domain.Listings.ListingPopularity"/>), one numeric doc value
    /// per counter, written only when non-zero (a missing value reads as 0), read for a page's
    /// hits only and never by matching, filtering or scoring.
    /// </summary>
    public const string ImpressionsValue = "pop_impressions_dv";
    public const string ViewsValue = "pop_views_dv";
    public const string ClicksValue = "pop_clicks_dv";
    public const string SavesValue = "pop_saves_dv";
    public const string AppliesValue = "pop_applies_dv";
    public const string ClaimsValue = "pop_claims_dv";
    public const string ContactsValue = "pop_contacts_dv";

    /// <summary>Terms "{folded phrase}\u001f{phrase as written}" for autocomplete.</summary>
    public const string Suggest = "suggest";

    public const char SuggestSeparator = '\u001f';

    /// <summary>Stand-in for a missing long doc value.</summary>
    public const long MissingLong = long.MinValue;

    /// <summary>Term field of a keyword filter.</summary>
    public static string Keyword(string field) => "k." + field;

    /// <summary>Sorted-set doc values of a keyword field, for facets.</summary>
    public static string KeywordValues(string field) => "f." + field;

    public static string KeyOf(int kind, long id) => $"{kind}:{id}";

    /// <summary>Keyword field names are letters and digits, so they cannot collide with the schema.</summary>
    public static bool IsValidKeywordField(string field) => SearchQueryValidation.IsValidKeywordField(field);
}
