using System.Text.Json.Nodes;
using DongNai.Search.Tests.Contract;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace DongNai.Search.Elasticsearch.Tests;

/// <summary>
/// The engine contract on a real Elasticsearch 9 (<see cref="ElasticsearchServer"/>), each test in
/// its own indexes under a fresh prefix, deleted afterwards; skipped with the reason where there is none.
/// </summary>
[ElasticsearchAvailable]
public sealed class ElasticsearchContractTests : SearchEngineContractTests
{
    private readonly string _prefix = "contract-" + Guid.NewGuid().ToString("N")[..12];
    private ElasticsearchClient? _client;

    public override async Task InitializeAsync()
    {
        _client = await ElasticsearchServer.ClientAsync();
        await base.InitializeAsync();
    }

    protected override ISearchEngine CreateEngine() =>
        new ElasticsearchSearchEngine(_client!, new ElasticsearchOptions { IndexPrefix = _prefix, RebuildBatchSize = 64 });

    /// <summary>Deletes the test's indexes by name: Elasticsearch refuses wildcard deletes by default (<c>action.destructive_requires_name</c>).</summary>
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        var listed = await _client!.Transport.RequestAsync<StringResponse>(
            new EndpointPath(Elastic.Transport.HttpMethod.GET, $"/_cat/indices/{_prefix}-*?h=index&format=json"), null, null, null, default);
        var names = (JsonNode.Parse(listed.Body) as JsonArray ?? []).Select(index => (string?)index?["index"]).OfType<string>().ToList();
        if (names.Count > 0)
        {
            await _client.Transport.RequestAsync<StringResponse>(
                new EndpointPath(Elastic.Transport.HttpMethod.DELETE, "/" + string.Join(',', names)), null, null, null, default);
        }
    }
}
