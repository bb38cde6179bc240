namespace DongNai.Search.Elasticsearch.Indexing;

/// <summary>The field names of a listing document (see <see cref="Analysis.IndexDefinition"/> for their mappings).</summary>
internal static class DocumentFields
{
    public const string Kind = "kind";
    public const string KindCode = "kind_code";
    public const string Id = "id";

    /// <summary>True on listings, false on deletion tombstones (which only hold a version).</summary>
    public const string Live = "live";

    /// <summary>The title as written: shown, never analysed.</summary>
    public const string Title = "title";

    /// <summary>The title in NFC, folded analysis: matching bonus, highlighting, related items.</summary>
    public const string TitleText = "title_text";

    /// <summary>The title lower case with canonical tone placement, accent-keeping analysis: the bonus for words typed with accents.</summary>
    public const string TitleAccented = "title_accented";

    public const string Description = "description";
    public const string Extra = "extra";

    /// <summary>All searchable text, folded (copy_to of title, extra text and description): what a word must match.</summary>
    public const string TextFolded = "text_f";

    /// <summary>Terms "{folded word}\u001f{accented word}" of the title's words: the accents "did you mean" gives a corrected word.</summary>
    public const string TitleWords = "title_words";

    /// <summary>search_as_you_type over the title and suggest phrases.</summary>
    public const string Suggest = "suggest";

    /// <summary>Terms "{folded phrase}\u001f{phrase as written}", as the embedded engine's suggest terms, counted per prefix.</summary>
    public const string SuggestKeys = "suggest_keys";

    public const string Location = "location";
    public const string PriceMin = "price_min";
    public const string PriceMax = "price_max";
    public const string Area = "area";
    public const string UpdatedAt = "updated_at";
    public const string ExpiresAt = "expires_at";
    public const string SoldOut = "sold_out";
    public const string Departures = "departures";
    public const string Popularity = "popularity";

    /// <summary>The object of keyword (filter and facet) fields.</summary>
    public const string Keywords = "k";

    public const char Separator = '\u001f';

    public static string Keyword(string field) => Keywords + "." + field;

    /// <summary>Keyword field names are letters and digits (as in the embedded engine), so they cannot escape the <c>k</c> object.</summary>
    public static bool IsValidKeywordField(string field) => SearchQueryValidation.IsValidKeywordField(field);
}
