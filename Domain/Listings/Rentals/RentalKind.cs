using DongNai.Domain.People;
using DongNai.Domain.Places;

namespace DongNai.Domain.Listings.Rentals;

/// <summary>Rooms, flats and houses to rent, most of them near a park.</summary>
public sealed class RentalKind : ListingKindDescriptor<Rental, RentalRequest, RentalResponse>
{
    public const string RentalType = "rentalType";
    public const string Amenities = "amenities";

    public override ListingKind Kind => ListingKind.Rental;

    public override string Slug => "rentals";

    public override string Name => "Rental";

    public override string Description => "Rooms, flats and houses to rent, most of them near an industrial park.";

    public override string Table => "Rentals";

    public override IReadOnlyList<Role> CreatorRoles { get; } = [];

    public override double DemoShare => 0.30;

    public override KindSearchProfile Search { get; } = new(
        [
            KeywordFilter.Codes<RentalType>(RentalType, "Kind of place."),
            KeywordFilter.Codes<RentalAmenities>(Amenities, "Amenities."),
            KeywordFields.ParkFilter,
            KeywordFields.CommuneFilter,
        ],
        [RentalType, Amenities, KeywordFields.Park],
        [1_000_000, 2_000_000, 3_000_000, 5_000_000, 10_000_000],
        MoneyField.Price,
        "Monthly rent in VND.",
        HasArea: true)
    {
        NearRadiusKm = (3, 5),
    };

    public override SearchDocument BuildDocument(Rental rental, PlaceCatalog places)
    {
        var park = places.FindPark(rental.NearestParkCode);
        var commune = places.FindCommune(rental.CommuneCode);
        var amenities = ListingVocabulary.Flags(rental.Amenities).ToList();
        return CommonDocument(rental) with
        {
            ExtraText = JoinText(
                Words(rental.RentalType),
                string.Join(", ", amenities.Select(Words)),
                park is null ? null : "gần " + park.Name,
                commune?.Name),
            Price = rental.PriceVnd,
            AreaM2 = rental.AreaM2,
            Keywords = Keywords(
                (RentalType, [ListingVocabulary.Code(rental.RentalType)]),
                (Amenities, amenities.Select(ListingVocabulary.Code).ToArray()),
                (KeywordFields.Park, Codes(rental.NearestParkCode)),
                (KeywordFields.Commune, Codes(rental.CommuneCode))),
            SuggestTerms = SuggestTerms(park?.Name, commune?.Name),
        };
    }

    public static string Words(RentalType type) => type switch
    {
        Rentals.RentalType.Apartment => "căn hộ chung cư",
        Rentals.RentalType.Room => "phòng trọ",
        Rentals.RentalType.WholeHouse => "nhà nguyên căn",
        Rentals.RentalType.Dormitory => "ký túc xá",
        Rentals.RentalType.BusinessPremises => "mặt bằng kinh doanh",
        _ => "",
    };

    public static string Words(RentalAmenities amenity) => amenity switch
    {
        RentalAmenities.AirConditioner => "máy lạnh",
        RentalAmenities.PrivateBathroom => "vệ sinh riêng",
        RentalAmenities.Wifi => "wifi",
        RentalAmenities.Parking => "chỗ để xe",
        RentalAmenities.Kitchen => "bếp",
        RentalAmenities.WaterHeater => "máy nước nóng",
        RentalAmenities.Furnished => "đầy đủ nội thất",
        RentalAmenities.Loft => "gác lửng",
        RentalAmenities.Security => "an ninh",
        _ => "",
    };
}
