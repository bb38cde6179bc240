using System.Text.Json.Nodes;
using DongNai.Domain.Listings;
using DongNai.Search.Elasticsearch.Indexing;

namespace DongNai.Search.Elasticsearch.Querying;

/// <summary>
/// Related items through <c>more_like_this</c>: the listing's title and description are the "like"
/// text, its most telling folded words (by tf-idf over titles, words at least two titles share, at
/// most twelve) find visible listings of the same kind by title, never the listing itself. The same
/// settings as the embedded engine's MoreLikeThis. Pure; thread-safe.
/// </summary>
internal static class RelatedRequest
{
    public const int MaxTerms = 12;

    public static void Validate(RelatedQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Size, 1, nameof(query.Size));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Size, RelatedQuery.MaxSize, nameof(query.Size));
    }

    /// <summary>The "like" text of a listing document fetched by id, or null when it is unknown or deleted.</summary>
    public static string? LikeText(JsonNode? document)
    {
        var source = document?["_source"];
        if (document?["found"]?.GetValue<bool>() != true || source?[DocumentFields.Live]?.GetValue<bool>() != true)
        {
            return null;
        }

        return (string?)source[DocumentFields.TitleText] + "\n" + (string?)source[DocumentFields.Description];
    }

    public static JsonObject Build(RelatedQuery query, string likeText) => new()
    {
        ["size"] = query.Size,
        ["_source"] = new JsonArray(SearchRequestBuilder.HitSource.Select(field => (JsonNode?)field).ToArray()),
        ["query"] = new JsonObject
        {
            ["bool"] = new JsonObject
            {
                ["must"] = new JsonArray(new JsonObject
                {
                    ["more_like_this"] = new JsonObject
                    {
                        ["fields"] = new JsonArray(DocumentFields.TitleText),
                        ["like"] = likeText,
                        ["min_term_freq"] = 1,
                        ["min_doc_freq"] = 2,
                        ["min_word_length"] = 2,
                        ["max_query_terms"] = MaxTerms,
                    },
                }),
                ["filter"] = new JsonArray(
                    new JsonObject { ["term"] = new JsonObject { [DocumentFields.Live] = true } },
                    SearchRequestBuilder.NotExpired(DocumentSource.UnixMilliseconds(query.Now))),
                ["must_not"] = new JsonArray(
                    new JsonObject { ["term"] = new JsonObject { [DocumentFields.SoldOut] = true } },
                    new JsonObject { ["ids"] = new JsonObject { ["values"] = new JsonArray(DocumentSource.IdOf(query.Id)) } }),
            },
        },
        ["sort"] = new JsonArray(
            new JsonObject { ["_score"] = new JsonObject { ["order"] = "desc" } },
            new JsonObject { [DocumentFields.Id] = new JsonObject { ["order"] = "asc" } }),
    };

    public static IReadOnlyList<SearchHit> Read(JsonNode body, RelatedQuery query)
    {
        var nowMs = DocumentSource.UnixMilliseconds(query.Now);
        var hits = new List<SearchHit>();
        foreach (var node in body["hits"]?["hits"]?.AsArray() ?? [])
        {
            var source = node?["_source"];
            if (source is null)
            {
                continue;
            }

            var score = node!["_score"]?.GetValue<double>() ?? 0;
            var updatedMs = source[DocumentFields.UpdatedAt]?.GetValue<long>() ?? 0;
            var priceMin = source[DocumentFields.PriceMin]?.GetValue<long>();
            var priceMax = source[DocumentFields.PriceMax]?.GetValue<long>();
            hits.Add(new SearchHit
            {
                Kind = query.Kind,
                Id = source[DocumentFields.Id]?.GetValue<long>() ?? 0,
                Score = score,
                Title = (string?)source[DocumentFields.Title] ?? "",
                PriceMin = priceMin,
                PriceMax = priceMax,
                Signals = new RankingSignals
                {
                    TextScore = score,
                    Location = source[DocumentFields.Location] is JsonObject location
                        ? new GeoPoint(location["lat"]!.GetValue<double>(), location["lon"]!.GetValue<double>())
                        : null,
                    UpdatedAt = DateTime.UnixEpoch.AddMilliseconds(updatedMs),
                    AgeDays = Scoring.RelevanceFactors.AgeDays(nowMs, updatedMs),
                    PriceMin = priceMin,
                    PriceMax = priceMax,
                    Popularity = SearchResponseReader.Popularity(source[DocumentFields.Popularity]),
                },
            });
        }

        return hits;
    }

    /// <summary>Kinds of a related search: always the listing's own.</summary>
    public static ListingKind KindOf(RelatedQuery query) => query.Kind;
}
