using DongNai.Search;

namespace DongNai.Ranking;

/// <summary>
/// Search with re-ranking: for <see cref="SearchSort.Relevance"/>, the engine's top
/// <see cref="RankingOptions.WindowSize"/> hits (200 by default, fetched in one engine call without
/// highlights) are re-ordered by the <see cref="IRanker"/>, and
/// results continue past them in the engine's order. Every other sort, and a context with
/// <see cref="RankingContext.Personalize"/> off, goes to the engine unchanged.
/// </summary>
/// <remarks>
/// <para>
/// Paging is stable and repeat-free while nothing is written between pages: each page fetches the
/// same window again (same query, same scoring instant, carried in the cursor), scores it again
/// (rankers are deterministic) and continues strictly after the last shown (ranker score, kind,
/// id). When the window runs out, the page is filled from the engine's own cursor after the
/// window's last hit in engine order, which never returns a window hit, and later pages carry
/// that cursor on. Writes between pages can move listings across the window's edge, as with any
/// search-after over relevance.
/// </para>
/// <para>
/// Cost: a window is one engine call without highlights; the shown part of it is fetched again, restricted
/// to those listings, for its highlights. With <see cref="EngineOrderRanker"/> and
/// <see cref="RankingOptions.PassThroughEngineOrder"/>, the engine's page and cursor are returned as
/// they are. Total and facets always come from the engine. Cursors of the two paths differ; one
/// from the other path is refused like a malformed cursor.
/// </para>
/// <para>Thread-safe: holds only the engine, the ranker and the options.</para>
/// </remarks>
public sealed class RankedSearch
{
    private readonly ISearchEngine _engine;
    private readonly IRanker _ranker;
    private readonly int _windowSize;
    private readonly bool _passThrough;

    public RankedSearch(ISearchEngine engine, IRanker ranker, RankingOptions options)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(ranker);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WindowSize, 1, nameof(options.WindowSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.WindowSize, RankingOptions.MaxWindowSize, nameof(options.WindowSize));
        _engine = engine;
        _ranker = ranker;
        _windowSize = options.WindowSize;
        _passThrough = options.PassThroughEngineOrder && ranker is EngineOrderRanker;
    }

    /// <summary>One page of <paramref name="context"/>'s query, re-ranked when it is sorted by relevance.</summary>
    /// <exception cref="ArgumentException">A value of the query is out of range.</exception>
    /// <exception cref="InvalidCursorException">The cursor is malformed, or was not issued by this service for this kind and sort.</exception>
    /// <exception cref="InvalidOperationException">The ranker broke its contract (a missing or non-finite score).</exception>
    public async Task<SearchResult> SearchAsync(RankingContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = context.Query;
        ArgumentNullException.ThrowIfNull(query);
        if (query.Sort != SearchSort.Relevance || _passThrough || !context.Personalize)
        {
            return await _engine.SearchAsync(query, cancellationToken);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(query.Size, 1, nameof(query.Size));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Size, query.SizeLimit, nameof(query.Size));
        var cursor = query.Cursor is null
            ? new WindowCursor(query.Kind, _windowSize, UnixMilliseconds(query.ScoringNow ?? query.Now), After: null)
            : RankedCursor.Decode(query.Cursor, query.Kind);
        return cursor switch
        {
            WindowCursor window => await WindowPageAsync(context, window, cancellationToken),
            PastWindowCursor past => await PastWindowPageAsync(query, past.EngineCursor, cancellationToken),
            _ => throw new InvalidOperationException("Unknown cursor phase."),
        };
    }

    private async Task<SearchResult> WindowPageAsync(RankingContext context, WindowCursor cursor, CancellationToken cancellationToken)
    {
        var query = context.Query;
        var scoringNow = DateTime.UnixEpoch.AddTicks(cursor.ScoringNowMs * TimeSpan.TicksPerMillisecond);
        // One engine call for the whole window: without highlights a page may hold up to
        // SearchQuery.MaxUnhighlightedSize hits, and RankingOptions keeps the window within it.
        // The hits carry their kind's category, which a personal ranker reads (category affinity),
        // whether or not the page counts facets.
        var categories = context.User is null
            ? query.HitKeywords
            : query.HitKeywords.Union(Features.UserRankingProfile.CategoryFields(query.Kind is { } kind ? [kind] : Domain.Listings.ListingKinds.All), StringComparer.Ordinal).ToList();
        var windowQuery = query with { Cursor = null, Size = cursor.WindowSize, ScoringNow = scoringNow, Highlight = false, HitKeywords = categories };
        var window = await _engine.SearchAsync(windowQuery, cancellationToken);
        var ranked = Rank(context with { Query = windowQuery with { Now = scoringNow } }, window.Hits);

        var start = cursor.After is { } after ? FirstAfter(ranked, after) : 0;
        var shown = ranked.Skip(start).Take(query.Size).ToList();
        var hits = await WithHighlightsAsync(query, scoringNow, shown.Select(entry => entry.Hit).ToList(), cancellationToken);
        string? next;
        if (start + shown.Count < ranked.Count)
        {
            next = (cursor with { After = shown[^1].Key }).Encode();
        }
        else if (window.NextCursor is null)
        {
            next = null;
        }
        else if (hits.Count == query.Size)
        {
            next = new PastWindowCursor(window.NextCursor).Encode();
        }
        else
        {
            var past = await _engine.SearchAsync(query with { Cursor = window.NextCursor, Size = query.Size - hits.Count }, cancellationToken);
            hits.AddRange(past.Hits);
            next = past.NextCursor is null ? null : new PastWindowCursor(past.NextCursor).Encode();
        }

        return window with { Hits = hits, NextCursor = next };
    }

    private async Task<SearchResult> PastWindowPageAsync(SearchQuery query, string engineCursor, CancellationToken cancellationToken)
    {
        var page = await _engine.SearchAsync(query with { Cursor = engineCursor }, cancellationToken);
        return page with { NextCursor = page.NextCursor is null ? null : new PastWindowCursor(page.NextCursor).Encode() };
    }

    /// <summary>The window in the ranker's order, each hit with its key.</summary>
    private List<(RankKey Key, SearchHit Hit)> Rank(RankingContext context, IReadOnlyList<SearchHit> window)
    {
        var scores = _ranker.Score(context, window);
        if (scores.Count != window.Count)
        {
            throw new InvalidOperationException($"The ranker {_ranker.GetType().Name} gave {scores.Count} scores for {window.Count} candidates.");
        }

        var ranked = new List<(RankKey Key, SearchHit Hit)>(window.Count);
        for (var i = 0; i < window.Count; i++)
        {
            if (!double.IsFinite(scores[i]))
            {
                throw new InvalidOperationException($"The ranker {_ranker.GetType().Name} gave a non-finite score.");
            }

            ranked.Add((new RankKey(scores[i], window[i].Kind, window[i].Id), window[i]));
        }

        ranked.Sort((a, b) => a.Key.CompareTo(b.Key));
        return ranked;
    }

    /// <summary>The index of the first entry strictly after <paramref name="after"/> (binary search over the sorted keys).</summary>
    private static int FirstAfter(List<(RankKey Key, SearchHit Hit)> ranked, RankKey after)
    {
        int low = 0, high = ranked.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (ranked[middle].Key <= after)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>
    /// The window's hits were fetched without highlights: fetch the shown ones again, restricted to
    /// them, with highlights. Nothing to mark without text.
    /// </summary>
    private async Task<List<SearchHit>> WithHighlightsAsync(SearchQuery query, DateTime scoringNow, List<SearchHit> hits, CancellationToken cancellationToken)
    {
        if (!query.Highlight || string.IsNullOrWhiteSpace(query.Text) || hits.Count == 0)
        {
            return hits;
        }

        var marked = await _engine.SearchAsync(
            query with
            {
                Cursor = null,
                Size = hits.Count,
                ScoringNow = scoringNow,
                Listings = hits.Select(hit => new ListingKey(hit.Kind, hit.Id)).ToList(),
                Facets = [],
                PriceBands = null,
                Highlight = true,
            },
            cancellationToken);
        var byKey = marked.Hits.ToDictionary(hit => new ListingKey(hit.Kind, hit.Id));
        return hits
            .Select(hit => byKey.TryGetValue(new ListingKey(hit.Kind, hit.Id), out var withMarks)
                ? hit with { TitleHighlight = withMarks.TitleHighlight, DescriptionHighlight = withMarks.DescriptionHighlight }
                : hit)
            .ToList();
    }

    /// <summary>As the engines count time: UTC Unix milliseconds.</summary>
    private static long UnixMilliseconds(DateTime instant)
    {
        var utc = instant.Kind == DateTimeKind.Local ? instant.ToUniversalTime() : instant;
        return (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
    }
}
