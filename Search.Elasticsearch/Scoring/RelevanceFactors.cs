using System.Text.Json.Nodes;
using DongNai.Domain.Listings;
using DongNai.Search.Elasticsearch.Indexing;
using DongNai.Search.Scoring;

namespace DongNai.Search.Elasticsearch.Scoring;

/// <summary>
/// How relevance blends the text score with distance and freshness on the cluster: the shared
/// <see cref="RelevanceBlend"/> (constants and factors, the embedded engine's too) written as the
/// Painless scripts of a <c>function_score</c>, with the kind weights and the low-price preference,
/// and the product of those factors in C# (from <see cref="RelevanceBlend"/> and
/// <see cref="LowPricePreference"/>) that recovers a hit's text score from its blended score. The
/// contract suite checks both engines order the same way. Pure; thread-safe.
/// </summary>
internal static class RelevanceFactors
{
    // Painless divides integers as integers, and JSON parameters such as 86400000 or 3000000 arrive
    // as integers: every division below has a double on its left.
    public const string DistanceScript =
        "doc['location'].size() == 0 ? params.floor : params.floor + (1 - params.floor) * Math.pow(2, -(doc['location'].arcDistance(params.lat, params.lon) / 1000.0) / params.half_life_km)";

    public const string FreshnessScript =
        "double age = (double) (params.now - doc['updated_at'].value.toInstant().toEpochMilli()) / params.ms_per_day; return params.floor + (1 - params.floor) * Math.pow(2, -Math.max(0, age) / params.half_life_days);";

    public const string LowPriceScript =
        "params.floor + (1 - params.floor) / (1 + (double) Math.max(0, doc['price_min'].value) / params.reference)";

    public static double AgeDays(long scoringNowMs, long updatedMs) => RelevanceBlend.AgeDays(scoringNowMs, updatedMs);

    /// <summary>
    /// The <c>function_score</c> functions of a relevance search: distance decay (with a reference
    /// point), freshness, the kind weights and the low-price preference, all multiplied together and
    /// with the text score (<c>score_mode</c> and <c>boost_mode</c> multiply). A function whose
    /// filter a listing fails leaves its score alone.
    /// </summary>
    public static JsonArray Functions(SearchQuery query, long scoringNowMs)
    {
        var functions = new JsonArray();
        if (query.EffectiveReferencePoint is { } reference)
        {
            functions.Add(Script(DistanceScript, new JsonObject
            {
                ["lat"] = reference.Latitude,
                ["lon"] = reference.Longitude,
                ["floor"] = RelevanceBlend.DistanceFloor,
                ["half_life_km"] = RelevanceBlend.DistanceHalfLifeKm,
            }));
        }

        functions.Add(Script(FreshnessScript, new JsonObject
        {
            ["now"] = scoringNowMs,
            ["ms_per_day"] = RelevanceBlend.MillisecondsPerDay,
            ["floor"] = RelevanceBlend.FreshnessFloor,
            ["half_life_days"] = RelevanceBlend.FreshnessHalfLifeDays,
        }));

        if (query.KindWeights is { } weights)
        {
            foreach (var (kind, weight) in weights.Where(pair => pair.Value != 1).OrderBy(pair => pair.Key))
            {
                functions.Add(new JsonObject { ["filter"] = KindTerm(kind), ["weight"] = weight });
            }
        }

        if (query.FavourLowPrices)
        {
            var priced = new JsonArray();
            foreach (var kind in ListingKinds.All)
            {
                if (LowPricePreference.ReferencePrice(kind) is not { } referencePrice)
                {
                    continue;
                }

                var filter = PricedKind(kind);
                priced.Add(filter.DeepClone());
                var function = Script(LowPriceScript, new JsonObject { ["floor"] = LowPricePreference.Floor, ["reference"] = referencePrice });
                function["filter"] = filter;
                functions.Add(function);
            }

            functions.Add(new JsonObject
            {
                ["filter"] = new JsonObject { ["bool"] = new JsonObject { ["must_not"] = priced } },
                ["weight"] = LowPricePreference.NeutralFactor,
            });
        }

        return functions;
    }

    /// <summary>
    /// The product of the factors <see cref="Functions"/> multiplied into a hit's score, computed
    /// from the hit's own fields, so that the text score can be recovered by dividing.
    /// </summary>
    public static double Product(SearchQuery query, ListingKind kind, double? distanceKm, double ageDays, long? priceMin)
    {
        var product = RelevanceBlend.FreshnessFactor(ageDays);
        if (query.EffectiveReferencePoint is not null)
        {
            product *= distanceKm is { } km ? RelevanceBlend.DistanceFactor(km) : RelevanceBlend.DistanceFloor;
        }

        if (query.KindWeights?.TryGetValue(kind, out var weight) == true)
        {
            product *= weight;
        }

        if (query.FavourLowPrices)
        {
            product *= LowPricePreference.Factor(kind, priceMin);
        }

        return product;
    }

    public static JsonObject KindTerm(ListingKind kind) => new() { ["term"] = new JsonObject { [DocumentFields.Kind] = kind.Slug() } };

    private static JsonObject PricedKind(ListingKind kind) => new()
    {
        ["bool"] = new JsonObject
        {
            ["filter"] = new JsonArray(KindTerm(kind), new JsonObject { ["exists"] = new JsonObject { ["field"] = DocumentFields.PriceMin } }),
        },
    };

    private static JsonObject Script(string source, JsonObject parameters) => new()
    {
        ["script_score"] = new JsonObject
        {
            ["script"] = new JsonObject { ["source"] = source, ["params"] = parameters },
        },
    };
}
