using DongNai.Domain.Listings;
using DongNai.Search;
using DongNai.Search.Api.Searching;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace DongNai.Bench;

/// <summary>
/// Runs the mix in process against the engine, with the very <see cref="SearchQuery"/> the HTTP
/// endpoint would run: each query string is parsed by the service's own
/// <see cref="SearchRequestParser"/> and kind profile (facets, price bands), once, before timing.
/// Suggest and related calls use the endpoints' defaults (8 and 10). Thread-safe.
/// </summary>
internal sealed class OurEngine(ISearchEngine engine, SearchRequestParser parser, DateTime now)
{
    private readonly Dictionary<BenchQuery, SearchQuery> _parsed = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _gate = new();

    public ISearchEngine Engine => engine;

    public DateTime Now => now;

    /// <summary>Runs the rerank and feed types; null when the harness measures neither.</summary>
    public RankingBench? Ranking { get; set; }

    /// <summary>The engine query of a search-type query, as the endpoint builds it.</summary>
    public SearchQuery ToSearchQuery(BenchQuery query)
    {
        lock (_gate)
        {
            if (_parsed.TryGetValue(query, out var parsed))
            {
                return parsed;
            }
        }

        var parameters = new QueryCollection(QueryHelpers.ParseQuery(query.QueryString()));
        var (result, _, errors) = parser.Parse(parameters, ListingKinds.Get(query.Kind!.Value), now);
        if (result is null)
        {
            throw new InvalidOperationException($"The service refuses {query}: {string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"))}");
        }

        lock (_gate)
        {
            _parsed[query] = result;
        }

        return result;
    }

    /// <summary>Runs one query; returns how many results it found (the total for searches, the list length otherwise).</summary>
    public async Task<int> RunAsync(BenchQuery query, CancellationToken cancellationToken)
    {
        switch (query.Type)
        {
            case QueryType.Autocomplete:
                var suggestions = await engine.SuggestAsync(new SuggestQuery { Prefix = query.Prefix!, Kind = query.Kind, Size = query.Size }, cancellationToken);
                return suggestions.Count;
            case QueryType.Related:
                var related = await engine.RelatedAsync(new RelatedQuery { Kind = query.Kind!.Value, Id = query.RelatedId!.Value, Size = query.Size, Now = now }, cancellationToken);
                return related.Count;
            case QueryType.Rerank:
                return await Ranking!.RerankAsync(query, ToSearchQuery(query), cancellationToken);
            case QueryType.Feed:
                return await Ranking!.FeedAsync(query, cancellationToken);
            default:
                var result = await engine.SearchAsync(ToSearchQuery(query), cancellationToken);
                return result.Total;
        }
    }
}
