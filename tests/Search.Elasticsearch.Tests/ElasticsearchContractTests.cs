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

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _client!.Transport.RequestAsync<StringResponse>(new EndpointPath(Elastic.Transport.HttpMethod.DELETE, $"/{_prefix}-*"), null, null, null, default);
    }
}
