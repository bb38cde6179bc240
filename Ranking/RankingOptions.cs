using DongNai.Search;

namespace DongNai.Ranking;

/// <summary>How <see cref="RankedSearch"/> re-ranks relevance results. Checked when the service is created.</summary>
public sealed class RankingOptions
{
    /// <summary>
    /// How many of the engine's top hits the ranker re-orders (1–<see cref="SearchQuery.MaxSize"/>).
    /// Past them, results continue in the engine's order.
    /// </summary>
    public int WindowSize { get; set; } = SearchQuery.MaxSize;

    /// <summary>
    /// When the ranker is <see cref="EngineOrderRanker"/>, answer with the engine's page and cursor
    /// directly instead of fetching and re-ordering a window that would come out the same.
    /// </summary>
    public bool PassThroughEngineOrder { get; set; } = true;
}
