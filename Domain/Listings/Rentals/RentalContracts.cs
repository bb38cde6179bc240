using DongNai.Domain.Validation;

namespace DongNai.Domain.Listings.Rentals;

/// <summary>A place to rent. Price is VND per month; deposit is VND.</summary>
public sealed record RentalRequest(
    string? Title,
    string? Description,
    RentalType? RentalType,
    long? PriceVnd,
    long? DepositVnd,
    double? AreaM2,
    int? MaxOccupants,
    IReadOnlyList<RentalAmenities>? Amenities,
    string? NearestParkCode,
    string? CommuneCode,
    double? Latitude,
    double? Longitude,
    IReadOnlyList<string>? PhotoUrls) : IListingRequest<Rental>
{
    public void Validate(FieldErrors errors, DateTime now)
    {
        ListingRules.TitleAndDescription(Title, Description, errors);
        errors.Defined(RentalType, "rentalType");
        errors.Range(PriceVnd, "priceVnd", 100_000, 1_000_000_000);
        errors.Range(DepositVnd, "depositVnd", 0, 1_000_000_000, required: false);
        errors.Range(AreaM2, "areaM2", 1, 100_000);
        errors.Range(MaxOccupants, "maxOccupants", 1, 500);
        ListingRules.Flags(Amenities, "amenities", errors);
        ListingRules.PointInProvince(Latitude, Longitude, errors);
        ListingRules.PhotoUrls(PhotoUrls, errors);
    }

    public async Task CheckReferencesAsync(AppDbContext db, long callerId, FieldErrors errors, CancellationToken cancellationToken)
    {
        await ReferenceChecks.CheckParkAsync(db, NearestParkCode, "nearestParkCode", errors, cancellationToken);
        await ReferenceChecks.CheckCommuneAsync(db, CommuneCode, "communeCode", errors, cancellationToken);
    }

    public void ApplyTo(Rental listing, DateTime now, bool isNew)
    {
        listing.Title = Title!.Trim();
        listing.Description = Description!.Trim();
        listing.RentalType = RentalType!.Value;
        listing.PriceVnd = PriceVnd!.Value;
        listing.DepositVnd = DepositVnd ?? 0;
        listing.AreaM2 = AreaM2!.Value;
        listing.MaxOccupants = MaxOccupants!.Value;
        listing.Amenities = ListingRules.Union(Amenities);
        listing.NearestParkCode = NearestParkCode;
        listing.CommuneCode = CommuneCode;
        listing.Latitude = Latitude!.Value;
        listing.Longitude = Longitude!.Value;
        listing.PhotoUrls = PhotoUrls?.ToList() ?? [];
    }
}

public sealed record RentalResponse(
    long Id,
    string Owner,
    bool OwnerVerified,
    string Title,
    string Description,
    RentalType RentalType,
    long PriceVnd,
    long DepositVnd,
    double AreaM2,
    int MaxOccupants,
    IReadOnlyList<RentalAmenities> Amenities,
    string? NearestParkCode,
    string? CommuneCode,
    double Latitude,
    double Longitude,
    IReadOnlyList<string> PhotoUrls,
    DateTime UpdatedAt,
    int Version) : IListingResponse<Rental, RentalResponse>
{
    public static RentalResponse From(Rental listing, ListingOwner owner) => new(
        listing.Id, owner.Handle, owner.Verified, listing.Title, listing.Description, listing.RentalType, listing.PriceVnd, listing.DepositVnd,
        listing.AreaM2, listing.MaxOccupants, ListingRules.Split(listing.Amenities), listing.NearestParkCode, listing.CommuneCode,
        listing.Latitude, listing.Longitude, listing.PhotoUrls, listing.UpdatedAt, listing.Version);
}
