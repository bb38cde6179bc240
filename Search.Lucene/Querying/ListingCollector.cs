using System.Buffers;
using DongNai.Domain.Places;
using DongNai.Search.Lucene.Indexing;
using DongNai.Search.Scoring;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace DongNai.Search.Lucene.Querying;

/// <summary>
/// A hit kept by <see cref="ListingCollector"/>: its place in the order and what the page needs
/// besides stored fields, including the text score, which only the scorer knows while it is on the document.
/// </summary>
internal readonly record struct Candidate(SortKey Key, int Doc, double Score, double TextScore, double? DistanceKm, long? PriceMin, long? PriceMax);

/// <summary>What <see cref="ListingCollector"/> needs to know about the query.</summary>
internal sealed record CollectorSettings
{
    public required SearchSort Sort { get; init; }

    public required int Size { get; init; }

    public required bool HasText { get; init; }

    /// <summary>The area a listing must lie in (for a radius, the box around it; the circle is checked too).</summary>
    public GeoBox? Box { get; init; }

    public GeoRadius? Radius { get; init; }

    /// <summary>
    /// The polygon a listing must lie in or on (x = longitude, y = latitude), checked after the
    /// <see cref="Box"/> (its envelope); an indexed locator, so each test costs O(log n) in the vertices.
    /// </summary>
    public IPointOnGeometryLocator? Polygon { get; init; }

    /// <summary>Listings that expire at or before this instant (Unix ms) are left out.</summary>
    public required long NowMs { get; init; }

    public long? MinPrice { get; init; }

    public long? MaxPrice { get; init; }

    public double? MinArea { get; init; }

    public double? MaxArea { get; init; }

    public GeoPoint? ReferencePoint { get; init; }

    public required long ScoringNowMs { get; init; }

    public SortKey? After { get; init; }

    public IReadOnlyList<string> Facets { get; init; } = [];

    public IReadOnlyList<long>? PriceBands { get; init; }

    /// <summary>Relevance weights by kind code (<see cref="SearchQuery.KindWeights"/>), or null for none.</summary>
    public IReadOnlyList<double>? KindWeights { get; init; }

    public bool FavourLowPrices { get; init; }
}

/// <summary>
/// One pass over the documents the query matched that does everything a page needs: the filters
/// kept in doc values (expiry, price and area ranges, the exact geo box and circle, since the
/// query only narrowed to covering cells), distance, the blended relevance score (times the
/// query's kind weight and low-price factor), total and facet
/// counts over the whole filtered set, and the top <c>Size</c> hits strictly after the cursor.
/// Reads doc values only. One instance per search; not thread-safe.
/// </summary>
internal sealed class ListingCollector : ICollector
{
    private readonly CollectorSettings _settings;
    private readonly FacetCounter[] _facets;
    private readonly int[] _bandCounts;
    private readonly PriorityQueue<Candidate, SortKey> _top;
    private readonly bool _needsPrice;
    private readonly bool _needsLocation;

    private Scorer? _scorer;
    private int _docBase;
    private NumericDocValues? _latitude;
    private NumericDocValues? _longitude;
    private NumericDocValues? _kind;
    private NumericDocValues? _id;
    private NumericDocValues? _priceMin;
    private NumericDocValues? _priceMax;
    private NumericDocValues? _updated;
    private NumericDocValues? _expires;
    private NumericDocValues? _area;

    public ListingCollector(CollectorSettings settings)
    {
        _settings = settings;
        _facets = settings.Facets.Select(field => new FacetCounter(field)).ToArray();
        _bandCounts = new int[(settings.PriceBands?.Count ?? -1) + 1];
        _top = new PriorityQueue<Candidate, SortKey>(settings.Size + 1, Comparer<SortKey>.Create((a, b) => b.CompareTo(a)));
        _needsPrice = settings.MinPrice.HasValue || settings.MaxPrice.HasValue || settings.PriceBands is not null
            || settings.Sort is SearchSort.PriceAscending or SearchSort.PriceDescending;
        _needsLocation = settings.Box.HasValue || settings.Radius is not null || settings.Polygon is not null || settings.ReferencePoint.HasValue;
    }

    /// <summary>Matching listings, all pages.</summary>
    public int Total { get; private set; }

    /// <summary>Matching listings after the cursor; more than <c>Size</c> means there is a next page.</summary>
    public int AfterCursor { get; private set; }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        var reader = context.AtomicReader;
        _docBase = context.DocBase;
        _latitude = CachedDocValues.Numeric(reader, FieldNames.LatitudeValue);
        _longitude = CachedDocValues.Numeric(reader, FieldNames.LongitudeValue);
        _kind = CachedDocValues.Numeric(reader, FieldNames.KindValue);
        _id = CachedDocValues.Numeric(reader, FieldNames.IdValue);
        _priceMin = CachedDocValues.Numeric(reader, FieldNames.PriceMinValue);
        _priceMax = CachedDocValues.Numeric(reader, FieldNames.PriceMaxValue);
        _updated = CachedDocValues.Numeric(reader, FieldNames.UpdatedValue);
        _expires = CachedDocValues.Numeric(reader, FieldNames.ExpiresValue);
        _area = CachedDocValues.Numeric(reader, FieldNames.AreaValue);
        foreach (var facet in _facets)
        {
            facet.NextSegment(reader);
        }
    }

    public void Collect(int doc)
    {
        if (_expires is not null && _expires.Get(doc) <= _settings.NowMs)
        {
            return;
        }

        long? priceMin = null, priceMax = null;
        if (_needsPrice)
        {
            priceMin = ReadPrice(_priceMin, doc);
            priceMax = ReadPrice(_priceMax, doc);
            if ((_settings.MinPrice is { } wantedMin && !(priceMax >= wantedMin)) || (_settings.MaxPrice is { } wantedMax && !(priceMin <= wantedMax)))
            {
                return;
            }
        }

        if (_settings.MinArea.HasValue || _settings.MaxArea.HasValue)
        {
            var area = _area is null ? double.NaN : BitConverter.Int64BitsToDouble(_area.Get(doc));
            if (double.IsNaN(area) || area < _settings.MinArea || area > _settings.MaxArea)
            {
                return;
            }
        }

        double? distance = null;
        if (_needsLocation && !TryLocate(doc, out distance))
        {
            return;
        }

        Total++;
        foreach (var facet in _facets)
        {
            facet.Count(doc);
        }

        if (_settings.PriceBands is { } bands && priceMin is { } low && priceMax is { } high)
        {
            CountBands(bands, low, high);
        }

        // Order first by the primary value alone; kind and id (two more reads) only break ties.
        double? score = null;
        var textScore = 0.0;
        double primary;
        switch (_settings.Sort)
        {
            case SearchSort.Relevance:
                score = Score(doc, distance, out textScore);
                primary = -score.Value;
                break;
            case SearchSort.Distance:
                primary = distance ?? double.PositiveInfinity;
                break;
            case SearchSort.PriceAscending:
                primary = priceMin is { } min ? min : double.PositiveInfinity;
                break;
            case SearchSort.PriceDescending:
                primary = priceMax is { } max ? -(double)max : double.PositiveInfinity;
                break;
            default:
                primary = -(double)(_updated?.Get(doc) ?? 0);
                break;
        }

        if (_settings.After is { } after && (primary < after.Primary || (primary == after.Primary && KeyOf(doc, primary) <= after)))
        {
            return;
        }

        AfterCursor++;
        var full = _top.Count >= _settings.Size;
        if (full && _top.TryPeek(out _, out var worst) && (primary > worst.Primary || (primary == worst.Primary && KeyOf(doc, primary) >= worst)))
        {
            return;
        }

        if (!_needsPrice)
        {
            priceMin = ReadPrice(_priceMin, doc);
            priceMax = ReadPrice(_priceMax, doc);
        }

        var key = KeyOf(doc, primary);
        var blended = score ?? Score(doc, distance, out textScore);
        var candidate = new Candidate(key, _docBase + doc, blended, textScore, distance, priceMin, priceMax);
        if (full)
        {
            _top.DequeueEnqueue(candidate, key);
        }
        else
        {
            _top.Enqueue(candidate, key);
        }
    }

    /// <summary>Checks the geo filter on doc values and measures the distance from the reference point (null without one or without a location).</summary>
    private bool TryLocate(int doc, out double? distance)
    {
        distance = null;
        var latitude = _latitude is null ? double.NaN : BitConverter.Int64BitsToDouble(_latitude.Get(doc));
        var longitude = _longitude is null ? double.NaN : BitConverter.Int64BitsToDouble(_longitude.Get(doc));
        var hasLocation = !double.IsNaN(latitude) && !double.IsNaN(longitude);
        if (_settings.Box is { } box && (!hasLocation || !box.Contains(latitude, longitude)))
        {
            return false;
        }

        if (_settings.Polygon is { } polygon
            && (!hasLocation || polygon.Locate(new Coordinate(longitude, latitude)) == Location.Exterior))
        {
            return false;
        }

        double? radiusDistance = null;
        if (_settings.Radius is { } radius)
        {
            radiusDistance = GeoMath.HaversineKm(radius.Centre.Latitude, radius.Centre.Longitude, latitude, longitude);
            if (radiusDistance > radius.Km)
            {
                return false;
            }
        }

        if (_settings.ReferencePoint is { } reference && hasLocation)
        {
            distance = _settings.Radius?.Centre == reference ? radiusDistance : GeoMath.HaversineKm(reference.Latitude, reference.Longitude, latitude, longitude);
        }

        return true;
    }

    private double Score(int doc, double? distance, out double textScore)
    {
        textScore = _settings.HasText && _scorer is not null ? _scorer.GetScore() : 1.0;
        var ageDays = RelevanceBlend.AgeDays(_settings.ScoringNowMs, _updated?.Get(doc) ?? 0);
        var distanceForScore = _settings.ReferencePoint is null ? (double?)null : distance ?? double.PositiveInfinity;
        var score = RelevanceBlend.Score(textScore, distanceForScore, ageDays);
        if (_settings.KindWeights is null && !_settings.FavourLowPrices)
        {
            return score;
        }

        var kind = (int)(_kind?.Get(doc) ?? 0);
        if (_settings.KindWeights is { } weights && kind >= 0 && kind < weights.Count)
        {
            score *= weights[kind];
        }

        if (_settings.FavourLowPrices)
        {
            var references = LowPricePreference.ReferencePricesByCode;
            score *= LowPricePreference.Factor(kind >= 0 && kind < references.Count ? references[kind] : 0, ReadPrice(_priceMin, doc));
        }

        return score;
    }

    private SortKey KeyOf(int doc, double primary) => new(primary, (int)(_kind?.Get(doc) ?? 0), _id?.Get(doc) ?? 0);

    /// <summary>The kept hits, best first.</summary>
    public IReadOnlyList<Candidate> TopHits()
    {
        var hits = new List<Candidate>(_top.Count);
        while (_top.TryDequeue(out var candidate, out _))
        {
            hits.Add(candidate);
        }

        hits.Reverse();
        return hits;
    }

    /// <summary>Facet counts, most frequent first (ties by value).</summary>
    public Dictionary<string, IReadOnlyList<FacetValue>> FacetCounts()
    {
        var result = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        foreach (var facet in _facets)
        {
            result[facet.Field] = facet.Finish();
        }

        if (_settings.PriceBands is { } bands)
        {
            result[SearchQuery.PriceFacet] = Enumerable.Range(0, _bandCounts.Length)
                .Select(i => new FacetValue(BandLabel(bands, i), _bandCounts[i]))
                .ToList();
        }

        return result;
    }

    private static long? ReadPrice(NumericDocValues? values, int doc) =>
        values?.Get(doc) is { } value && value != FieldNames.MissingLong ? value : null;

    private static string BandLabel(IReadOnlyList<long> bands, int index)
    {
        var from = index == 0 ? "*" : bands[index - 1].ToString();
        var to = index == bands.Count ? "*" : bands[index].ToString();
        return $"{from}-{to}";
    }

    /// <summary>Band i is [bands[i-1], bands[i]); a range counts in every band it overlaps.</summary>
    private void CountBands(IReadOnlyList<long> bands, long low, long high)
    {
        for (var i = 0; i <= bands.Count; i++)
        {
            var bandLow = i == 0 ? long.MinValue : bands[i - 1];
            var bandHigh = i == bands.Count ? long.MaxValue : bands[i] - 1;
            if (low <= bandHigh && high >= bandLow)
            {
                _bandCounts[i]++;
            }
        }
    }

    /// <summary>Counts the values of one keyword field by segment ordinal, resolving ordinals to text once per segment.</summary>
    private sealed class FacetCounter(string name)
    {
        private readonly Dictionary<string, int> _totals = new(StringComparer.Ordinal);
        private SortedSetDocValues? _values;
        private SegmentOrdinals? _ordinals;
        private int[]? _counts;

        public string Field => name;

        public void NextSegment(AtomicReader reader)
        {
            FlushSegment();
            _values = reader.GetSortedSetDocValues(FieldNames.KeywordValues(name));
            _ordinals = _values is null ? null : CachedDocValues.Ordinals(reader, FieldNames.KeywordValues(name));
            if (_values is not null)
            {
                _counts = ArrayPool<int>.Shared.Rent((int)_values.ValueCount);
                Array.Clear(_counts, 0, (int)_values.ValueCount);
            }
        }

        public void Count(int doc)
        {
            if (_ordinals is null || _counts is null)
            {
                return;
            }

            foreach (var ord in _ordinals.Of(doc))
            {
                _counts[ord]++;
            }
        }

        public List<FacetValue> Finish()
        {
            FlushSegment();
            return _totals
                .Select(pair => new FacetValue(pair.Key, pair.Value))
                .OrderByDescending(value => value.Count)
                .ThenBy(value => value.Value, StringComparer.Ordinal)
                .ToList();
        }

        private void FlushSegment()
        {
            if (_values is null || _counts is null)
            {
                return;
            }

            var term = new BytesRef();
            for (var ord = 0; ord < _values.ValueCount; ord++)
            {
                if (_counts[ord] > 0)
                {
                    _values.LookupOrd(ord, term);
                    var value = term.Utf8ToString();
                    _totals[value] = _totals.GetValueOrDefault(value) + _counts[ord];
                }
            }

            ArrayPool<int>.Shared.Return(_counts);
            _values = null;
            _ordinals = null;
            _counts = null;
        }
    }
}
