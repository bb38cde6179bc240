using System.Text.Json.Nodes;
using DongNai.Domain.Listings;
using DongNai.Search.Elasticsearch.Transport;
using DongNai.Search.Tests.Builders;

namespace DongNai.Search.Elasticsearch.Tests;

/// <summary>The query DSL each kind of search sends, captured from the client's transport and compared as parsed JSON.</summary>
public sealed class SearchRequestTests
{
    private const string NoHits = """{"hits":{"total":{"value":0,"relation":"eq"},"hits":[]}}""";

    private static SearchQuery Query(string? text = null) => new() { Text = text, Now = TestClock.Now };

    [Fact]
    public async Task Search_SendsTheExpectedQuery_ForTextWithinARadiusWithPriceFacetsBandsAndHighlights()
    {
        using var cluster = new ScriptedCluster().On("POST", "/test-rentals/_search", 200, NoHits);
        using var engine = cluster.Engine();

        await engine.SearchAsync(Query("phòng trọ gần kcn amata") with
        {
            Kind = ListingKind.Rental,
            Geo = GeoFilter.Radius(Places.Amata.Latitude, Places.Amata.Longitude, 5),
            MaxPrice = 2_500_000,
            Filters = new Dictionary<string, IReadOnlyList<string>> { ["rentalType"] = ["room", "house"] },
            Facets = ["rentalType"],
            PriceBands = [1_000_000, 2_000_000],
            Size = 10,
        });

        var search = Assert.Single(cluster.WorkRequests);
        Assert.Equal("/test-rentals/_search", search.Path);
        JsonAssert.EqualFile("search-rentals-text-radius.json", search.Json);
    }

    [Fact]
    public async Task Search_SendsFiltersOnlyAndSortsNewestFirst_WhenTheQueryHasNoText()
    {
        using var cluster = new ScriptedCluster().On("POST", "/test-bus-routes/_search", 200, NoHits);
        using var engine = cluster.Engine();

        await engine.SearchAsync(Query() with
        {
            Kind = ListingKind.BusRoute,
            Geo = GeoFilter.BoundingBox(10.8, 106.7, 11.0, 107.0),
            DepartureFrom = new TimeOnly(22, 30),
            DepartureTo = new TimeOnly(1, 0),
            MinArea = 20,
            Sort = SearchSort.Newest,
            Size = 5,
            Highlight = true,
        });

        var body = Assert.Single(cluster.WorkRequests).Json;
        JsonAssert.Equal(
            """
            {
              "bool": {
                "must": [ { "match_all": {} } ],
                "filter": [
                  { "term": { "live": true } },
                  { "bool": { "should": [ { "bool": { "must_not": [ { "exists": { "field": "expires_at" } } ] } }, { "range": { "expires_at": { "gt": 1762156800000 } } } ], "minimum_should_match": 1 } },
                  { "bool": { "should": [ { "range": { "departures": { "gte": 1350, "lte": 1439 } } }, { "range": { "departures": { "gte": 0, "lte": 60 } } } ], "minimum_should_match": 1 } },
                  { "geo_bounding_box": { "location": { "top_left": { "lat": 11.0, "lon": 106.7 }, "bottom_right": { "lat": 10.8, "lon": 107.0 } } } },
                  { "range": { "area": { "gte": 20 } } }
                ],
                "must_not": [ { "term": { "sold_out": true } } ]
              }
            }
            """,
            body["query"]!["function_score"]!["query"]);
        JsonAssert.Equal(
            """[ { "updated_at": { "order": "desc", "missing": "_last" } }, { "kind_code": { "order": "asc", "missing": "_last" } }, { "id": { "order": "asc", "missing": "_last" } } ]""",
            body["sort"]);
        Assert.Equal(6, body["size"]!.GetValue<int>());
        Assert.Null(body["highlight"]);
        Assert.Null(body["aggs"]);
    }

    [Fact]
    public async Task Search_SendsAGeoShapePolygonOnTheLocationPoint_WithEdgesIncluded()
    {
        using var cluster = new ScriptedCluster().On("POST", "/test-rentals/_search", 200, NoHits);
        using var engine = cluster.Engine();

        await engine.SearchAsync(Query() with
        {
            Kind = ListingKind.Rental,
            Geo = GeoFilter.Polygon(new(10.90, 106.80), new(10.90, 106.90), new(11.00, 106.85), new(10.90, 106.80)),
            Sort = SearchSort.Newest,
        });

        var filters = Assert.Single(cluster.WorkRequests).Json["query"]!["function_score"]!["query"]!["bool"]!["filter"]!.AsArray();
        var shape = Assert.Single(filters, filter => filter!["geo_shape"] is not null);
        JsonAssert.Equal(
            """
            { "geo_shape": { "location": {
                "shape": { "type": "polygon", "coordinates": [ [ [ 106.80, 10.90 ], [ 106.90, 10.90 ], [ 106.85, 11.00 ], [ 106.80, 10.90 ] ] ] },
                "relation": "intersects" } } }
            """,
            shape);
        Assert.DoesNotContain(filters, filter => filter!["geo_bounding_box"] is not null || filter["geo_distance"] is not null);
    }

    [Fact]
    public async Task Search_RejectsASelfIntersectingPolygon_WithoutAskingTheCluster()
    {
        using var cluster = new ScriptedCluster();
        using var engine = cluster.Engine();
        var bowTie = GeoFilter.Polygon(new(10.90, 106.80), new(11.00, 106.90), new(11.00, 106.80), new(10.90, 106.90), new(10.90, 106.80));

        var refusal = await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.SearchAsync(Query() with { Kind = ListingKind.Rental, Geo = bowTie }));

        Assert.Contains("crosses or touches itself", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(cluster.WorkRequests);
    }

    [Fact]
    public async Task Search_MultipliesKindWeightsAndTheLowPricePreference_IntoTheFunctionScore()
    {
        using var cluster = new ScriptedCluster().On("POST", "/test-jobs,", 200, NoHits);
        using var engine = cluster.Engine();

        await engine.SearchAsync(Query("phong") with
        {
            KindWeights = new Dictionary<ListingKind, double> { [ListingKind.Rental] = 2, [ListingKind.Job] = 1 },
            FavourLowPrices = true,
            ScoringNow = TestClock.Now.AddDays(-1),
        });

        var search = Assert.Single(cluster.WorkRequests);
        Assert.Equal("/test-jobs,test-rentals,test-classifieds,test-vouchers,test-bus-routes,test-public-services,test-feedback-reports,test-news/_search", search.Path);
        var functionScore = search.Json["query"]!["function_score"]!;
        Assert.Equal("multiply", (string?)functionScore["score_mode"]);
        Assert.Equal("multiply", (string?)functionScore["boost_mode"]);
        var functions = functionScore["functions"]!.AsArray();
        Assert.Equal(1762070400000, functions[0]!["script_score"]!["script"]!["params"]!["now"]!.GetValue<long>());
        JsonAssert.Equal("""{ "filter": { "term": { "kind": "rentals" } }, "weight": 2 }""", functions[1]);
        JsonAssert.Equal(
            """
            {
              "filter": { "bool": { "filter": [ { "term": { "kind": "rentals" } }, { "exists": { "field": "price_min" } } ] } },
              "script_score": { "script": {
                "source": "params.floor + (1 - params.floor) / (1 + (double) Math.max(0, doc['price_min'].value) / params.reference)",
                "params": { "floor": 0.6, "reference": 3000000 } } }
            }
            """,
            functions[2]);
        Assert.Equal(0.8, functions[^1]!["weight"]!.GetValue<double>(), 10);
        Assert.Equal(5, functions[^1]!["filter"]!["bool"]!["must_not"]!.AsArray().Count);
    }

    [Fact]
    public async Task Search_LetsTheAllowedNumberOfWordsBeMissing()
    {
        using var cluster = new ScriptedCluster().On("POST", "/test-jobs/_search", 200, NoHits);
        using var engine = cluster.Engine();

        await engine.SearchAsync(Query("tuyen cong nhan may") with { Kind = ListingKind.Job, MaxMissingWords = 1 });

        var text = Assert.Single(cluster.WorkRequests).Json["query"]!["function_score"]!["query"]!["bool"]!["must"]![0]!["bool"]!;
        Assert.Equal(2, text["minimum_should_match"]!.GetValue<int>());
        Assert.Equal(3, text["should"]!.AsArray().Count);
    }

    [Fact]
    public async Task Search_MatchesASynonymPhraseAsOneWord_ThroughEachOfItsForms()
    {
        using var cluster = new ScriptedCluster().On("POST", "/test-jobs/_search", 200, NoHits);
        using var engine = cluster.Engine();

        await engine.SearchAsync(Query("KCN") with { Kind = ListingKind.Job });

        var unit = Assert.Single(cluster.WorkRequests).Json["query"]!["function_score"]!["query"]!["bool"]!["must"]![0]!["bool"]!["must"]![0]!;
        JsonAssert.Equal(
            """
            { "bool": {
                "must": [ { "bool": { "should": [
                  { "match": { "text_f": { "query": "kcn", "boost": 1 } } },
                  { "match_phrase": { "text_f": { "query": "khu cong nghiep", "boost": 0.9 } } } ] } } ],
                "should": [
                  { "match": { "title_text": { "query": "kcn", "boost": 2 } } },
                  { "match": { "title_text": { "query": "khu cong nghiep", "boost": 1.8, "operator": "and" } } } ] } }
            """,
            unit);
    }

    [Fact]
    public async Task Search_AddsTheAccentBonusAndTheFuzzyForm_ForALongWordTypedWithAccents()
    {
        using var cluster = new ScriptedCluster().On("POST", "/test-jobs/_search", 200, NoHits);
        using var engine = cluster.Engine();

        await engine.SearchAsync(Query("Tuyển nhân viên") with { Kind = ListingKind.Job });

        var units = Assert.Single(cluster.WorkRequests).Json["query"]!["function_score"]!["query"]!["bool"]!["must"]![0]!["bool"]!["must"]!.AsArray();
        JsonAssert.Equal(
            """
            { "bool": {
                "must": [ { "match": { "text_f": { "query": "nhan", "boost": 1 } } } ],
                "should": [
                  { "match": { "title_text": { "query": "nhan", "boost": 2 } } },
                  { "match": { "title_accented": { "query": "nhân", "boost": 1 } } } ] } }
            """,
            units[1]);
        JsonAssert.Equal(
            """{ "match": { "text_f": { "query": "tuyen", "fuzziness": 1, "prefix_length": 1, "max_expansions": 16, "fuzzy_transpositions": true, "boost": 0.35 } } }""",
            units[0]!["bool"]!["must"]![0]!["bool"]!["should"]![1]);
        JsonAssert.Equal("""{ "match": { "title_accented": { "query": "tuyển", "boost": 1 } } }""", units[0]!["bool"]!["should"]![1]);
    }

    [Fact]
    public async Task Search_SortsByArcDistanceThenKindAndId_AndRestrictsToTheGivenListings()
    {
        using var cluster = new ScriptedCluster().On("POST", "/test-jobs,", 200, NoHits);
        using var engine = cluster.Engine();

        await engine.SearchAsync(Query() with
        {
            Sort = SearchSort.Distance,
            ReferencePoint = Places.BienHoa,
            Listings = [new ListingKey(ListingKind.Rental, 9), new ListingKey(ListingKind.Job, 3), new ListingKey(ListingKind.Rental, 4)],
        });

        var body = Assert.Single(cluster.WorkRequests).Json;
        JsonAssert.Equal(
            """{ "_geo_distance": { "location": { "lat": 10.945, "lon": 106.824 }, "order": "asc", "unit": "km", "distance_type": "arc", "ignore_unmapped": true } }""",
            body["sort"]![0]);
        JsonAssert.Equal(
            """
            { "bool": { "should": [
                { "bool": { "filter": [ { "term": { "kind_code": 1 } }, { "terms": { "id": [ 3 ] } } ] } },
                { "bool": { "filter": [ { "term": { "kind_code": 2 } }, { "terms": { "id": [ 4, 9 ] } } ] } } ],
              "minimum_should_match": 1 } }
            """,
            body["query"]!["function_score"]!["query"]!["bool"]!["filter"]![2]);
    }

    [Fact]
    public async Task Search_OpensAPointInTime_AndPagesInItAfterTheLastHitsSortValues()
    {
        using var cluster = new ScriptedCluster()
            .On("POST", "/test-rentals/_search", 200, Hits(3))
            .On("POST", "/test-rentals/_pit", 200, """{"id":"pit-1"}""")
            .On("POST", "/_search", 200, """{"pit_id":"pit-2","hits":{"total":{"value":3,"relation":"eq"},"hits":[]}}""");
        using var engine = cluster.Engine();
        var query = Query() with { Kind = ListingKind.Rental, Sort = SearchSort.PriceAscending, Size = 2 };

        var first = await engine.SearchAsync(query);
        var second = await engine.SearchAsync(query with { Cursor = first.NextCursor });

        Assert.Equal([1L, 2L], first.Hits.Select(hit => hit.Id));
        Assert.NotNull(first.NextCursor);
        Assert.Null(second.NextCursor);
        var work = cluster.WorkRequests;
        Assert.Equal("/test-rentals/_pit?keep_alive=300s", work[1].Path);
        Assert.Equal("/_search", work[2].Path);
        JsonAssert.Equal("""[ 1500000, 2, 2 ]""", work[2].Json["search_after"]);
        JsonAssert.Equal("""{ "id": "pit-1", "keep_alive": "300s" }""", work[2].Json["pit"]);
        Assert.Equal(("DELETE", "/_pit"), (work[3].Method, work[3].Path));
        JsonAssert.Equal("""{ "id": "pit-2" }""", work[3].Json);
    }

    [Fact]
    public async Task Search_ContinuesOnTheLiveIndex_WhenThePointInTimeExpired()
    {
        using var cluster = new ScriptedCluster()
            .On("POST", "/test-rentals/_search", 200, Hits(3))
            .On("POST", "/test-rentals/_pit", 200, """{"id":"pit-1"}""")
            .On("POST", "/_search", 404, """{"error":{"type":"search_context_missing_exception","reason":"No search context found for id [1]"},"status":404}""")
            .On("POST", "/test-rentals/_search", 200, Hits(1));
        using var engine = cluster.Engine();
        var query = Query() with { Kind = ListingKind.Rental, Sort = SearchSort.PriceAscending, Size = 2 };
        var first = await engine.SearchAsync(query);

        var second = await engine.SearchAsync(query with { Cursor = first.NextCursor });

        Assert.Single(second.Hits);
        var retried = cluster.WorkRequests[^1];
        Assert.Equal("/test-rentals/_search", retried.Path);
        Assert.Null(retried.Json["pit"]);
        JsonAssert.Equal("""[ 1500000, 2, 2 ]""", retried.Json["search_after"]);
    }

    [Fact]
    public async Task Search_RejectsACursorOfAnotherKindOrSort_WithoutAskingTheCluster()
    {
        using var cluster = new ScriptedCluster()
            .On("POST", "/test-rentals/_search", 200, Hits(3))
            .On("POST", "/test-rentals/_pit", 200, """{"id":"pit-1"}""");
        using var engine = cluster.Engine();
        var query = Query() with { Kind = ListingKind.Rental, Sort = SearchSort.PriceAscending, Size = 2 };
        var cursor = (await engine.SearchAsync(query)).NextCursor!;
        var sent = cluster.Requests.Count;

        await Assert.ThrowsAsync<InvalidCursorException>(() => engine.SearchAsync(query with { Kind = ListingKind.Job, Cursor = cursor }));
        await Assert.ThrowsAsync<InvalidCursorException>(() => engine.SearchAsync(query with { Sort = SearchSort.Newest, Cursor = cursor }));
        await Assert.ThrowsAsync<InvalidCursorException>(() => engine.SearchAsync(query with { Cursor = cursor[..^3] + (cursor[^3] == 'A' ? "B" : "A") + cursor[^2..] }));

        Assert.Equal(sent, cluster.Requests.Count);
    }

    [Theory]
    [InlineData("not a cursor")]
    [InlineData("AAAA")]
    [InlineData("%%%")]
    [InlineData("")]
    public async Task Search_RejectsAMalformedCursor_WithoutAskingTheCluster(string cursor)
    {
        using var cluster = new ScriptedCluster();
        using var engine = cluster.Engine();

        await Assert.ThrowsAsync<InvalidCursorException>(() => engine.SearchAsync(Query() with { Cursor = cursor }));

        Assert.Empty(cluster.Requests);
    }

    [Fact]
    public async Task Search_PagesAfterAListingWithoutLocation_WhoseDistanceElasticsearchWritesAsInfinity()
    {
        using var cluster = new ScriptedCluster()
            .On("POST", "/test-rentals/_search", 200, """
                { "hits": { "total": { "value": 3 }, "hits": [
                  { "_score": 1, "_source": { "kind_code": 2, "id": 1, "title": "a", "updated_at": 0 }, "sort": [ "Infinity", 2, 1 ] },
                  { "_score": 1, "_source": { "kind_code": 2, "id": 2, "title": "b", "updated_at": 0 }, "sort": [ "Infinity", 2, 2 ] } ] } }
                """)
            .On("POST", "/test-rentals/_pit", 200, """{"id":"pit-1"}""");
        using var engine = cluster.Engine();
        var query = Query() with { Kind = ListingKind.Rental, Sort = SearchSort.Distance, ReferencePoint = Places.BienHoa, Size = 1 };
        var first = await engine.SearchAsync(query);

        await engine.SearchAsync(query with { Cursor = first.NextCursor });

        JsonAssert.Equal("""[ "Infinity", 2, 1 ]""", Assert.Single(cluster.WorkRequests, r => r.Path == "/_search").Json["search_after"]);
    }

    [Fact]
    public async Task Search_ReadsTheHitKeywordFields_FromTheSource_WithoutAskingForTheirFacets()
    {
        using var cluster = new ScriptedCluster().On("POST", "/test-rentals/_search", 200, """
            { "hits": { "total": { "value": 1 }, "hits": [
              { "_score": 1, "_source": { "kind_code": 2, "id": 7, "title": "Phòng trọ", "updated_at": 0, "k": { "rentalType": [ "room" ] } }, "sort": [ 1, 2, 7 ] } ] } }
            """);
        using var engine = cluster.Engine();

        var result = await engine.SearchAsync(Query() with { Kind = ListingKind.Rental, HitKeywords = ["rentalType", "amenities"] });

        var hit = Assert.Single(result.Hits);
        Assert.Equal(["room"], hit.Signals.Categories["rentalType"]);
        Assert.Empty(hit.Signals.Categories["amenities"]);
        Assert.Null(Assert.Single(cluster.WorkRequests, r => r.Path == "/test-rentals/_search").Json["aggs"]);
    }

    [Fact]
    public async Task Search_ReadsHitsHighlightsFacetsAndBands_FromTheResponse()
    {
        using var cluster = new ScriptedCluster().On("POST", "/test-rentals/_search", 200, """
            {
              "hits": { "total": { "value": 12, "relation": "eq" }, "max_score": 3.5, "hits": [
                { "_index": "test-rentals-v1", "_id": "7", "_score": 3.5,
                  "_source": { "kind_code": 2, "id": 7, "title": "Phòng trọ Amata", "price_min": 1500000, "price_max": 1500000,
                    "location": { "lat": 10.9565, "lon": 106.8686 }, "updated_at": 1762156800000,
                    "popularity": { "clicks": 4, "saves": 1 }, "k": { "rentalType": [ "room" ], "amenities": [ "wifi", "ac" ] } },
                  "highlight": { "title_text": [ "<em>Phòng</em> <em>trọ</em> Amata" ], "description": [ "<em>phòng</em> mới" ] },
                  "sort": [ 3.5, 2, 7 ] } ] },
              "aggregations": {
                "facet_amenities": { "buckets": [ { "key": "ac", "doc_count": 5 }, { "key": "wifi", "doc_count": 9 } ] },
                "price_bands": { "buckets": { "*-1000000": { "doc_count": 0 }, "1000000-2000000": { "doc_count": 8 }, "2000000-*": { "doc_count": 4 } } }
              }
            }
            """);
        using var engine = cluster.Engine();

        var result = await engine.SearchAsync(Query("phong tro") with
        {
            Kind = ListingKind.Rental,
            ReferencePoint = Places.Amata,
            Facets = ["amenities"],
            PriceBands = [1_000_000, 2_000_000],
        });

        Assert.Equal(12, result.Total);
        Assert.Null(result.NextCursor);
        var hit = Assert.Single(result.Hits);
        Assert.Equal((ListingKind.Rental, 7L, "Phòng trọ Amata", 3.5), (hit.Kind, hit.Id, hit.Title, hit.Score));
        Assert.Equal(0, hit.DistanceKm!.Value, 6);
        Assert.Equal("<em>Phòng</em> <em>trọ</em> Amata", hit.TitleHighlight);
        Assert.Equal("<em>phòng</em> mới", hit.DescriptionHighlight);
        Assert.Equal(3.5, hit.Signals.TextScore, 6);
        Assert.Equal(0, hit.Signals.AgeDays, 6);
        Assert.Equal(new ListingPopularity { Clicks = 4, Saves = 1 }, hit.Signals.Popularity);
        Assert.Equal(["ac", "wifi"], hit.Signals.Categories["amenities"]);
        Assert.Equal([new FacetValue("wifi", 9), new FacetValue("ac", 5)], result.Facets["amenities"]);
        Assert.Equal(
            [new FacetValue("*-1000000", 0), new FacetValue("1000000-2000000", 8), new FacetValue("2000000-*", 4)],
            result.Facets[SearchQuery.PriceFacet]);
    }

    [Fact]
    public async Task Search_RecoversTheTextScore_ByDividingOutDistanceAndFreshness()
    {
        using var cluster = new ScriptedCluster().On("POST", "/test-rentals/_search", 200, """
            { "hits": { "total": { "value": 1 }, "hits": [
                { "_score": 1.5, "_source": { "kind_code": 2, "id": 1, "title": "x", "updated_at": 1760947200000,
                  "location": { "lat": 10.9565, "lon": 106.8686 } }, "sort": [ 1.5, 2, 1 ] } ] } }
            """);
        using var engine = cluster.Engine();

        var hit = (await engine.SearchAsync(Query("phong") with { Kind = ListingKind.Rental, ReferencePoint = Places.Amata })).Hits[0];

        // 14 days old: freshness 0.75 + 0.25 / 2; at the reference point: distance factor 1.
        Assert.Equal(14, hit.Signals.AgeDays, 6);
        Assert.Equal(1.5 / 0.875, hit.Signals.TextScore, 6);
    }

    [Fact]
    public async Task Search_ThrowsWithElasticsearchsErrorType_WhenTheQueryIsRefused()
    {
        using var cluster = new ScriptedCluster().On("POST", "/test-jobs/_search", 400, """
            {"error":{"root_cause":[{"type":"query_shard_exception","reason":"failed to create query"}],"type":"search_phase_execution_exception","reason":"all shards failed"},"status":400}
            """);
        using var engine = cluster.Engine();

        var failure = await Assert.ThrowsAsync<ElasticsearchRequestException>(() => engine.SearchAsync(Query("x") with { Kind = ListingKind.Job }));

        Assert.Equal(400, failure.Status);
        Assert.Equal("search_phase_execution_exception", failure.ErrorType);
        Assert.Single(cluster.WorkRequests);
    }

    [Fact]
    public async Task Search_AnswersAfterA429_OnTheRetry()
    {
        using var cluster = new ScriptedCluster()
            .On("POST", "/test-jobs/_search", 429, """{"error":{"type":"es_rejected_execution_exception"},"status":429}""")
            .On("POST", "/test-jobs/_search", 200, Hits(1).Replace("\"kind_code\":2", "\"kind_code\":1", StringComparison.Ordinal));
        using var engine = cluster.Engine();

        var result = await engine.SearchAsync(Query() with { Kind = ListingKind.Job, Sort = SearchSort.PriceAscending });

        Assert.Equal(2, cluster.WorkRequests.Count);
        Assert.Equal(ListingKind.Job, Assert.Single(result.Hits).Kind);
    }

    /// <summary>A response with <paramref name="count"/> rentals priced 1,000,000, 1,500,000, …, sorted by price.</summary>
    private static string Hits(int count)
    {
        var hits = new JsonArray();
        for (var i = 1; i <= count; i++)
        {
            var price = 500_000 + (i * 500_000);
            hits.Add(JsonNode.Parse($$"""
                { "_id": "{{i}}", "_score": 1.0, "_source": { "kind_code": 2, "id": {{i}}, "title": "Phòng {{i}}", "price_min": {{price}}, "price_max": {{price}}, "updated_at": 1762070400000 },
                  "sort": [ {{price}}, 2, {{i}} ] }
                """));
        }

        return new JsonObject { ["hits"] = new JsonObject { ["total"] = new JsonObject { ["value"] = count }, ["hits"] = hits } }.ToJsonString();
    }
}
