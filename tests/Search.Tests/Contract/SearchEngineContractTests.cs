using DongNai.Domain.Listings;
using DongNai.Search.Tests.Builders;

namespace DongNai.Search.Tests.Contract;

/// <summary>
/// The behaviour every <see cref="ISearchEngine"/> must show, whatever its technology. An engine's
/// test class derives from this one and creates the engine over fresh, empty storage; nothing here
/// may depend on how the engine is built.
/// </summary>
public abstract partial class SearchEngineContractTests : IAsyncLifetime
{
    protected ISearchEngine Engine { get; private set; } = null!;

    /// <summary>A new engine over fresh, empty storage (e.g. a temporary folder), owned by this test.</summary>
    protected abstract ISearchEngine CreateEngine();

    public virtual Task InitializeAsync()
    {
        Engine = CreateEngine();
        return Task.CompletedTask;
    }

    public virtual Task DisposeAsync()
    {
        Engine.Dispose();
        return Task.CompletedTask;
    }

    protected static SearchQuery Query(string? text = null) => new() { Text = text, Now = TestClock.Now, Size = SearchQuery.MaxSize };

    protected async Task IndexAsync(params ListingBuilder[] listings)
    {
        await Engine.UpsertAsync(listings.Select(l => l.Build()).ToList());
        await Engine.RefreshAsync();
    }

    protected async Task IndexAsync(IReadOnlyCollection<SearchDocument> documents)
    {
        await Engine.UpsertAsync(documents);
        await Engine.RefreshAsync();
    }

    protected async Task<IReadOnlyList<long>> IdsAsync(SearchQuery query)
    {
        var result = await Engine.SearchAsync(query);
        return result.Hits.Select(h => h.Id).ToList();
    }

    /// <summary>Every hit of a query, following cursors to the last page.</summary>
    protected async Task<List<SearchHit>> AllHitsAsync(SearchQuery query)
    {
        var hits = new List<SearchHit>();
        string? cursor = null;
        do
        {
            var page = await Engine.SearchAsync(query with { Cursor = cursor });
            hits.AddRange(page.Hits);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return hits;
    }
}
