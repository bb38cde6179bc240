using System.Text.Json.Nodes;
using DongNai.Domain.Listings;
using DongNai.Search.Elasticsearch.Indexing;

namespace DongNai.Search.Elasticsearch.Analysis;

/// <summary>
/// The settings and mappings of one kind's index, built from stock Elasticsearch components only
/// (no ICU plugin), so any cluster can host it. Pure; thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// Text is tokenized as the embedded engine's tokenizer does (runs of letters, digits and combining
/// marks), by a <c>pattern</c> tokenizer. NFC and tone-mark placement cannot be done by stock
/// components, so the engine does them before sending (<see cref="DocumentSource"/>): analysed text
/// arrives composed, and the accent-keeping field arrives with canonical tone placement.
/// </para>
/// <para>
/// <c>vi_folded</c>: a mapping char filter (đ → d, Đ → D, as the issue asks, although
/// <c>asciifolding</c> also folds them), the tokenizer, <c>lowercase</c>, <c>asciifolding</c>:
/// "Nhà trọ Biên Hòa" → nha, tro, bien, hoa. <c>vi_accented</c>: the tokenizer and
/// <c>lowercase</c> only. Synonyms are not in the analysis: they are expanded at query time from the
/// shared table (<see cref="Search.Analysis.SearchSynonyms"/>), as in the embedded engine.
/// </para>
/// </remarks>
internal static class IndexDefinition
{
    public const string FoldedAnalyzer = "vi_folded";
    public const string AccentedAnalyzer = "vi_accented";
    public const string TokenPattern = "[^\\p{L}\\p{Nd}\\p{Mn}\\p{Mc}\\p{Lm}]+";

    /// <summary>The body of <c>PUT /{index}</c> for <paramref name="kind"/>, optionally with the alias added atomically.</summary>
    public static JsonObject CreateBody(ListingKind kind, ElasticsearchOptions options, string? alias)
    {
        var body = new JsonObject
        {
            ["settings"] = Settings(options),
            ["mappings"] = Mappings(kind),
        };
        if (alias is not null)
        {
            body["aliases"] = new JsonObject { [alias] = new JsonObject { ["is_write_index"] = true } };
        }

        return body;
    }

    public static JsonObject Settings(ElasticsearchOptions options) => new()
    {
        ["number_of_shards"] = options.Shards,
        ["number_of_replicas"] = options.Replicas,
        ["analysis"] = new JsonObject
        {
            ["char_filter"] = new JsonObject
            {
                ["vi_d_stroke"] = new JsonObject
                {
                    ["type"] = "mapping",
                    ["mappings"] = new JsonArray("đ => d", "Đ => D"),
                },
            },
            ["tokenizer"] = new JsonObject
            {
                ["vi_words"] = new JsonObject { ["type"] = "pattern", ["pattern"] = TokenPattern },
            },
            ["analyzer"] = new JsonObject
            {
                [FoldedAnalyzer] = new JsonObject
                {
                    ["type"] = "custom",
                    ["char_filter"] = new JsonArray("vi_d_stroke"),
                    ["tokenizer"] = "vi_words",
                    ["filter"] = new JsonArray("lowercase", "asciifolding"),
                },
                [AccentedAnalyzer] = new JsonObject
                {
                    ["type"] = "custom",
                    ["tokenizer"] = "vi_words",
                    ["filter"] = new JsonArray("lowercase"),
                },
            },
        },
    };

    /// <summary>
    /// Explicit fields for everything the engine reads, keyword fields for every filter and facet of
    /// the kind's search profile, and a dynamic template that maps any other keyword a document
    /// brings (under <c>k.</c>) the same way, so a new filter needs no reindex to be stored.
    /// </summary>
    public static JsonObject Mappings(ListingKind kind)
    {
        var keywordFields = new JsonObject();
        var profile = ListingKinds.Get(kind).Search;
        foreach (var name in profile.Filters.Select(f => f.Name).Concat(profile.Facets).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            keywordFields[name] = Keyword();
        }

        return new JsonObject
        {
            ["dynamic"] = "strict",
            ["properties"] = new JsonObject
            {
                [DocumentFields.Kind] = Keyword(),
                [DocumentFields.KindCode] = new JsonObject { ["type"] = "integer" },
                [DocumentFields.Id] = new JsonObject { ["type"] = "long" },
                [DocumentFields.Live] = new JsonObject { ["type"] = "boolean" },
                [DocumentFields.Title] = new JsonObject { ["type"] = "keyword", ["index"] = false, ["doc_values"] = false },
                [DocumentFields.TitleText] = new JsonObject
                {
                    ["type"] = "text",
                    ["analyzer"] = FoldedAnalyzer,
                    ["copy_to"] = DocumentFields.TextFolded,
                },
                [DocumentFields.TitleAccented] = new JsonObject { ["type"] = "text", ["analyzer"] = AccentedAnalyzer },
                [DocumentFields.Description] = new JsonObject { ["type"] = "text", ["analyzer"] = FoldedAnalyzer, ["copy_to"] = DocumentFields.TextFolded },
                [DocumentFields.Extra] = new JsonObject { ["type"] = "text", ["analyzer"] = FoldedAnalyzer, ["copy_to"] = DocumentFields.TextFolded },
                [DocumentFields.TextFolded] = new JsonObject { ["type"] = "text", ["analyzer"] = FoldedAnalyzer },
                [DocumentFields.TitleWords] = Keyword(),
                [DocumentFields.Suggest] = new JsonObject { ["type"] = "search_as_you_type", ["analyzer"] = FoldedAnalyzer, ["max_shingle_size"] = 3 },
                [DocumentFields.SuggestKeys] = Keyword(),
                [DocumentFields.Location] = new JsonObject { ["type"] = "geo_point" },
                [DocumentFields.PriceMin] = new JsonObject { ["type"] = "long" },
                [DocumentFields.PriceMax] = new JsonObject { ["type"] = "long" },
                [DocumentFields.Area] = new JsonObject { ["type"] = "double" },
                [DocumentFields.UpdatedAt] = new JsonObject { ["type"] = "date", ["format"] = "epoch_millis" },
                [DocumentFields.ExpiresAt] = new JsonObject { ["type"] = "date", ["format"] = "epoch_millis" },
                [DocumentFields.SoldOut] = new JsonObject { ["type"] = "boolean" },
                [DocumentFields.Departures] = new JsonObject { ["type"] = "integer" },
                [DocumentFields.Popularity] = new JsonObject { ["type"] = "object", ["enabled"] = false },
                [DocumentFields.Keywords] = new JsonObject
                {
                    ["type"] = "object",
                    ["dynamic"] = true,
                    ["properties"] = keywordFields,
                },
            },
            ["dynamic_templates"] = new JsonArray(new JsonObject
            {
                ["keywords"] = new JsonObject
                {
                    ["path_match"] = DocumentFields.Keywords + ".*",
                    ["mapping"] = Keyword(),
                },
            }),
        };
    }

    private static JsonObject Keyword() => new() { ["type"] = "keyword" };
}
