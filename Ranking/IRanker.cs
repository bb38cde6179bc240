using DongNai.Search;

namespace DongNai.Ranking;

/// <summary>
/// Scores a window of search candidates for one request; <see cref="RankedSearch"/> shows them by
/// score, highest first, ties by kind then id.
/// </summary>
/// <remarks>
/// <para>
/// Pure and deterministic: the same context and the same candidates in the same order give the
/// same scores, bit for bit, on every call. Paging scores the window again on every page and
/// continues after the last shown score, so a ranker that drifts between calls repeats or skips
/// listings. Judge time by <see cref="SearchQuery.ScoringNow"/> of the context's query (always
/// set for a window), never by the clock.
/// </para>
/// <para>Thread-safe: one instance serves every request concurrently.</para>
/// </remarks>
public interface IRanker
{
    /// <summary>One finite score per candidate, in the candidates' order; higher ranks first.</summary>
    /// <param name="context">Who asks and what; the same on every page of one search.</param>
    /// <param name="candidates">The engine's top hits in the engine's relevance order, with their <see cref="SearchHit.Signals"/>.</param>
    IReadOnlyList<double> Score(RankingContext context, IReadOnlyList<SearchHit> candidates);
}

/// <summary>
/// What a ranker may know about a request. Immutable; new members are optional, so rankers that
/// ignore them keep working.
/// </summary>
public sealed record RankingContext
{
    /// <summary>
    /// The search. For a ranker, the first page's form of it: no cursor, <see cref="SearchQuery.Size"/>
    /// the window size, and <see cref="SearchQuery.Now"/> and <see cref="SearchQuery.ScoringNow"/>
    /// the instant the first page was scored at.
    /// </summary>
    public required SearchQuery Query { get; init; }

    /// <summary>The signed-in account, or null for an anonymous request.</summary>
    public long? AccountId { get; init; }

    /// <summary>
    /// What ranking knows about the signed-in user (places, recent tastes), loaded before the search;
    /// null for an anonymous request or when personalisation is off. Personalising rankers give the
    /// engine's order without it.
    /// </summary>
    public Features.UserRankingProfile? User { get; init; }

    /// <summary>
    /// False to get the engine's order exactly (<c>personalize=false</c>): <see cref="RankedSearch"/>
    /// then answers with the engine's page and cursor, whatever the ranker.
    /// </summary>
    public bool Personalize { get; init; } = true;
}
