namespace DongNai.Domain.Places;

/// <summary>Great-circle distances on a spherical Earth (radius 6,371 km), accurate to well under 0.5% at the province's scale.</summary>
public static class GeoMath
{
    public const double EarthRadiusKm = 6371.0088;

    public static double HaversineKm(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = ToRadians(lat2 - lat1);
        var dLon = ToRadians(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(ToRadians(lat1)) * Math.Cos(ToRadians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    public static double ToRadians(double degrees) => degrees * Math.PI / 180.0;
}

/// <summary>
/// The box that holds Đồng Nai after its 2025 merger with Bình Phước (about 10.52–12.30 N,
/// 106.40–107.58 E), widened by about 10 km: a point outside it is not "in or near the province".
/// </summary>
public static class ProvinceBounds
{
    public const double MinLatitude = 10.45;
    public const double MaxLatitude = 12.40;
    public const double MinLongitude = 106.30;
    public const double MaxLongitude = 107.70;

    public static bool Contains(double latitude, double longitude) =>
        latitude is >= MinLatitude and <= MaxLatitude && longitude is >= MinLongitude and <= MaxLongitude;
}
