
namespace DongNai.Domain.Listings.Rentals;

public enum RentalType
{
    Apartment = 1,
    Room = 2,
    WholeHouse = 3,
    Dormitory = 4,
    BusinessPremises = 5,
}

[Flags]
public enum RentalAmenities
{
    None = 0,
    AirConditioner = 1,
    PrivateBathroom = 2,
    Wifi = 4,
    Parking = 8,
    Kitchen = 16,
    WaterHeater = 32,
    Furnished = 64,
    Loft = 128,
    Security = 256,
}

/// <summary>A place to rent. Price and deposit are VND; price is per month.</summary>
public sealed class Rental : Listing
{
    public override ListingKind Kind => ListingKind.Rental;

    public RentalType RentalType { get; set; }

    public long PriceVnd { get; set; }

    public long DepositVnd { get; set; }

    public double AreaM2 { get; set; }

    public string? NearestParkCode { get; set; }

    public RentalAmenities Amenities { get; set; }

    public int MaxOccupants { get; set; }

    public List<string> PhotoUrls { get; set; } = [];
}
