using DongNai.Domain.Listings;
using DongNai.Search.Elasticsearch.Transport;
using DongNai.Search.Tests.Builders;

namespace DongNai.Search.Elasticsearch.Tests;

public sealed class WriteTests
{
    private const string Accepted = """{"errors":false,"items":[{"index":{"_index":"test-rentals-v1","_id":"7","status":201}}]}""";

    [Fact]
    public async Task Upsert_SendsOneBulkIndexWithTheEvenExternalVersion()
    {
        using var cluster = new ScriptedCluster().On("POST", "/_bulk", 200, Accepted);
        using var engine = cluster.Engine();
        var document = ListingBuilder.Rental(7).Version(3)
            .Titled("Phòng trọ gần KCN Amata, Đường Đồng Khởi")
            .Described("Có gác lửng, wc riêng")
            .Priced(1_800_000)
            .Area(18.5)
            .At(10.9565, 106.8686)
            .Keyword("rentalType", "room")
            .Suggests("KCN Amata")
            .Popular(new ListingPopularity { Clicks = 4 })
            .Build();

        await engine.UpsertAsync([document]);

        var bulk = Assert.Single(cluster.WorkRequests);
        Assert.Equal("/_bulk", bulk.Path);
        Assert.Equal(2, bulk.Lines.Count);
        JsonAssert.Equal("""{ "index": { "_index": "test-rentals", "_id": "7", "version": 6, "version_type": "external_gte" } }""", bulk.Lines[0]);
        JsonAssert.Equal(
            """
            {
              "kind": "rentals", "kind_code": 2, "id": 7, "live": true,
              "title": "Phòng trọ gần KCN Amata, Đường Đồng Khởi",
              "title_text": "Phòng trọ gần KCN Amata, Đường Đồng Khởi",
              "title_accented": "phòng trọ gần kcn amata, đường đồng khởi",
              "updated_at": 1762070400000,
              "title_words": [ "phong\u001fphòng", "tro\u001ftrọ", "gan\u001fgần", "kcn\u001fkcn", "amata\u001famata", "duong\u001fđường", "dong\u001fđồng", "khoi\u001fkhởi" ],
              "suggest": [ "Phòng trọ gần KCN Amata, Đường Đồng Khởi", "KCN Amata" ],
              "suggest_keys": [ "phong tro gan kcn amata duong dong khoi\u001fPhòng trọ gần KCN Amata, Đường Đồng Khởi", "kcn amata\u001fKCN Amata", "amata\u001fKCN Amata" ],
              "description": "Có gác lửng, wc riêng",
              "location": { "lat": 10.9565, "lon": 106.8686 },
              "price_min": 1800000, "price_max": 1800000,
              "area": 18.5,
              "popularity": { "impressions": 0, "views": 0, "clicks": 4, "saves": 0, "applies": 0, "claims": 0, "contacts": 0 },
              "k": { "rentalType": [ "room" ] }
            }
            """,
            bulk.Lines[1]);
    }

    [Fact]
    public async Task Delete_WritesATombstoneWhoseOddVersionOutranksTheUpsertOfTheSameVersion()
    {
        using var cluster = new ScriptedCluster();
        using var engine = cluster.Engine();

        await engine.DeleteAsync(ListingKind.Job, 42, version: 5);

        var bulk = Assert.Single(cluster.WorkRequests);
        JsonAssert.Equal("""{ "index": { "_index": "test-jobs", "_id": "42", "version": 11, "version_type": "external_gte" } }""", bulk.Lines[0]);
        JsonAssert.Equal("""{ "kind": "jobs", "kind_code": 1, "id": 42, "live": false }""", bulk.Lines[1]);
    }

    [Fact]
    public async Task Upsert_TreatsAVersionConflict_AsANewerWriteAlreadyThere()
    {
        using var cluster = new ScriptedCluster().On("POST", "/_bulk", 200, """
            {"errors":true,"items":[{"index":{"_index":"test-rentals-v1","_id":"7","status":409,
              "error":{"type":"version_conflict_engine_exception","reason":"[7]: version conflict, current version [9] is higher than the one provided [6]"}}}]}
            """);
        using var engine = cluster.Engine();

        await engine.UpsertAsync([ListingBuilder.Rental(7).Version(3).Build()]);

        Assert.Single(cluster.WorkRequests);
    }

    [Fact]
    public async Task Upsert_SendsAgainOnlyTheItemsRefusedWith429()
    {
        using var cluster = new ScriptedCluster()
            .On("POST", "/_bulk", 200, """
                {"errors":true,"items":[
                  {"index":{"_id":"1","status":201}},
                  {"index":{"_id":"2","status":429,"error":{"type":"es_rejected_execution_exception","reason":"rejected execution"}}}]}
                """)
            .On("POST", "/_bulk", 200, """{"errors":false,"items":[{"index":{"_id":"2","status":201}}]}""");
        using var engine = cluster.Engine();

        await engine.UpsertAsync([ListingBuilder.Rental(1).Build(), ListingBuilder.Rental(2).Build()]);

        var bulks = cluster.WorkRequests;
        Assert.Equal(2, bulks.Count);
        Assert.Equal(["1", "2"], bulks[0].Lines.Where((_, i) => i % 2 == 0).Select(line => (string?)line["index"]!["_id"]));
        Assert.Equal(["2"], bulks[1].Lines.Where((_, i) => i % 2 == 0).Select(line => (string?)line["index"]!["_id"]));
    }

    [Fact]
    public async Task Upsert_RetriesTheWholeRequest_WhenTheClusterAnswers429ThenSucceeds()
    {
        using var cluster = new ScriptedCluster()
            .On("POST", "/_bulk", 429, """{"error":{"type":"es_rejected_execution_exception"},"status":429}""")
            .On("POST", "/_bulk", 200, Accepted);
        using var engine = cluster.Engine();

        await engine.UpsertAsync([ListingBuilder.Rental(7).Build()]);

        var bulks = cluster.WorkRequests;
        Assert.Equal(2, bulks.Count);
        Assert.Equal(bulks[0].Body, bulks[1].Body);
    }

    [Fact]
    public async Task Upsert_Throws_WhenTheClusterKeepsAnswering503()
    {
        using var cluster = new ScriptedCluster();
        for (var i = 0; i < 4; i++)
        {
            cluster.On("POST", "/_bulk", 503, """{"error":{"type":"unavailable_shards_exception"},"status":503}""");
        }

        using var engine = cluster.Engine();

        var failure = await Assert.ThrowsAsync<ElasticsearchRequestException>(() => engine.UpsertAsync([ListingBuilder.Rental(7).Build()]));

        Assert.Equal(503, failure.Status);
        Assert.Equal("unavailable_shards_exception", failure.ErrorType);
        Assert.Equal(4, cluster.WorkRequests.Count);
    }

    [Fact]
    public async Task Upsert_Throws_WhenAnItemIsRefusedForAnotherReason()
    {
        using var cluster = new ScriptedCluster().On("POST", "/_bulk", 200, """
            {"errors":true,"items":[{"index":{"_id":"7","status":400,"error":{"type":"document_parsing_exception","reason":"failed to parse"}}}]}
            """);
        using var engine = cluster.Engine();

        var failure = await Assert.ThrowsAsync<ElasticsearchRequestException>(() => engine.UpsertAsync([ListingBuilder.Rental(7).Build()]));

        Assert.Equal("document_parsing_exception", failure.ErrorType);
        Assert.Single(cluster.WorkRequests);
    }

    [Fact]
    public async Task Rebuild_LoadsNewIndexesCarriesTombstonesOverAndSwapsEveryAliasAtOnce()
    {
        using var cluster = new ScriptedCluster();
        foreach (var kind in ListingKinds.All)
        {
            var alias = "test-" + kind.Slug();
            cluster.On("GET", "/_alias/" + alias, 200, $$"""{ "{{alias}}-v1": { "aliases": { "{{alias}}": {} } } }""");
            cluster.On("GET", "/_alias/" + alias, 200, $$"""{ "{{alias}}-v3": { "aliases": { "{{alias}}": { "is_write_index": true } } } }""");
        }

        using var engine = cluster.Engine();

        await engine.RebuildAsync(Documents(ListingBuilder.Rental(1).Version(2).Build(), ListingBuilder.Job(5).Build()));

        var work = cluster.WorkRequests;
        Assert.Equal(ListingKinds.All.Select(kind => $"/test-{kind.Slug()}-v4"), work.Where(r => r.Method == "PUT").Select(r => r.Path));
        var bulk = Assert.Single(work, r => r.Path == "/_bulk");
        Assert.Equal(["test-rentals-v4", "test-jobs-v4"], bulk.Lines.Where((_, i) => i % 2 == 0).Select(line => (string?)line["index"]!["_index"]));
        JsonAssert.Equal(
            """{ "conflicts": "proceed", "source": { "index": "test-rentals-v3", "query": { "term": { "live": false } } }, "dest": { "index": "test-rentals-v4", "version_type": "external" } }""",
            work.Where(r => r.PathOnly == "/_reindex").ElementAt(1).Json);
        var swap = Assert.Single(work, r => r.Path == "/_aliases").Json["actions"]!.AsArray();
        Assert.Equal(2 * ListingKinds.All.Count, swap.Count);
        JsonAssert.Equal("""{ "remove": { "index": "test-jobs-v3", "alias": "test-jobs" } }""", swap[0]);
        JsonAssert.Equal("""{ "add": { "index": "test-jobs-v4", "alias": "test-jobs", "is_write_index": true } }""", swap[1]);
        Assert.Equal("DELETE", work[^1].Method);
        Assert.Equal("/" + string.Join(',', ListingKinds.All.Select(kind => $"test-{kind.Slug()}-v3")), work[^1].Path);
    }

    [Fact]
    public async Task Rebuild_DeletesTheNewIndexesAndKeepsTheAliases_WhenLoadingFails()
    {
        using var cluster = new ScriptedCluster();
        foreach (var kind in ListingKinds.All)
        {
            var alias = "test-" + kind.Slug();
            cluster.On("GET", "/_alias/" + alias, 200, $$"""{ "{{alias}}-v1": { "aliases": { "{{alias}}": {} } } }""");
            cluster.On("GET", "/_alias/" + alias, 200, $$"""{ "{{alias}}-v1": { "aliases": { "{{alias}}": {} } } }""");
        }

        cluster.On("POST", "/_bulk", 200, """{"errors":true,"items":[{"index":{"_id":"1","status":400,"error":{"type":"mapper_parsing_exception"}}}]}""");
        using var engine = cluster.Engine();

        await Assert.ThrowsAsync<ElasticsearchRequestException>(() => engine.RebuildAsync(Documents(ListingBuilder.Rental(1).Build())));

        Assert.DoesNotContain(cluster.WorkRequests, r => r.Path == "/_aliases");
        Assert.Equal("/" + string.Join(',', ListingKinds.All.Select(kind => $"test-{kind.Slug()}-v2")), cluster.WorkRequests[^1].Path);
        Assert.Equal("DELETE", cluster.WorkRequests[^1].Method);
    }

    [Fact]
    public async Task Upsert_WritesIntoTheCurrentAndTheNewIndex_WhileARebuildRuns()
    {
        using var cluster = new ScriptedCluster();
        foreach (var kind in ListingKinds.All)
        {
            var alias = "test-" + kind.Slug();
            cluster.On("GET", "/_alias/" + alias, 200, $$"""{ "{{alias}}-v1": { "aliases": { "{{alias}}": {} } } }""");
            cluster.On("GET", "/_alias/" + alias, 200, $$"""{ "{{alias}}-v1": { "aliases": { "{{alias}}": {} } } }""");
        }

        using var engine = cluster.Engine();

        await engine.RebuildAsync(WithWriteDuringLoad(engine));
        await engine.DeleteAsync(ListingKind.Job, 9, version: 2);

        var bulks = cluster.WorkRequests.Where(r => r.Path == "/_bulk").ToList();
        Assert.Equal(["test-jobs", "test-jobs-v2"], bulks[0].Lines.Where((_, i) => i % 2 == 0).Select(line => (string?)line["index"]!["_index"]));
        Assert.Equal(["test-jobs"], bulks[^1].Lines.Where((_, i) => i % 2 == 0).Select(line => (string?)line["index"]!["_index"]));
    }

    private static async IAsyncEnumerable<SearchDocument> WithWriteDuringLoad(ElasticsearchSearchEngine engine)
    {
        await engine.UpsertAsync([ListingBuilder.Job(9).Build()]);
        yield return ListingBuilder.Rental(1).Build();
    }

    private static async IAsyncEnumerable<SearchDocument> Documents(params SearchDocument[] documents)
    {
        foreach (var document in documents)
        {
            await Task.Yield();
            yield return document;
        }
    }
}
