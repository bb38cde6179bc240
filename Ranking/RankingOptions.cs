using DongNai.Search;

namespace DongNai.Ranking;

/// <summary>How <see cref="RankedSearch"/> re-ranks relevance results. Checked when the service is created.</summary>
public sealed class RankingOptions
{
    /// <summary>The largest window: what the engine returns in one page without highlights.</summary>
    public const int MaxWindowSize = SearchQuery.MaxUnhighlightedSize;

    /// <summary>
    /// How many of the engine's top hits the ranker re-orders (1–<see cref="MaxWindowSize"/>), 200 by
    /// default as issue 11 asks, fetched in one engine call without highlights; the public page size stays at most
    /// <see cref="SearchQuery.MaxSize"/>. Past the window, results continue in the engine's order.
    /// </summary>
    public int WindowSize { get; set; } = DefaultWindowSize;

    /// <summary>The window the service re-ranks unless configured otherwise; the behaviour simulator uses it too.</summary>
    public const int DefaultWindowSize = 200;

    /// <summary>
    /// When the ranker is <see cref="EngineOrderRanker"/>, answer with the engine's page and cursor
    /// directly instead of fetching and re-ordering a window that would come out the same.
    /// </summary>
    public bool PassThroughEngineOrder { get; set; } = true;
}
