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
    /// <exception cref="InvalidCursorException">The cursor is malformed, or belongs to a search of another kind (or all kinds) or another sort.</exception>
    Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default);

    /// <summary>Completions for what a user has typed so far, most common first.</summary>
    Task<IReadOnlyList<Suggestion>> SuggestAsync(SuggestQuery query, CancellationToken cancellationToken = default);

    /// <summary>Live listings of the same kind similar to the given one, best first; empty when the listing is unknown.</summary>
    Task<IReadOnlyList<SearchHit>> RelatedAsync(RelatedQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// A corrected text for a query that may hold typos, built from the words of the live listings:
    /// null when every word is a word some live listing holds, or when no unknown word has a close
    /// enough word among the listings of <see cref="SpellingQuery.Kind"/> (or of all kinds).
    /// </summary>
    /// <remarks>
    /// <para>
    /// Words are taken accent-insensitively and corrected one by one. A word some live listing (of
    /// any kind) holds is kept: a word only another kind uses is not a typo, and a search of one kind
    /// that finds nothing for it needs relaxing instead (see <see cref="WordFrequenciesAsync"/>).
    /// Numbers and words of one or two letters are kept too. Another word is replaced by a word of
    /// the kind's listings within one edit (words of three or four letters) or two edits (longer
    /// words), where a swap of two neighbouring letters is one edit and the first letter must be
    /// right; among several, the one that forms a word pair the listings hold with its neighbours
    /// wins ("phong tor" → "tro", as in "phong tro"), then the closer, then the more frequent. A
    /// word with no such word that close is kept as typed.
    /// </para>
    /// <para>
    /// The text comes back as words separated by single spaces, lower case, punctuation dropped. A
    /// word typed with accents keeps them (unless it was corrected); every other word is given the
    /// accents the listings' titles write it with (of its forms, the one titles most often hold
    /// together with the neighbouring words, else the most frequent: "phong tor" → "phòng trọ",
    /// "ke toan" → "kế toán"), and stays without accents when no title holds it. Searching the
    /// result finds what the corrected words find. Expired listings not deleted yet count as live,
    /// as in <see cref="CountAsync"/>.
    /// </para>
    /// <para>
    /// In Elasticsearch: a <c>term</c> suggester per word on the folded text field
    /// (<c>suggest_mode: missing</c>, <c>max_edits</c> 1 or 2, <c>prefix_length: 1</c>,
    /// <c>sort: score</c> then frequency) with a <c>phrase</c> suggester over the folded word-pair
    /// field for the neighbour check, or the same steps as here over <c>_termvectors</c>/terms
    /// aggregations; accents from a <c>terms</c> aggregation on the accented title words whose
    /// folded form is the corrected word. The kind restricts both through a filter.
    /// </para>
    /// </remarks>
    Task<string?> CorrectSpellingAsync(SpellingQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// For each given word, how many live listings (of <paramref name="kind"/>, or of all kinds) hold
    /// it in their text, accent-insensitively and as typed (no synonyms, no typo tolerance); a word
    /// that folds to several words ("wc-riêng") counts the listings that hold all of them, and a word
    /// with no letters or digits counts 0. Keys are the words as given. Lets a caller relax a search
    /// that found nothing by dropping its rarest word first (a word no listing holds has 0).
    /// Expired listings not deleted yet count, as in <see cref="CountAsync"/>.
    /// </summary>
    /// <remarks>In Elasticsearch: one <c>_count</c> (or a <c>filters</c> aggregation with a bucket per word) of a <c>match</c> on the folded text field with <c>operator: and</c>, filtered by kind.</remarks>
    /// <exception cref="ArgumentException">More than <see cref="SpellingQuery.MaxWords"/> words.</exception>
    Task<IReadOnlyDictionary<string, int>> WordFrequenciesAsync(IReadOnlyList<string> words, ListingKind? kind = null, CancellationToken cancellationToken = default);

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
