using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace DongNai.Search;

/// <summary>A point on Earth in degrees (WGS 84).</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude);

/// <summary>Restricts results to listings whose location lies in an area. Listings without a location never match.</summary>
public abstract record GeoFilter
{
    private protected GeoFilter()
    {
    }

    public static GeoRadius Radius(double latitude, double longitude, double km) => new(new GeoPoint(latitude, longitude), km);

    public static GeoBoundingBox BoundingBox(double minLatitude, double minLongitude, double maxLatitude, double maxLongitude) =>
        new(minLatitude, minLongitude, maxLatitude, maxLongitude);

    /// <summary>A polygon from its closed ring of vertices (the first repeated as the last).</summary>
    public static GeoPolygon Polygon(params GeoPoint[] ring) => new(ring);
}

/// <summary>Listings within <see cref="Km"/> great-circle kilometres of <see cref="Centre"/> (inclusive).</summary>
public sealed record GeoRadius(GeoPoint Centre, double Km) : GeoFilter;

/// <summary>Listings inside the box, edges included. Boxes across the antimeridian are not supported.</summary>
public sealed record GeoBoundingBox(double MinLatitude, double MinLongitude, double MaxLatitude, double MaxLongitude) : GeoFilter;

/// <summary>
/// Listings inside a simple polygon or on its edges: one closed outer ring (the first vertex
/// repeated as the last), no holes, at most <see cref="MaxVertices"/> vertices. Edges are straight
/// lines in longitude/latitude (planar, as Elasticsearch's and PostGIS's geometry tests draw them),
/// not great circles; at the province's scale the two differ by centimetres. Either orientation.
/// </summary>
/// <remarks>
/// Engines refuse a polygon whose <see cref="Problem"/> is not null with an <see cref="ArgumentException"/>.
/// In Elasticsearch: <c>{ "geo_shape": { "location": { "shape": { "type": "polygon", "coordinates":
/// [[[lon, lat], …]] }, "relation": "intersects" } } }</c> (geo_shape queries accept geo_point
/// fields; <c>geo_polygon</c> is deprecated since 7.12). In PostGIS: <c>ST_Covers(polygon, point)</c>.
/// </remarks>
public sealed record GeoPolygon : GeoFilter
{
    /// <summary>The most vertices a ring may have, the closing one included.</summary>
    public const int MaxVertices = 200;

    private const double MinAreaSquareDegrees = 1e-10;

    private static readonly GeometryFactory Planar = new();

    public GeoPolygon(IReadOnlyList<GeoPoint> ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        Ring = ring.ToArray();
    }

    /// <summary>The closed outer ring, as given.</summary>
    public IReadOnlyList<GeoPoint> Ring { get; }

    /// <summary>
    /// Why this is not a polygon the engines accept (too few or too many vertices, not closed, a
    /// coordinate out of range, a ring that crosses or touches itself, no area), or null when it is one.
    /// </summary>
    public string? Problem()
    {
        if (Ring.Count > MaxVertices)
        {
            return $"A polygon may have at most {MaxVertices} vertices.";
        }

        if (Ring.Any(point => !(point.Latitude is >= -90 and <= 90) || !(point.Longitude is >= -180 and <= 180)))
        {
            return "Latitudes must be within ±90 and longitudes within ±180.";
        }

        if (Ring.Count >= 2 && Ring[0] != Ring[^1])
        {
            return "The ring is not closed: repeat the first vertex as the last.";
        }

        if (Ring.Count < 4)
        {
            return "A polygon needs at least three corners and the first repeated as the last.";
        }

        var polygon = ToGeometry();
        var error = new IsValidOp(polygon).ValidationError;
        if (error is not null)
        {
            return error.ErrorType is TopologyValidationErrors.SelfIntersection or TopologyValidationErrors.RingSelfIntersection
                ? "The ring crosses or touches itself."
                : $"Not a valid polygon: {error.Message}.";
        }

        // Rounding leaves a ring of collinear points a sliver of area; under about a square metre is none.
        return polygon.Area > MinAreaSquareDegrees ? null : "The polygon has no area.";
    }

    /// <summary>The ring as a planar polygon with x = longitude, y = latitude. Thread-safe: a new geometry each call.</summary>
    public Polygon ToGeometry()
    {
        var coordinates = Ring.Select(point => new Coordinate(point.Longitude, point.Latitude)).ToArray();
        if (coordinates.Length > 0 && !coordinates[0].Equals2D(coordinates[^1]))
        {
            throw new ArgumentException("The ring is not closed.", nameof(Ring));
        }

        return Planar.CreatePolygon(coordinates);
    }

    public bool Equals(GeoPolygon? other) => other is not null && Ring.SequenceEqual(other.Ring);

    public override int GetHashCode() => Ring.Aggregate(Ring.Count, HashCode.Combine);
}
