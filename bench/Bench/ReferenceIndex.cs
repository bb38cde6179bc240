using System.Diagnostics;
using DongNai.Domain.Listings;
using DongNai.Domain.Places;
using DongNai.Search;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace DongNai.Bench;

/// <summary>The filterable values of one listing, as the engine receives them in its <see cref="SearchDocument"/>.</summary>
internal sealed record ReferenceListing(
    ListingKind Kind,
    long Id,
    double? Latitude,
    double? Longitude,
    long? PriceMin,
    long? PriceMax,
    double? AreaM2,
    long ExpiresMs,
    bool SoldOut,
    IReadOnlyDictionary<string, string[]> Keywords);

/// <summary>What a filter-only query must return: the ids, the total, and the facet counts.</summary>
internal sealed record ReferenceAnswer(HashSet<long> Ids, Dictionary<string, Dictionary<string, int>> Facets);

/// <summary>
/// A brute-force oracle for filter-only queries: every listing's filterable values in memory, and
/// <see cref="Evaluate"/> applying the documented semantics of <see cref="SearchQuery"/> by a
/// plain scan. It is the third opinion in the cross-check (and the only one in quick mode, which
/// runs without PostgreSQL). Also gathers what the workload and the peer need from the data: counts
/// per kind, a sample of titles for autocomplete prefixes, and the autocomplete phrase counts.
/// </summary>
internal sealed class ReferenceIndex
{
    private const int TitleSampleSize = 4_000;

    private readonly Dictionary<ListingKind, List<ReferenceListing>> _byKind = ListingKinds.All.ToDictionary(kind => kind, _ => new List<ReferenceListing>());

    public IReadOnlyDictionary<ListingKind, List<ReferenceListing>> ByKind => _byKind;

    public long Count => _byKind.Values.Sum(list => (long)list.Count);

    public List<string> TitleSample { get; } = [];

    /// <summary>(kind, folded phrase, phrase as written) → listings carrying it.</summary>
    public Dictionary<(ListingKind Kind, string Folded, string Display), int> Suggestions { get; } = [];

    /// <summary>Reads every document once; returns the oracle and how long reading and building the documents took.</summary>
    public static async Task<(ReferenceIndex Index, double Seconds)> ReadAsync(
        BenchData data, PlaceCatalog places, long expected, bool collectSuggestions, int seed, CancellationToken cancellationToken)
    {
        var index = new ReferenceIndex();
        var random = new Random(seed ^ 0x7177E5);
        var interned = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = 0L;
        var clock = Stopwatch.StartNew();
        await Ui.ProgressAsync($"Reading {expected:N0} listings back from SQLite as search documents", expected, async report =>
        {
            await foreach (var document in data.ReadDocumentsAsync(places, cancellationToken))
            {
                index.Add(document, interned);
                seen++;
                if (index.TitleSample.Count < TitleSampleSize)
                {
                    index.TitleSample.Add(document.Title);
                }
                else if (random.NextInt64(seen) < TitleSampleSize)
                {
                    index.TitleSample[random.Next(TitleSampleSize)] = document.Title;
                }

                if (collectSuggestions)
                {
                    foreach (var (folded, display) in SuggestPhrases.Of(document))
                    {
                        var key = (document.Kind, folded, display);
                        index.Suggestions[key] = index.Suggestions.GetValueOrDefault(key) + 1;
                    }
                }

                if (seen % 10_000 == 0)
                {
                    report(seen);
                }
            }
        });
        clock.Stop();
        return (index, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The answer to a filter-only query by a full scan, following <see cref="SearchQuery"/>'s documented semantics.</summary>
    public ReferenceAnswer Evaluate(SearchQuery query)
    {
        if (!string.IsNullOrWhiteSpace(query.Text) || query.DepartureFrom.HasValue || query.DepartureTo.HasValue || query.Kind is null)
        {
            throw new ArgumentException("The oracle answers filter-only queries of one kind (no text, no departure window).", nameof(query));
        }

        var nowMs = UnixMilliseconds(query.Now);
        var polygon = query.Geo is GeoPolygon area ? area.ToGeometry() : null;
        var ids = new HashSet<long>();
        var facets = query.Facets.ToDictionary(field => field, _ => new Dictionary<string, int>(StringComparer.Ordinal), StringComparer.Ordinal);
        var bands = query.PriceBands is { } edges ? new int[edges.Count + 1] : null;
        foreach (var listing in _byKind[query.Kind.Value])
        {
            if (!Matches(listing, query, nowMs) || (polygon is not null && !Covers(polygon, listing)))
            {
                continue;
            }

            ids.Add(listing.Id);
            foreach (var (field, counts) in facets)
            {
                if (listing.Keywords.TryGetValue(field, out var values))
                {
                    foreach (var value in values.Distinct(StringComparer.Ordinal))
                    {
                        counts[value] = counts.GetValueOrDefault(value) + 1;
                    }
                }
            }

            if (bands is not null && listing is { PriceMin: { } low, PriceMax: { } high })
            {
                var bandEdges = query.PriceBands!;
                for (var i = 0; i <= bandEdges.Count; i++)
                {
                    var bandLow = i == 0 ? long.MinValue : bandEdges[i - 1];
                    var bandHigh = i == bandEdges.Count ? long.MaxValue : bandEdges[i] - 1;
                    if (low <= bandHigh && high >= bandLow)
                    {
                        bands[i]++;
                    }
                }
            }
        }

        if (bands is not null)
        {
            var bandEdges = query.PriceBands!;
            facets[SearchQuery.PriceFacet] = Enumerable.Range(0, bands.Length).ToDictionary(
                i => $"{(i == 0 ? "*" : bandEdges[i - 1].ToString())}-{(i == bandEdges.Count ? "*" : bandEdges[i].ToString())}",
                i => bands[i],
                StringComparer.Ordinal);
        }

        return new ReferenceAnswer(ids, facets);
    }

    /// <summary>The listing of a kind with an id (each kind's list is in ascending id order, as read).</summary>
    public ReferenceListing? Find(ListingKind kind, long id)
    {
        var list = _byKind[kind];
        var index = list.BinarySearch(new ReferenceListing(kind, id, null, null, null, null, null, 0, false, EmptyKeywords), IdOrder.Instance);
        return index >= 0 ? list[index] : null;
    }

    public static long UnixMilliseconds(DateTime instant)
    {
        var utc = instant.Kind == DateTimeKind.Local ? instant.ToUniversalTime() : instant;
        return (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
    }

    private static readonly Dictionary<string, string[]> EmptyKeywords = [];

    /// <summary>
    /// Inside the polygon or on its edge, by a plain scan of the ring (NetTopologySuite's simple
    /// locator, not the indexed one the engine uses).
    /// </summary>
    private static bool Covers(Polygon polygon, ReferenceListing listing) =>
        listing is { Latitude: { } latitude, Longitude: { } longitude }
        && SimplePointInAreaLocator.Locate(new Coordinate(longitude, latitude), polygon) != Location.Exterior;

    private static bool Matches(ReferenceListing listing, SearchQuery query, long nowMs)
    {
        if (listing.ExpiresMs <= nowMs || listing.SoldOut)
        {
            return false;
        }

        if (query.MinPrice is { } min && !(listing.PriceMax >= min))
        {
            return false;
        }

        if (query.MaxPrice is { } max && !(listing.PriceMin <= max))
        {
            return false;
        }

        if ((query.MinArea.HasValue || query.MaxArea.HasValue)
            && (listing.AreaM2 is not { } area || area < query.MinArea || area > query.MaxArea))
        {
            return false;
        }

        switch (query.Geo)
        {
            case GeoRadius radius:
                if (listing is not { Latitude: { } lat, Longitude: { } lon }
                    || GeoMath.HaversineKm(radius.Centre.Latitude, radius.Centre.Longitude, lat, lon) > radius.Km)
                {
                    return false;
                }

                break;
            case GeoBoundingBox box:
                if (listing is not { Latitude: { } boxLat, Longitude: { } boxLon }
                    || boxLat < box.MinLatitude || boxLat > box.MaxLatitude || boxLon < box.MinLongitude || boxLon > box.MaxLongitude)
                {
                    return false;
                }

                break;
        }

        foreach (var (field, wanted) in query.Filters)
        {
            if (!listing.Keywords.TryGetValue(field, out var values) || !values.Any(value => wanted.Contains(value, StringComparer.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    private void Add(SearchDocument document, Dictionary<string, string> interned)
    {
        string Intern(string value)
        {
            if (!interned.TryGetValue(value, out var shared))
            {
                interned[value] = shared = value;
            }

            return shared;
        }

        var keywords = document.Keywords.ToDictionary(
            pair => Intern(pair.Key),
            pair => pair.Value.Select(Intern).ToArray(),
            StringComparer.Ordinal);
        _byKind[document.Kind].Add(new ReferenceListing(
            document.Kind,
            document.Id,
            document.Latitude,
            document.Longitude,
            document.PriceMin,
            document.PriceMax,
            document.AreaM2,
            document.ExpiresAt is { } expires ? UnixMilliseconds(expires) : long.MaxValue,
            document.QuantityRemaining is <= 0,
            keywords));
    }

    private sealed class IdOrder : IComparer<ReferenceListing>
    {
        public static readonly IdOrder Instance = new();

        public int Compare(ReferenceListing? x, ReferenceListing? y) => (x?.Id ?? 0).CompareTo(y?.Id ?? 0);
    }
}
