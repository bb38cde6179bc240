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
}

/// <summary>Listings within <see cref="Km"/> great-circle kilometres of <see cref="Centre"/> (inclusive).</summary>
public sealed record GeoRadius(GeoPoint Centre, double Km) : GeoFilter;

/// <summary>Listings inside the box, edges included. Boxes across the antimeridian are not supported.</summary>
public sealed record GeoBoundingBox(double MinLatitude, double MinLongitude, double MaxLatitude, double MaxLongitude) : GeoFilter;
