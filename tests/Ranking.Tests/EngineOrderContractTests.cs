using DongNai.Domain.Listings;
using DongNai.Search;
using DongNai.Search.Lucene;
using DongNai.Search.Tests.Contract;

namespace DongNai.Ranking.Tests;

/// <summary>
/// The whole engine contract suite, with every search going through <see cref="RankedSearch"/>'s
/// window machinery and the default <see cref="EngineOrderRanker"/> (pass-through off): the
/// default ranker must keep today's order, totals, facets and paging on every contract case.
/// </summary>
public sealed class EngineOrderContractTests : SearchEngineContractTests
{
    private readonly string _indexPath = Path.Combine(Path.GetTempPath(), "dongnai-ranking-tests", Guid.NewGuid().ToString("N"));

    protected override ISearchEngine CreateEngine() =>
        new RankedEngine(new LuceneSearchEngine(new LuceneOptions { IndexPath = _indexPath, RebuildBatchSize = 64 }));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_indexPath))
        {
            Directory.Delete(_indexPath, recursive: true);
        }
    }

    /// <summary>An engine whose searches are answered by <see cref="RankedSearch"/> over the inner engine; everything else passes through.</summary>
    private sealed class RankedEngine(ISearchEngine inner) : ISearchEngine
    {
        private readonly RankedSearch _search = new(inner, new EngineOrderRanker(), new RankingOptions { PassThroughEngineOrder = false });

        public Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default) =>
            _search.SearchAsync(new RankingContext { Query = query }, cancellationToken);

        public Task UpsertAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken cancellationToken = default) => inner.UpsertAsync(documents, cancellationToken);

        public Task DeleteAsync(ListingKind kind, long id, int version, CancellationToken cancellationToken = default) => inner.DeleteAsync(kind, id, version, cancellationToken);

        public Task<IReadOnlyList<Suggestion>> SuggestAsync(SuggestQuery query, CancellationToken cancellationToken = default) => inner.SuggestAsync(query, cancellationToken);

        public Task<IReadOnlyList<SearchHit>> RelatedAsync(RelatedQuery query, CancellationToken cancellationToken = default) => inner.RelatedAsync(query, cancellationToken);

        public Task<string?> CorrectSpellingAsync(SpellingQuery query, CancellationToken cancellationToken = default) => inner.CorrectSpellingAsync(query, cancellationToken);

        public Task<IReadOnlyDictionary<string, int>> WordFrequenciesAsync(IReadOnlyList<string> words, ListingKind? kind = null, CancellationToken cancellationToken = default) =>
            inner.WordFrequenciesAsync(words, kind, cancellationToken);

        public Task RefreshAsync(CancellationToken cancellationToken = default) => inner.RefreshAsync(cancellationToken);

        public Task CommitAsync(CancellationToken cancellationToken = default) => inner.CommitAsync(cancellationToken);

        public Task<long> CountAsync(ListingKind? kind = null, CancellationToken cancellationToken = default) => inner.CountAsync(kind, cancellationToken);

        public Task RebuildAsync(IAsyncEnumerable<SearchDocument> documents, CancellationToken cancellationToken = default) => inner.RebuildAsync(documents, cancellationToken);

        public void Dispose() => inner.Dispose();
    }
}
