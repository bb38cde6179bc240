using DongNai.Domain.Listings;

namespace DongNai.Search;

/// <summary>
/// The search engine port: keeps a derived index of <see cref="SearchDocument"/>s and answers
/// queries over it. The database stays the truth; the index can always be rebuilt from it.
/// </summary>
/// <remarks>
/// <para>
/// Lifecycle of a listing: <see cref="UpsertAsync"/> makes it searchable (within one second on the
/// embedded engine, at once after <see cref="RefreshAsync"/>); a later upsert with a version at
/// least as high replaces it; <see cref="DeleteAsync"/> removes it and remembers the deleted
/// version, so a replayed upsert of that version or an older one never brings it back. Writes are
/// durable after <see cref="CommitAsync"/>. <see cref="RebuildAsync"/> replaces the whole index
/// atomically: searches keep answering from the old index until the new one is complete.
/// </para>
/// <para>
/// Thread-safety: every member may be called concurrently from any thread. Writes are applied in
/// the order they are called; searches never block writes. Implementations are singletons that
/// own their storage; dispose them once, at shutdown.
/// </para>
/// </remarks>
public interface ISearchEngine : IDisposable
{
    /// <summary>
    /// Adds or replaces documents, idempotent by kind + id + version: a document whose version is
    /// lower than the indexed one (or not higher than a deletion's) is ignored; within one batch
    /// the highest version of a listing wins.
    /// </summary>
    Task UpsertAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes a listing as of <paramref name="version"/>. Ignored when a newer version is indexed;
    /// otherwise the deletion sticks against upserts of the same or an older version.
    /// </summary>
    Task DeleteAsync(ListingKind kind, long id, int version, CancellationToken cancellationToken = default);

    /// <summary>Answers one page of a query, with total, facets and the next cursor.</summary>
    /// <exception cref="ArgumentException">A value of the query is out of range.</exception>
    /// <exception cref="InvalidCursorException">The cursor is malformed or belongs to another sort.</exception>
    Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default);

    /// <summary>Completions for what a user has typed so far, most common first.</summary>
    Task<IReadOnlyList<Suggestion>> SuggestAsync(SuggestQuery query, CancellationToken cancellationToken = default);

    /// <summary>Live listings of the same kind similar to the given one, best first; empty when the listing is unknown.</summary>
    Task<IReadOnlyList<SearchHit>> RelatedAsync(RelatedQuery query, CancellationToken cancellationToken = default);

    /// <summary>Makes every write made so far visible to searches (tests and admin tools; the engine refreshes by itself).</summary>
    Task RefreshAsync(CancellationToken cancellationToken = default);

    /// <summary>Makes every write made so far durable; the indexer calls it after each batch.</summary>
    Task CommitAsync(CancellationToken cancellationToken = default);

    /// <summary>How many live (not deleted) listings are visible to searches, of one kind or of all.</summary>
    Task<long> CountAsync(ListingKind? kind = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Builds a complete new index from <paramref name="documents"/> and swaps it in atomically;
    /// writes made while it runs are carried over. Searches never see an empty or partial index.
    /// On failure or cancellation the current index stays as it was.
    /// </summary>
    Task RebuildAsync(IAsyncEnumerable<SearchDocument> documents, CancellationToken cancellationToken = default);
}
