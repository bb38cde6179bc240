using DongNai.Domain.Places;
using DongNai.Search.Lucene.Indexing;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace DongNai.Search.Lucene.Tests;

/// <summary>The covering of a geo filter must never leave out a point the exact check would accept.</summary>
public sealed class GeoCellsTests
{
    [Theory]
    [InlineData(0.3)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(25)]
    public void Covering_HoldsEveryPointOfTheCircle(double km)
    {
        var random = new Random(17);
        for (var circleNumber = 0; circleNumber < 200; circleNumber++)
        {
            var centre = new GeoPoint(10.5 + random.NextDouble(), 106.7 + random.NextDouble());
            var circle = new GeoRadius(centre, km);
            var cells = GeoCells.Covering(GeoBox.Around(centre, km), circle, kind: 1);
            Assert.NotNull(cells);
            Assert.InRange(cells.Count, 1, GeoCells.MaxCoveringCells);
            var covering = cells.ToHashSet(StringComparer.Ordinal);

            // Points inside the circle, many of them near its edge, where a wrongly dropped cell would show.
            for (var pointNumber = 0; pointNumber < 200; pointNumber++)
            {
                var bearing = random.NextDouble() * 2 * Math.PI;
                var distance = km * (pointNumber % 2 == 0 ? 1 - (random.NextDouble() * 1e-3) : Math.Sqrt(random.NextDouble()));
                var (latitude, longitude) = Destination(centre, bearing, distance);
                if (GeoMath.HaversineKm(centre.Latitude, centre.Longitude, latitude, longitude) > km)
                {
                    continue;
                }

                Assert.Contains(GeoCells.Of(latitude, longitude, kind: 1), covering.Contains);
            }
        }
    }

    [Fact]
    public void Covering_OfACircle_LeavesOutCellsOfItsBox_ThatAreWhollyOutsideIt()
    {
        var finer = 0;
        for (var km = 1.0; km <= 10; km += 0.25)
        {
            var centre = new GeoPoint(10.95, 106.82);
            var forBox = GeoCells.Covering(GeoBox.Around(centre, km), circle: null, kind: 1)!;
            var forCircle = GeoCells.Covering(GeoBox.Around(centre, km), new GeoRadius(centre, km), kind: 1)!;
            Assert.True(CellLevel(forCircle[0]) <= CellLevel(forBox[0]));
            finer += CellLevel(forCircle[0]) < CellLevel(forBox[0]) ? 1 : 0;
        }

        Assert.True(finer > 0, "No radius from 1 to 10 km got finer cells than its box.");
    }

    [Fact]
    public void Covering_OfAPolygon_HoldsEveryPointInsideIt_IncludingItsVerticesAndEdges()
    {
        var random = new Random(29);
        for (var polygonNumber = 0; polygonNumber < 100; polygonNumber++)
        {
            var centre = new GeoPoint(10.6 + random.NextDouble(), 106.7 + random.NextDouble());
            var reach = 0.005 + (random.NextDouble() * 0.05);
            var ring = Enumerable.Range(0, 7)
                .Select(i => (i + (random.NextDouble() * 0.5)) * 2 * Math.PI / 7)
                .Select((angle, i) => new GeoPoint(
                    centre.Latitude + (reach * (i % 2 == 0 ? 1 : 0.4) * Math.Sin(angle)),
                    centre.Longitude + (reach * (i % 2 == 0 ? 1 : 0.4) * Math.Cos(angle))))
                .ToList();
            ring.Add(ring[0]);
            var polygon = new GeoPolygon(ring);
            var prepared = PreparedGeometryFactory.Prepare(polygon.ToGeometry());
            var cells = GeoCells.Covering(GeoBox.Of(polygon), prepared, kind: 2);
            Assert.NotNull(cells);
            Assert.InRange(cells.Count, 1, GeoCells.MaxCoveringCells);
            var covering = cells.ToHashSet(StringComparer.Ordinal);

            var box = GeoBox.Of(polygon);
            var inside = ring.ToList();
            while (inside.Count < 300)
            {
                var latitude = box.MinLatitude + (random.NextDouble() * (box.MaxLatitude - box.MinLatitude));
                var longitude = box.MinLongitude + (random.NextDouble() * (box.MaxLongitude - box.MinLongitude));
                if (prepared.Covers(new Point(longitude, latitude)))
                {
                    inside.Add(new GeoPoint(latitude, longitude));
                }
            }

            Assert.All(inside, point => Assert.Contains(GeoCells.Of(point.Latitude, point.Longitude, kind: 2), covering.Contains));
        }
    }

    [Fact]
    public void Covering_OfAConcavePolygon_LeavesOutCellsOfItsEnvelope_ThatItDoesNotTouch()
    {
        // A thin L: its envelope is mostly empty.
        var polygon = GeoFilter.Polygon(
            new(10.90, 106.80), new(10.90, 106.90), new(10.91, 106.90), new(10.91, 106.81),
            new(11.00, 106.81), new(11.00, 106.80), new(10.90, 106.80));

        var forEnvelope = GeoCells.Covering(GeoBox.Of(polygon), circle: null, kind: 2)!;
        var forPolygon = GeoCells.Covering(GeoBox.Of(polygon), PreparedGeometryFactory.Prepare(polygon.ToGeometry()), kind: 2)!;

        Assert.True(
            CellLevel(forPolygon[0]) < CellLevel(forEnvelope[0])
            || (CellLevel(forPolygon[0]) == CellLevel(forEnvelope[0]) && forPolygon.Count < forEnvelope.Count),
            $"polygon: {forPolygon.Count} cells at level {CellLevel(forPolygon[0])}; envelope: {forEnvelope.Count} at level {CellLevel(forEnvelope[0])}");
    }

    [Fact]
    public void Covering_IsNull_WhenTheAreaIsTooLarge() =>
        Assert.Null(GeoCells.Covering(new GeoBox(0, 0, 40, 40), circle: null, kind: null));

    private static int CellLevel(string term) => int.Parse(term.Split('/')[^1].Split(':')[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The point at <paramref name="km"/> from <paramref name="start"/> along <paramref name="bearing"/> (radians), on the sphere of <see cref="GeoMath.EarthRadiusKm"/>.</summary>
    private static (double Latitude, double Longitude) Destination(GeoPoint start, double bearing, double km)
    {
        var angular = km / GeoMath.EarthRadiusKm;
        var latitude = GeoMath.ToRadians(start.Latitude);
        var longitude = GeoMath.ToRadians(start.Longitude);
        var endLatitude = Math.Asin((Math.Sin(latitude) * Math.Cos(angular)) + (Math.Cos(latitude) * Math.Sin(angular) * Math.Cos(bearing)));
        var endLongitude = longitude + Math.Atan2(Math.Sin(bearing) * Math.Sin(angular) * Math.Cos(latitude), Math.Cos(angular) - (Math.Sin(latitude) * Math.Sin(endLatitude)));
        return (endLatitude * 180 / Math.PI, endLongitude * 180 / Math.PI);
    }
}
