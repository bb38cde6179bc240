using DongNai.Domain.Listings;
using DongNai.Search.Elasticsearch.Transport;
using DongNai.Search.Tests.Builders;

namespace DongNai.Search.Elasticsearch.Tests;

/// <summary>Autocomplete, related items, "did you mean", word counts, counts and cluster health: what each sends and how its answer is read.</summary>
public sealed class OtherRequestTests
{
    [Fact]
    public async Task Suggest_MatchesSearchAsYouTypeAndCountsTheKeysUnderEachPrefixVariant()
    {
        using var cluster = new ScriptedCluster().On("POST", "/test-rentals/_search", 200, """
            { "hits": { "total": { "value": 9 }, "hits": [] }, "aggregations": { "keys": { "buckets": [
                { "key": "kcn amata\u001fKCN Amata", "doc_count": 5 },
                { "key": "khu cong nghiep amata\u001fKhu công nghiệp Amata", "doc_count": 2 },
                { "key": "kcn amata\u001fkcn Amata", "doc_count": 1 },
                { "key": "kcn an phuoc\u001fKCN An Phước", "doc_count": 3 } ] } } }
            """);
        using var engine = cluster.Engine();

        var suggestions = await engine.SuggestAsync(new SuggestQuery { Prefix = "KCN a", Kind = ListingKind.Rental, Size = 5 });

        var body = Assert.Single(cluster.WorkRequests).Json;
        JsonAssert.Equal(
            """
            { "size": 0,
              "query": { "bool": { "filter": [
                { "term": { "live": true } },
                { "bool": { "should": [
                  { "multi_match": { "query": "kcn a", "type": "bool_prefix", "operator": "and", "fields": [ "suggest", "suggest._2gram", "suggest._3gram" ] } },
                  { "multi_match": { "query": "khu cong nghiep a", "type": "bool_prefix", "operator": "and", "fields": [ "suggest", "suggest._2gram", "suggest._3gram" ] } } ],
                  "minimum_should_match": 1 } } ] } },
              "aggs": { "keys": { "terms": { "field": "suggest_keys", "size": 1000, "include": "(kcn\\ a|khu\\ cong\\ nghiep\\ a).*" } } } }
            """,
            body);
        Assert.Equal([new Suggestion("KCN Amata", 6), new Suggestion("KCN An Phước", 3), new Suggestion("Khu công nghiệp Amata", 2)], suggestions);
    }

    [Fact]
    public async Task Suggest_SendsNothing_WhenThePrefixHasNoLetters()
    {
        using var cluster = new ScriptedCluster();
        using var engine = cluster.Engine();

        var suggestions = await engine.SuggestAsync(new SuggestQuery { Prefix = " -!" });

        Assert.Empty(suggestions);
        Assert.Empty(cluster.Requests);
    }

    [Fact]
    public async Task Related_LikesTheListingsTitleAndDescription_AndLeavesTheListingOut()
    {
        using var cluster = new ScriptedCluster()
            .On("GET", "/test-jobs/_doc/12", 200, """{ "_id": "12", "found": true, "_source": { "live": true, "title_text": "Tuyển công nhân may", "description": "Làm ca ngày" } }""")
            .On("POST", "/test-jobs/_search", 200, """
                { "hits": { "hits": [ { "_score": 2.5, "_source": { "kind_code": 1, "id": 30, "title": "Công nhân may mặc", "updated_at": 1762070400000 } } ] } }
                """);
        using var engine = cluster.Engine();

        var related = await engine.RelatedAsync(new RelatedQuery { Kind = ListingKind.Job, Id = 12, Size = 4, Now = TestClock.Now });

        var body = cluster.WorkRequests[^1].Json;
        JsonAssert.Equal(
            """
            { "more_like_this": { "fields": [ "title_text" ], "like": "Tuyển công nhân may\nLàm ca ngày",
                "min_term_freq": 1, "min_doc_freq": 2, "min_word_length": 2, "max_query_terms": 12 } }
            """,
            body["query"]!["bool"]!["must"]![0]);
        JsonAssert.Equal("""{ "ids": { "values": [ "12" ] } }""", body["query"]!["bool"]!["must_not"]![1]);
        Assert.Equal(4, body["size"]!.GetValue<int>());
        var hit = Assert.Single(related);
        Assert.Equal((ListingKind.Job, 30L, 2.5, 2.5, 1.0), (hit.Kind, hit.Id, hit.Score, hit.Signals.TextScore, hit.Signals.AgeDays));
    }

    [Theory]
    [InlineData(404, """{ "_id": "12", "found": false }""")]
    [InlineData(200, """{ "_id": "12", "found": true, "_source": { "live": false } }""")]
    public async Task Related_IsEmpty_WhenTheListingIsUnknownOrDeleted(int status, string document)
    {
        using var cluster = new ScriptedCluster().On("GET", "/test-jobs/_doc/12", status, document);
        using var engine = cluster.Engine();

        var related = await engine.RelatedAsync(new RelatedQuery { Kind = ListingKind.Job, Id = 12, Now = TestClock.Now });

        Assert.Empty(related);
        Assert.DoesNotContain(cluster.WorkRequests, r => r.Path.EndsWith("/_search", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WordFrequencies_CountsEachWordsListings_InOneFiltersAggregation()
    {
        using var cluster = new ScriptedCluster().On("POST", "/test-rentals/_search", 200, """
            { "hits": { "total": { "value": 40 }, "hits": [] }, "aggregations": { "words": { "buckets": { "0": { "doc_count": 31 }, "1": { "doc_count": 2 } } } } }
            """);
        using var engine = cluster.Engine();

        var counts = await engine.WordFrequenciesAsync(["phòng", "wc-riêng", "!!"], ListingKind.Rental);

        JsonAssert.Equal(
            """
            { "size": 0, "query": { "term": { "live": true } },
              "aggs": { "words": { "filters": { "filters": {
                "0": { "match": { "text_f": { "query": "phong", "operator": "and" } } },
                "1": { "match": { "text_f": { "query": "wc rieng", "operator": "and" } } } } } } } }
            """,
            Assert.Single(cluster.WorkRequests).Json);
        Assert.Equal(31, counts["phòng"]);
        Assert.Equal(2, counts["wc-riêng"]);
        Assert.Equal(0, counts["!!"]);
    }

    [Fact]
    public async Task CorrectSpelling_ReplacesTheUnknownWord_WithTheCandidateThatFormsAKnownPair_AndRestoresAccents()
    {
        using var cluster = new ScriptedCluster()
            .On("POST", "/test-jobs,", 200, """{ "aggregations": { "words": { "buckets": { "0": { "doc_count": 50 }, "1": { "doc_count": 0 } } } } }""")
            .On("POST", "/test-rentals/_search", 200, """
                { "suggest": { "w1": [ { "text": "tor", "offset": 6, "length": 3, "options": [
                    { "text": "toi", "score": 0.66, "freq": 40 }, { "text": "tro", "score": 0.66, "freq": 12 } ] } ] } }
                """)
            .On("POST", "/test-rentals/_search", 200, """{ "aggregations": { "words": { "buckets": { "1|toi|p": { "doc_count": 0 }, "1|tro|p": { "doc_count": 9 } } } } }""")
            .On("POST", "/test-rentals/_search", 200, """
                { "aggregations": { "forms": { "buckets": [
                    { "key": "phong\u001fphòng", "doc_count": 30 }, { "key": "phong\u001fphong", "doc_count": 2 }, { "key": "tro\u001ftrọ", "doc_count": 11 } ] } } }
                """);
        using var engine = cluster.Engine();

        var corrected = await engine.CorrectSpellingAsync(new SpellingQuery { Text = "phong tor", Kind = ListingKind.Rental });

        Assert.Equal("phòng trọ", corrected);
        var work = cluster.WorkRequests;
        JsonAssert.Equal(
            """
            { "w1": { "text": "tor", "term": { "field": "text_f", "suggest_mode": "always", "max_edits": 1, "prefix_length": 1,
                "min_word_length": 3, "size": 10, "sort": "score", "string_distance": "damerau_levenshtein" } } }
            """,
            work[1].Json["suggest"]);
        JsonAssert.Equal("""{ "match_phrase": { "text_f": "phong tro" } }""", work[2].Json["aggs"]!["words"]!["filters"]!["filters"]!["1|tro|p"]);
    }

    [Fact]
    public async Task CorrectSpelling_IsNull_WhenEveryWordIsKnown()
    {
        using var cluster = new ScriptedCluster().On("POST", "/test-jobs,", 200, """{ "aggregations": { "words": { "buckets": { "0": { "doc_count": 5 }, "1": { "doc_count": 1 } } } } }""");
        using var engine = cluster.Engine();

        var corrected = await engine.CorrectSpellingAsync(new SpellingQuery { Text = "phong tro 2" });

        Assert.Null(corrected);
        Assert.Single(cluster.WorkRequests);
    }

    [Fact]
    public async Task Count_CountsLiveDocumentsOnly()
    {
        using var cluster = new ScriptedCluster().On("POST", "/test-vouchers/_count", 200, """{ "count": 17, "_shards": { "total": 1 } }""");
        using var engine = cluster.Engine();

        var count = await engine.CountAsync(ListingKind.Voucher);

        Assert.Equal(17, count);
        JsonAssert.Equal("""{ "query": { "term": { "live": true } } }""", Assert.Single(cluster.WorkRequests).Json);
    }

    [Fact]
    public async Task ClusterHealth_ReadsTheStatus()
    {
        using var cluster = new ScriptedCluster().On("GET", "/_cluster/health", 200, """{ "cluster_name": "dongnai", "status": "yellow", "number_of_nodes": 1 }""");
        using var engine = cluster.Engine();

        var health = await engine.ClusterHealthAsync();

        Assert.Equal(new ClusterHealth("yellow", "dongnai", 1), health);
    }

    [Fact]
    public async Task ClusterHealth_ThrowsAtOnce_WhenTheClusterDoesNotAnswer()
    {
        using var cluster = new ScriptedCluster().Unreachable("GET", "/_cluster/health", new HttpRequestException("Connection refused"));
        using var engine = cluster.Engine();

        var failure = await Assert.ThrowsAsync<ElasticsearchRequestException>(() => engine.ClusterHealthAsync());

        Assert.Null(failure.Status);
        Assert.Single(cluster.Requests);
    }

    [Fact]
    public async Task Calls_Throw_WhenTheClusterDoesNotAnswer_AfterTheRetries()
    {
        using var cluster = new ScriptedCluster();
        for (var i = 0; i < 4; i++)
        {
            cluster.Unreachable("POST", "/test-jobs/_count", new HttpRequestException("Connection refused"));
        }

        using var engine = cluster.Engine();

        var failure = await Assert.ThrowsAsync<ElasticsearchRequestException>(() => engine.CountAsync(ListingKind.Job));

        Assert.Null(failure.Status);
        Assert.Equal(4, cluster.WorkRequests.Count);
    }
}
