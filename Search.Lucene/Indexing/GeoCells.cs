using DongNai.Domain.Places;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace DongNai.Search.Lucene.Indexing;

/// <summary>
/// A grid of latitude/longitude cells at several sizes (0.01° to 0.64°, doubling). Each located
/// listing indexes the term of its cell at every size, once for any kind and once for its own
/// kind; a geo filter becomes the cells that cover its area, at the finest size that needs no
/// more than <see cref="MaxCoveringCells"/> of them. For a radius (or a polygon), cells wholly outside the circle
/// (or the polygon) are left out, so the covering holds little more than the circle. That reads postings of nearby
/// listings of the wanted kind only, where numeric ranges on latitude and longitude would each read
/// a band across the whole province. The exact shape is then checked on doc values. Each covering
/// cell costs a term lookup per segment, hence the maximum. Pure functions; thread-safe.
/// </summary>
internal static class GeoCells
{
    public const int MaxCoveringCells = 32;

    /// <summary>Cells looked at per size before trying a coarser one: bounds the work of a covering.</summary>
    private const int MaxCandidateCells = 4 * MaxCoveringCells;

    /// <summary>Degrees added around a cell before testing it against a circle, against rounding at cell edges.</summary>
    private const double CellSlackDegrees = 1e-6;

    private static readonly double[] CellDegrees = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64];

    /// <summary>The cell terms of a point, one per size, for any kind (<paramref name="kind"/> null) or for one.</summary>
    public static IEnumerable<string> Of(double latitude, double longitude, int? kind)
    {
        for (var level = 0; level < CellDegrees.Length; level++)
        {
            yield return Term(kind, level, Index(latitude + 90, level), Index(longitude + 180, level));
        }
    }

    /// <summary>
    /// The cells that cover <paramref name="box"/> (and, given <paramref name="circle"/>, only those
    /// that may hold a point of the circle) at the finest size with few enough of them, or null when
    /// the area is too large for any.
    /// </summary>
    public static IReadOnlyList<string>? Covering(GeoBox box, GeoRadius? circle, int? kind) =>
        Covering(box, circle is null ? null : (level, latitude, longitude) => MayHoldPointOf(circle, level, latitude, longitude), kind);

    /// <summary>
    /// The cells that cover <paramref name="box"/> and intersect <paramref name="polygon"/> (a cell
    /// widened by a little slack, so a point on a cell's edge is never lost), or null when there would be too many.
    /// </summary>
    public static IReadOnlyList<string>? Covering(GeoBox box, IPreparedGeometry polygon, int? kind)
    {
        var factory = polygon.Geometry.Factory;
        return Covering(
            box,
            (level, latitude, longitude) =>
            {
                var size = CellDegrees[level];
                var minLatitude = (latitude * size) - 90 - CellSlackDegrees;
                var minLongitude = (longitude * size) - 180 - CellSlackDegrees;
                var cell = factory.ToGeometry(new Envelope(
                    minLongitude, minLongitude + size + (2 * CellSlackDegrees), minLatitude, minLatitude + size + (2 * CellSlackDegrees)));
                return polygon.Intersects(cell);
            },
            kind);
    }

    private static List<string>? Covering(GeoBox box, Func<int, long, long, bool>? mayHoldPoint, int? kind)
    {
        for (var level = 0; level < CellDegrees.Length; level++)
        {
            long firstLatitude = Index(box.MinLatitude + 90, level), lastLatitude = Index(box.MaxLatitude + 90, level);
            long firstLongitude = Index(box.MinLongitude + 180, level), lastLongitude = Index(box.MaxLongitude + 180, level);
            var candidates = (lastLatitude - firstLatitude + 1) * (lastLongitude - firstLongitude + 1);
            if (candidates > (mayHoldPoint is null ? MaxCoveringCells : MaxCandidateCells))
            {
                continue;
            }

            var cells = new List<string>();
            for (var latitude = firstLatitude; latitude <= lastLatitude; latitude++)
            {
                for (var longitude = firstLongitude; longitude <= lastLongitude; longitude++)
                {
                    if (mayHoldPoint is null || mayHoldPoint(level, latitude, longitude))
                    {
                        cells.Add(Term(kind, level, latitude, longitude));
                    }
                }
            }

            if (cells.Count <= MaxCoveringCells)
            {
                return cells;
            }
        }

        return null;
    }

    /// <summary>
    /// False only when the cell is surely outside the circle: the point of the cell nearest the
    /// centre in latitude and longitude (near enough the nearest on the sphere at these sizes) is
    /// farther than the radius plus a margin for that approximation.
    /// </summary>
    private static bool MayHoldPointOf(GeoRadius circle, int level, long latitudeIndex, long longitudeIndex)
    {
        var size = CellDegrees[level];
        var minLatitude = (latitudeIndex * size) - 90 - CellSlackDegrees;
        var minLongitude = (longitudeIndex * size) - 180 - CellSlackDegrees;
        var nearestLatitude = Math.Clamp(circle.Centre.Latitude, minLatitude, minLatitude + size + (2 * CellSlackDegrees));
        var nearestLongitude = Math.Clamp(circle.Centre.Longitude, minLongitude, minLongitude + size + (2 * CellSlackDegrees));
        var margin = 0.05 + (0.01 * circle.Km);
        return GeoMath.HaversineKm(circle.Centre.Latitude, circle.Centre.Longitude, nearestLatitude, nearestLongitude) <= circle.Km + margin;
    }

    private static long Index(double shiftedDegrees, int level) => (long)Math.Floor(shiftedDegrees / CellDegrees[level]);

    private static string Term(int? kind, int level, long latitude, long longitude) =>
        kind is { } k ? $"{k}/{level}:{latitude}:{longitude}" : $"{level}:{latitude}:{longitude}";
}

/// <summary>A latitude/longitude box, edges included; <see cref="Around"/> gives the smallest one that holds a circle.</summary>
internal readonly record struct GeoBox(double MinLatitude, double MinLongitude, double MaxLatitude, double MaxLongitude)
{
    /// <summary>Slack against rounding, about 1 cm: the box must never cut off a point the exact check would accept.</summary>
    private const double SlackDegrees = 1e-7;

    public bool Contains(double latitude, double longitude) =>
        latitude >= MinLatitude && latitude <= MaxLatitude && longitude >= MinLongitude && longitude <= MaxLongitude;

    public static GeoBox Around(GeoPoint centre, double km)
    {
        var angular = km / GeoMath.EarthRadiusKm;
        var deltaLatitude = (angular * 180 / Math.PI) + SlackDegrees;
        var minLatitude = centre.Latitude - deltaLatitude;
        var maxLatitude = centre.Latitude + deltaLatitude;
        if (minLatitude <= -90 || maxLatitude >= 90)
        {
            return new GeoBox(Math.Max(-90, minLatitude), -180, Math.Min(90, maxLatitude), 180);
        }

        // The widest longitude of a spherical cap: asin(sin r / cos latitude).
        var ratio = Math.Sin(angular) / Math.Cos(GeoMath.ToRadians(centre.Latitude));
        if (ratio >= 1)
        {
            return new GeoBox(minLatitude, -180, maxLatitude, 180);
        }

        var deltaLongitude = (Math.Asin(ratio) * 180 / Math.PI) + SlackDegrees;
        return new GeoBox(minLatitude, centre.Longitude - deltaLongitude, maxLatitude, centre.Longitude + deltaLongitude);
    }

    public static GeoBox Of(GeoBoundingBox box) => new(box.MinLatitude, box.MinLongitude, box.MaxLatitude, box.MaxLongitude);

    /// <summary>The polygon's envelope: the bounding-box prefilter before the exact point-in-polygon test.</summary>
    public static GeoBox Of(GeoPolygon polygon) => new(
        polygon.Ring.Min(point => point.Latitude),
        polygon.Ring.Min(point => point.Longitude),
        polygon.Ring.Max(point => point.Latitude),
        polygon.Ring.Max(point => point.Longitude));
}
