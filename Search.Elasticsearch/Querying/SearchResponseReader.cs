using System.Text.Json.Nodes;
using DongNai.Domain.Listings;
using DongNai.Domain.Places;
using DongNai.Search.Elasticsearch.Indexing;
using DongNai.Search.Elasticsearch.Scoring;

namespace DongNai.Search.Elasticsearch.Querying;

/// <summary>One hit as read from a response, with the sort values that continue after it.</summary>
internal sealed record ReadHit(SearchHit Hit, JsonArray SortValues);

/// <summary>
/// Reads <c>_search</c> answers into the port's result types: hits (with distance measured from the
/// reference point exactly as the embedded engine measures it, and the text score recovered from the
/// blended one), totals, facet buckets and price bands. Pure; thread-safe.
/// </summary>
internal static class SearchResponseReader
{
    public static int Total(JsonNode body) => (int)Math.Min(int.MaxValue, body["hits"]?["total"]?["value"]?.GetValue<long>() ?? 0);

    public static IReadOnlyList<ReadHit> Hits(JsonNode body, SearchQuery query, long scoringNowMs)
    {
        var carried = query.Facets.Union(query.HitKeywords, StringComparer.Ordinal).ToList();
        var hasText = TextQueryBuilder.Build(query.Text, query.MaxMissingWords) is not null;
        var hits = new List<ReadHit>();
        foreach (var node in body["hits"]?["hits"]?.AsArray() ?? [])
        {
            if (node is null)
            {
                continue;
            }

            var source = node["_source"] ?? new JsonObject();
            var kind = (ListingKind)(source[DocumentFields.KindCode]?.GetValue<int>() ?? 0);
            var priceMin = source[DocumentFields.PriceMin]?.GetValue<long>();
            var priceMax = source[DocumentFields.PriceMax]?.GetValue<long>();
            var updatedMs = source[DocumentFields.UpdatedAt]?.GetValue<long>() ?? 0;
            var ageDays = RelevanceFactors.AgeDays(scoringNowMs, updatedMs);
            GeoPoint? point = source[DocumentFields.Location] is JsonObject location
                ? new GeoPoint(location["lat"]!.GetValue<double>(), location["lon"]!.GetValue<double>())
                : null;
            double? distance = query.EffectiveReferencePoint is { } reference && point is { } at
                ? GeoMath.HaversineKm(reference.Latitude, reference.Longitude, at.Latitude, at.Longitude)
                : null;
            var score = node["_score"]?.GetValue<double>() ?? 0;
            var product = RelevanceFactors.Product(query, kind, distance, ageDays, priceMin);
            var highlight = node["highlight"];
            var hit = new SearchHit
            {
                Kind = kind,
                Id = source[DocumentFields.Id]?.GetValue<long>() ?? 0,
                Score = score,
                DistanceKm = distance,
                Title = (string?)source[DocumentFields.Title] ?? "",
                PriceMin = priceMin,
                PriceMax = priceMax,
                TitleHighlight = (string?)highlight?[DocumentFields.TitleText]?[0],
                DescriptionHighlight = (string?)highlight?[DocumentFields.Description]?[0],
                Signals = new RankingSignals
                {
                    TextScore = hasText && product > 0 ? score / product : 1,
                    DistanceKm = distance,
                    Location = point,
                    UpdatedAt = DateTime.UnixEpoch.AddMilliseconds(updatedMs),
                    AgeDays = ageDays,
                    PriceMin = priceMin,
                    PriceMax = priceMax,
                    Popularity = Popularity(source[DocumentFields.Popularity]),
                    Categories = Categories(source[DocumentFields.Keywords], carried),
                },
            };
            hits.Add(new ReadHit(hit, node["sort"]?.DeepClone() as JsonArray ?? []));
        }

        return hits;
    }

    /// <summary>Facet values by count (then value), and the price bands in band order.</summary>
    public static Dictionary<string, IReadOnlyList<FacetValue>> Facets(JsonNode body, SearchQuery query)
    {
        var result = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        var aggregations = body["aggregations"];
        foreach (var facet in query.Facets.Distinct(StringComparer.Ordinal))
        {
            result[facet] = (aggregations?[SearchRequestBuilder.FacetPrefix + facet]?["buckets"]?.AsArray() ?? [])
                .Select(bucket => new FacetValue((string?)bucket!["key"] ?? "", (int)(bucket["doc_count"]?.GetValue<long>() ?? 0)))
                .OrderByDescending(value => value.Count)
                .ThenBy(value => value.Value, StringComparer.Ordinal)
                .ToList();
        }

        if (query.PriceBands is { } bands)
        {
            var buckets = aggregations?[SearchRequestBuilder.PriceBandsAggregation]?["buckets"];
            result[SearchQuery.PriceFacet] = Enumerable.Range(0, bands.Count + 1)
                .Select(i => SearchRequestBuilder.BandLabel(bands, i))
                .Select(label => new FacetValue(label, (int)(buckets?[label]?["doc_count"]?.GetValue<long>() ?? 0)))
                .ToList();
        }

        return result;
    }

    public static ListingPopularity Popularity(JsonNode? node) => node is not JsonObject counts
        ? ListingPopularity.None
        : new ListingPopularity
        {
            Impressions = Count(counts, "impressions"),
            Views = Count(counts, "views"),
            Clicks = Count(counts, "clicks"),
            Saves = Count(counts, "saves"),
            Applies = Count(counts, "applies"),
            Claims = Count(counts, "claims"),
            Contacts = Count(counts, "contacts"),
        };

    private static int Count(JsonObject counts, string name) => counts[name]?.GetValue<int>() ?? 0;

    private static Dictionary<string, IReadOnlyList<string>> Categories(JsonNode? keywords, IReadOnlyList<string> fields)
    {
        var categories = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            categories[field] = keywords?[field] switch
            {
                JsonArray values => values.Select(value => (string?)value).OfType<string>().Order(StringComparer.Ordinal).ToList(),
                JsonValue value => [(string)value!],
                _ => [],
            };
        }

        return categories;
    }
}
