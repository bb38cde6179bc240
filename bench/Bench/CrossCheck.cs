using DongNai.Domain.Places;
using DongNai.Search;
using Npgsql;

namespace DongNai.Bench;

internal sealed record CrossCheckFailure(string Query, string What, string Detail);

internal sealed record CrossCheckResult(
    int Queries,
    int EngineIdSets,
    int EngineTotalsOnly,
    int PeerIdSets,
    int FacetComparisons,
    int BoundaryTiesAccepted,
    long IdsCompared,
    IReadOnlyList<CrossCheckFailure> Failures)
{
    public bool Passed => Failures.Count == 0;
}

/// <summary>
/// The correctness cross-check of filter-only queries (radius, bounding box, price ranges,
/// categories): the engine, the brute-force oracle and (when it runs) PostgreSQL must agree on the
/// total, the facet counts and the price bands, and on the full set of ids. The engine's ids are
/// collected by paging through the cursor (which also checks that paging neither repeats nor skips),
/// up to <see cref="EnginePagingLimit"/> results; above that its total and facets are compared.
/// The peer's ids are always compared in full.
/// </summary>
/// <remarks>
/// Radius: the engine and the oracle use the haversine distance on a sphere of 6,371.0088 km;
/// PostGIS's <c>ST_DWithin(geography, geography, m, false)</c> uses a sphere of 6,371,008.7714 m and
/// its own formula. A listing whose distance lies within 1 mm of the radius may fall either side in
/// floating point: such a difference is counted as a boundary tie, any other is a failure.
/// </remarks>
internal static class CrossCheck
{
    public const int EnginePagingLimit = 5_000;
    private const double BoundaryToleranceKm = 1e-6;

    public static async Task<CrossCheckResult> RunAsync(
        IReadOnlyList<QueryType> types,
        IReadOnlyDictionary<QueryType, IReadOnlyList<BenchQuery>> workload,
        OurEngine ours,
        ReferenceIndex oracle,
        NpgsqlConnection? peer,
        DateTime now,
        int perType,
        Action<double> report,
        CancellationToken cancellationToken)
    {
        var failures = new List<CrossCheckFailure>();
        int queries = 0, engineIdSets = 0, totalsOnly = 0, peerIdSets = 0, facetComparisons = 0, ties = 0;
        long idsCompared = 0;
        foreach (var type in types.Where(t => t.IsFilterOnly()))
        {
            foreach (var query in workload[type].Take(perType))
            {
                var search = ours.ToSearchQuery(query);
                var expected = oracle.Evaluate(search);
                var name = query.ToString();
                queries++;

                var first = await ours.Engine.SearchAsync(search, cancellationToken);
                if (first.Total != expected.Ids.Count)
                {
                    failures.Add(new(name, "engine total", $"engine {first.Total}, oracle {expected.Ids.Count}"));
                }

                facetComparisons++;
                CompareFacets(name, "engine facets", Facets(first), expected.Facets, failures);

                if (expected.Ids.Count <= EnginePagingLimit)
                {
                    engineIdSets++;
                    var (ids, repeated) = await AllIdsAsync(ours.Engine, search, cancellationToken);
                    idsCompared += ids.Count;
                    if (repeated > 0)
                    {
                        failures.Add(new(name, "engine paging", $"{repeated} ids came twice while paging with the cursor"));
                    }

                    CompareIds(name, "engine ids", ids, expected.Ids, null, oracle, search, failures, ref ties);
                }
                else
                {
                    totalsOnly++;
                }

                if (peer is not null)
                {
                    peerIdSets++;
                    var peerIds = await PostgresPeer.IdsAsync(peer, search, cancellationToken);
                    idsCompared += peerIds.Count;
                    var tiesBefore = ties;
                    CompareIds(name, "peer ids", peerIds, expected.Ids, search.Geo as GeoRadius, oracle, search, failures, ref ties);
                    var answer = await PostgresPeer.SearchAnswerAsync(peer, PostgresPeer.Statement(query, search, now), cancellationToken);
                    if (answer.Total != peerIds.Count)
                    {
                        failures.Add(new(name, "peer total", $"peer's search says {answer.Total}, its id query {peerIds.Count}"));
                    }

                    if (ties == tiesBefore)
                    {
                        facetComparisons++;
                        CompareFacets(name, "peer facets", answer.Facets, expected.Facets, failures);
                    }
                }

                report(queries);
            }
        }

        return new CrossCheckResult(queries, engineIdSets, totalsOnly, peerIdSets, facetComparisons, ties, idsCompared, failures);
    }

    private static async Task<(HashSet<long> Ids, int Repeated)> AllIdsAsync(ISearchEngine engine, SearchQuery search, CancellationToken cancellationToken)
    {
        var ids = new HashSet<long>();
        var repeated = 0;
        string? cursor = null;
        var query = search with { Size = SearchQuery.MaxSize, Facets = [], PriceBands = null };
        do
        {
            var page = await engine.SearchAsync(query with { Cursor = cursor }, cancellationToken);
            foreach (var hit in page.Hits)
            {
                repeated += ids.Add(hit.Id) ? 0 : 1;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return (ids, repeated);
    }

    private static Dictionary<string, Dictionary<string, int>> Facets(SearchResult result) =>
        result.Facets.ToDictionary(
            facet => facet.Key,
            facet => facet.Value.Where(v => v.Count > 0).ToDictionary(v => v.Value, v => v.Count, StringComparer.Ordinal),
            StringComparer.Ordinal);

    private static void CompareFacets(
        string name, string what, Dictionary<string, Dictionary<string, int>> actual, Dictionary<string, Dictionary<string, int>> expected, List<CrossCheckFailure> failures)
    {
        foreach (var (field, counts) in expected)
        {
            var wanted = counts.Where(pair => pair.Value > 0).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
            var got = actual.TryGetValue(field, out var values)
                ? values.Where(pair => pair.Value > 0).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal)
                : [];
            var differences = wanted.Keys.Union(got.Keys)
                .Where(key => wanted.GetValueOrDefault(key) != got.GetValueOrDefault(key))
                .Take(5)
                .Select(key => $"{key}: {got.GetValueOrDefault(key)} (expected {wanted.GetValueOrDefault(key)})")
                .ToList();
            if (differences.Count > 0)
            {
                failures.Add(new(name, $"{what} '{field}'", string.Join("; ", differences)));
            }
        }
    }

    private static void CompareIds(
        string name, string what, HashSet<long> actual, HashSet<long> expected, GeoRadius? tolerantRadius,
        ReferenceIndex oracle, SearchQuery search, List<CrossCheckFailure> failures, ref int ties)
    {
        if (actual.SetEquals(expected))
        {
            return;
        }

        var extra = actual.Except(expected).ToList();
        var missing = expected.Except(actual).ToList();
        var unexplained = new List<string>();
        foreach (var (id, side) in extra.Select(id => (id, "extra")).Concat(missing.Select(id => (id, "missing"))))
        {
            var listing = oracle.Find(search.Kind!.Value, id);
            if (tolerantRadius is not null && listing is { Latitude: { } lat, Longitude: { } lon })
            {
                var km = GeoMath.HaversineKm(tolerantRadius.Centre.Latitude, tolerantRadius.Centre.Longitude, lat, lon);
                if (Math.Abs(km - tolerantRadius.Km) <= BoundaryToleranceKm)
                {
                    ties++;
                    continue;
                }
            }

            unexplained.Add(Describe(id, side, listing, search));
        }

        if (unexplained.Count > 0)
        {
            failures.Add(new(name, what, $"{extra.Count} extra, {missing.Count} missing; e.g. {string.Join(" | ", unexplained.Take(5))}"));
        }
    }

    private static string Describe(long id, string side, ReferenceListing? listing, SearchQuery search)
    {
        if (listing is null)
        {
            return $"{side} id {id} (not in the data)";
        }

        var distance = search.Geo is GeoRadius radius && listing is { Latitude: { } lat, Longitude: { } lon }
            ? $", {GeoMath.HaversineKm(radius.Centre.Latitude, radius.Centre.Longitude, lat, lon):F6} km of {radius.Km}"
            : "";
        return $"{side} id {id} at ({listing.Latitude}, {listing.Longitude}){distance}, price {listing.PriceMin}–{listing.PriceMax}, "
            + $"expires {(listing.ExpiresMs == long.MaxValue ? "never" : DateTime.UnixEpoch.AddMilliseconds(listing.ExpiresMs).ToString("u"))}, soldOut {listing.SoldOut}, "
            + string.Join(' ', listing.Keywords.Select(k => $"{k.Key}=[{string.Join(',', k.Value)}]"));
    }
}
