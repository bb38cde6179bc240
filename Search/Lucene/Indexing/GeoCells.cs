using DongNai.Domain.Places;

namespace DongNai.Search.Lucene.Indexing;

/// <summary>
/// A grid of latitude/longitude cells at several sizes (0.01° to 0.64°, doubling). Each located
/// listing indexes the term of its cell at every size, once for any kind and once for its own
/// kind; a geo filter becomes the few cells that cover its box, at the finest size that needs no
/// more than <see cref="MaxCoveringCells"/> of them. That reads postings of nearby listings of the
/// wanted kind only, where numeric ranges on latitude and longitude would each read a band across
/// the whole province. The exact shape is then checked on doc values. Each covering cell costs a
/// term lookup per segment, hence the small maximum. Pure functions; thread-safe.
/// </summary>
internal static class GeoCells
{
    public const int MaxCoveringCells = 12;

    private static readonly double[] CellDegrees = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64];

    /// <summary>The cell terms of a point, one per size, for any kind (<paramref name="kind"/> null) or for one.</summary>
    public static IEnumerable<string> Of(double latitude, double longitude, int? kind)
    {
        for (var level = 0; level < CellDegrees.Length; level++)
        {
            yield return Term(kind, level, Index(latitude + 90, level), Index(longitude + 180, level));
        }
    }

    /// <summary>The cells that cover a box at the finest size with few enough of them, or null when the box is too large for any.</summary>
    public static IReadOnlyList<string>? Covering(GeoBox box, int? kind)
    {
        for (var level = 0; level < CellDegrees.Length; level++)
        {
            long firstLatitude = Index(box.MinLatitude + 90, level), lastLatitude = Index(box.MaxLatitude + 90, level);
            long firstLongitude = Index(box.MinLongitude + 180, level), lastLongitude = Index(box.MaxLongitude + 180, level);
            if ((lastLatitude - firstLatitude + 1) * (lastLongitude - firstLongitude + 1) > MaxCoveringCells)
            {
                continue;
            }

            var cells = new List<string>();
            for (var latitude = firstLatitude; latitude <= lastLatitude; latitude++)
            {
                for (var longitude = firstLongitude; longitude <= lastLongitude; longitude++)
                {
                    cells.Add(Term(kind, level, latitude, longitude));
                }
            }

            return cells;
        }

        return null;
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
}
