using DongNai.Domain.Listings;
using DongNai.Domain.Places;
using DongNai.Search.Lucene.Indexing;
using DongNai.Search.Lucene.Querying;

namespace DongNai.Search.Lucene.Tests;

public sealed class QueryingTests
{
    [Fact]
    public void Cursor_RoundTrips()
    {
        var cursor = new Cursor(ListingKind.Rental, SearchSort.Distance, new SortKey(3.25, 2, 123_456_789_012), 1_762_156_800_000);

        var decoded = Cursor.Decode(cursor.Encode(), ListingKind.Rental, SearchSort.Distance);

        Assert.Equal(cursor, decoded);
    }

    [Fact]
    public void Cursor_RejectsAnotherSort()
    {
        var text = new Cursor(null, SearchSort.Newest, new SortKey(-5, 1, 1), 0).Encode();

        Assert.Throws<InvalidCursorException>(() => Cursor.Decode(text, null, SearchSort.Relevance));
    }

    [Theory]
    [InlineData(ListingKind.Job, ListingKind.Rental)]
    [InlineData(ListingKind.Job, null)]
    [InlineData(null, ListingKind.Job)]
    public void Cursor_RejectsAnotherKind(ListingKind? issuedFor, ListingKind? usedFor)
    {
        var text = new Cursor(issuedFor, SearchSort.Newest, new SortKey(-5, 1, 1), 0).Encode();

        Assert.Throws<InvalidCursorException>(() => Cursor.Decode(text, usedFor, SearchSort.Newest));
    }

    [Theory]
    [InlineData(10.95, 106.82, 5)]
    [InlineData(10.95, 106.82, 0.1)]
    [InlineData(60, 10, 50)]
    public void GeoBox_HoldsEveryPointOfTheCircle(double latitude, double longitude, double km)
    {
        var box = GeoBox.Around(new GeoPoint(latitude, longitude), km);

        for (var bearing = 0; bearing < 360; bearing += 5)
        {
            var (lat, lon) = Destination(latitude, longitude, bearing, km * 0.999999);
            Assert.InRange(lat, box.MinLatitude, box.MaxLatitude);
            Assert.InRange(lon, box.MinLongitude, box.MaxLongitude);
        }
    }

    [Theory]
    [InlineData("kcn am", new[] { "kcn am", "khu cong nghiep am" })]
    [InlineData("khu công nghiệp am", new[] { "khu cong nghiep am", "kcn am" })]
    [InlineData("kcn ", new[] { "kcn ", "khu cong nghiep " })]
    [InlineData("bien h", new[] { "bien h" })]
    [InlineData("Biên", new[] { "bien" })]
    public void Suggester_TriesSynonymsOfCompleteWords(string typed, string[] expected)
    {
        Assert.Equal(expected, Suggester.Prefixes(typed));
    }

    [Theory]
    [InlineData("may", 0)]
    [InlineData("amata", 1)]
    [InlineData("nghiep", 1)]
    [InlineData("changshin", 2)]
    [InlineData("12345", 0)]
    public void FuzzyEdits_GrowWithWordLength(string token, int expected)
    {
        Assert.Equal(expected, TextQueryBuilder.FuzzyEdits(token));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(4, 3)]
    [InlineData(8, 6)]
    public void MinimumToMatch_RequiresEveryWordOfUpToThree_AndAllButAQuarterOfMore(int units, int expected)
    {
        Assert.Equal(expected, TextQueryBuilder.MinimumToMatch(units));
    }

    [Theory]
    [InlineData("tor", "tro", 1)]
    [InlineData("amatta", "amata", 1)]
    [InlineData("amtaa", "amata", 1)]
    [InlineData("phong", "phong", 0)]
    [InlineData("nghiepp", "nghe", 3)]
    public void SpellingDistance_CountsASwapAsOneEdit(string a, string b, int expected)
    {
        Assert.Equal(expected, SpellingCorrector.Distance(a, b));
    }

    private static (double Latitude, double Longitude) Destination(double latitude, double longitude, double bearingDegrees, double km)
    {
        var angular = km / GeoMath.EarthRadiusKm;
        var bearing = GeoMath.ToRadians(bearingDegrees);
        var lat1 = GeoMath.ToRadians(latitude);
        var lon1 = GeoMath.ToRadians(longitude);
        var lat2 = Math.Asin((Math.Sin(lat1) * Math.Cos(angular)) + (Math.Cos(lat1) * Math.Sin(angular) * Math.Cos(bearing)));
        var lon2 = lon1 + Math.Atan2(Math.Sin(bearing) * Math.Sin(angular) * Math.Cos(lat1), Math.Cos(angular) - (Math.Sin(lat1) * Math.Sin(lat2)));
        return (lat2 * 180 / Math.PI, lon2 * 180 / Math.PI);
    }
}
