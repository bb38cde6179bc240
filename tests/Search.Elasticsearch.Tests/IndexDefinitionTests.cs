using DongNai.Domain.Listings;
using DongNai.Search.Elasticsearch.Analysis;

namespace DongNai.Search.Elasticsearch.Tests;

public sealed class IndexDefinitionTests
{
    [Fact]
    public void Settings_BuildTheVietnameseAnalyzersFromStockComponents()
    {
        var settings = IndexDefinition.Settings(new ElasticsearchOptions());

        JsonAssert.Equal(
            """
            {
              "char_filter": { "vi_d_stroke": { "type": "mapping", "mappings": [ "đ => d", "Đ => D" ] } },
              "tokenizer": { "vi_words": { "type": "pattern", "pattern": "[^\\p{L}\\p{Nd}\\p{Mn}\\p{Mc}\\p{Lm}]+" } },
              "analyzer": {
                "vi_folded": { "type": "custom", "char_filter": [ "vi_d_stroke" ], "tokenizer": "vi_words", "filter": [ "lowercase", "asciifolding" ] },
                "vi_accented": { "type": "custom", "tokenizer": "vi_words", "filter": [ "lowercase" ] }
              }
            }
            """,
            settings["analysis"]);
        Assert.Equal(1, settings["number_of_shards"]!.GetValue<int>());
    }

    [Fact]
    public void CreateBody_MatchesTheExpectedRentalIndex()
    {
        var body = IndexDefinition.CreateBody(ListingKind.Rental, new ElasticsearchOptions(), "dongnai-rentals");

        JsonAssert.EqualFile("rentals-index.json", body);
    }

    [Theory]
    [InlineData(ListingKind.Job)]
    [InlineData(ListingKind.Rental)]
    [InlineData(ListingKind.Classified)]
    [InlineData(ListingKind.Voucher)]
    [InlineData(ListingKind.BusRoute)]
    public void Mappings_HaveAKeywordFieldForEveryFilterAndFacet_OfTheKind(ListingKind kind)
    {
        var profile = ListingKinds.Get(kind).Search;

        var keywords = IndexDefinition.Mappings(kind)["properties"]!["k"]!["properties"]!.AsObject();

        Assert.All(profile.Filters.Select(f => f.Name).Concat(profile.Facets), name => Assert.Equal("keyword", (string?)keywords[name]?["type"]));
    }

    [Fact]
    public async Task FirstCall_CreatesTheFirstVersionedIndexWithItsAlias_WhenTheAliasIsMissing()
    {
        using var cluster = new ScriptedCluster().On("GET", "/_alias/test-rentals", 404, """{"error":"alias [test-rentals] missing","status":404}""");
        using var engine = cluster.Engine();

        await engine.CountAsync(ListingKind.Rental);

        var created = Assert.Single(cluster.Requests, r => r.Method == "PUT");
        Assert.Equal("/test-rentals-v1", created.Path);
        JsonAssert.Equal("""{ "test-rentals": { "is_write_index": true } }""", created.Json["aliases"]);
        JsonAssert.Equal(IndexDefinition.Mappings(ListingKind.Rental), created.Json["mappings"]);
    }

    [Fact]
    public async Task FirstCall_AcceptsAnIndexAnotherInstanceCreatedMeanwhile()
    {
        using var cluster = new ScriptedCluster()
            .On("GET", "/_alias/test-jobs", 404, """{"status":404}""")
            .On("PUT", "/test-jobs-v1", 400, """{"error":{"type":"resource_already_exists_exception","reason":"index [test-jobs-v1] already exists"},"status":400}""")
            .On("POST", "/test-jobs/_count", 200, """{"count":7}""");
        using var engine = cluster.Engine();

        var count = await engine.CountAsync(ListingKind.Job);

        Assert.Equal(7, count);
    }
}
