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

    /// <summary>Doc value 1 on tombstones, 0 on listings.</summary>
    public const string TombstoneValue = "tomb_dv";

    /// <summary>Accented text fields (stored for display and highlighting where noted) and their folded twins.</summary>
    public const string Title = "title";
    public const string TitleFolded = "title_f";
    public const string Body = "body";
    public const string BodyFolded = "body_f";
    public const string Extra = "extra";
    public const string ExtraFolded = "extra_f";

    /// <summary>Stored only: the title as written (NFC) and the description as written.</summary>
    public const string TitleStored = "title_s";
    public const string BodyStored = "body_s";

    /// <summary>Indexed numbers for range prefilters, and the same values as doc values (NaN / long.MinValue when missing).</summary>
    public const string Latitude = "lat";
    public const string Longitude = "lon";
    public const string LatitudeValue = "lat_dv";
    public const string LongitudeValue = "lon_dv";
    public const string PriceMin = "price_min";
    public const string PriceMax = "price_max";
    public const string PriceMinValue = "price_min_dv";
    public const string PriceMaxValue = "price_max_dv";
    public const string Area = "area";

    /// <summary>Expiry as Unix milliseconds; <see cref="long.MaxValue"/> for listings that never expire.</summary>
    public const string Expires = "expires";

    /// <summary>Term "1" on listings with no quantity left.</summary>
    public const string SoldOut = "sold_out";

    /// <summary>Departure minutes of day, multi-valued.</summary>
    public const string Departure = "departure";

    /// <summary>Last update as Unix milliseconds.</summary>
    public const string UpdatedValue = "updated_dv";

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
    public static bool IsValidKeywordField(string field) =>
        field.Length is > 0 and <= 64 && field.All(char.IsAsciiLetterOrDigit);
}
