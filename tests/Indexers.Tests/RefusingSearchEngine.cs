using DongNai.Domain.Listings;
using DongNai.Search;

namespace DongNai.Indexers.Tests;

/// <summary>
/// A test double of the engine port: a real engine that refuses the documents of the listings in
/// <see cref="Refused"/> (as an engine rejecting a document would), and fails every call while
/// <see cref="Down"/> is set (as an unreachable engine would). Everything else goes to the real engine.
/// </summary>
public sealed class RefusingSearchEngine(ISearchEngine inner) : ISearchEngine
{
    public HashSet<(ListingKind Kind, long Id)> Refused { get; } = [];

    public bool Down { get; set; }

    /// <summary>Calls that failed because <see cref="Down"/> was set.</summary>
    public int DownFailures => _downFailures;

    private int _downFailures;

    public Task UpsertAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        var refused = documents.FirstOrDefault(d => Refused.Contains((d.Kind, d.Id)));
        return refused is null
            ? inner.UpsertAsync(documents, cancellationToken)
            : throw new InvalidOperationException($"The engine refused {refused.Kind} {refused.Id}.");
    }

    public Task DeleteAsync(ListingKind kind, long id, int version, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return Refused.Contains((kind, id))
            ? throw new InvalidOperationException($"The engine refused to delete {kind} {id}.")
            : inner.DeleteAsync(kind, id, version, cancellationToken);
    }

    public Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return inner.SearchAsync(query, cancellationToken);
    }

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(SuggestQuery query, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return inner.SuggestAsync(query, cancellationToken);
    }

    public Task<IReadOnlyList<SearchHit>> RelatedAsync(RelatedQuery query, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return inner.RelatedAsync(query, cancellationToken);
    }

    public Task<string?> CorrectSpellingAsync(SpellingQuery query, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return inner.CorrectSpellingAsync(query, cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, int>> WordFrequenciesAsync(IReadOnlyList<string> words, ListingKind? kind = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return inner.WordFrequenciesAsync(words, kind, cancellationToken);
    }

    public Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return inner.RefreshAsync(cancellationToken);
    }

    public Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return inner.CommitAsync(cancellationToken);
    }

    public Task<long> CountAsync(ListingKind? kind = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return inner.CountAsync(kind, cancellationToken);
    }

    public Task RebuildAsync(IAsyncEnumerable<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return inner.RebuildAsync(documents, cancellationToken);
    }

    public void Dispose() => inner.Dispose();

    private void ThrowIfDown()
    {
        if (Down)
        {
            Interlocked.Increment(ref _downFailures);
            throw new IOException("The search engine cannot be reached.");
        }
    }
}
