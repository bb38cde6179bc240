
namespace DongNai.Domain.Listings.BusRoutes;

public enum BusRouteScope
{
    InProvince = 1,
    InterProvince = 2,
}

public sealed class BusStop
{
    public string Name { get; set; } = "";

    public double Latitude { get; set; }

    public double Longitude { get; set; }
}

/// <summary>A bus line. The listing's own point is its first stop (the origin).</summary>
public sealed class BusRoute : Listing
{
    public override ListingKind Kind => ListingKind.BusRoute;

    public string Operator { get; set; } = "";

    /// <summary>The operator's public hotline (a business number, not personal data).</summary>
    public string Hotline { get; set; } = "";

    public string Origin { get; set; } = "";

    public string Destination { get; set; } = "";

    public List<BusStop> Stops { get; set; } = [];

    /// <summary>Departure times from the origin, in local time (UTC+7), sorted.</summary>
    public List<TimeOnly> Departures { get; set; } = [];

    public long FareVnd { get; set; }

    public BusRouteScope Scope { get; set; }
}
