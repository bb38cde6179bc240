using DongNai.Domain.Validation;

namespace DongNai.Domain.Listings.Classifieds;

/// <summary>An item for sale. Price is VND; 0 means free.</summary>
public sealed record ClassifiedRequest(
    string? Title,
    string? Description,
    ClassifiedCategory? Category,
    ItemCondition? Condition,
    long? PriceVnd,
    string? SellerName,
    string? CommuneCode,
    double? Latitude,
    double? Longitude,
    IReadOnlyList<string>? PhotoUrls) : IListingRequest<Classified>
{
    public void Validate(FieldErrors errors, DateTime now)
    {
        ListingRules.TitleAndDescription(Title, Description, errors);
        errors.Defined(Category, "category");
        errors.Defined(Condition, "condition");
        errors.Range(PriceVnd, "priceVnd", 0, 10_000_000_000);
        errors.Text(SellerName, "sellerName", 2, 100);
        ListingRules.PointInProvince(Latitude, Longitude, errors);
        ListingRules.PhotoUrls(PhotoUrls, errors);
    }

    public Task CheckReferencesAsync(AppDbContext db, long callerId, FieldErrors errors, CancellationToken cancellationToken) =>
        ReferenceChecks.CheckCommuneAsync(db, CommuneCode, "communeCode", errors, cancellationToken);

    public void ApplyTo(Classified listing, DateTime now, bool isNew)
    {
        listing.Title = Title!.Trim();
        listing.Description = Description!.Trim();
        listing.Category = Category!.Value;
        listing.Condition = Condition!.Value;
        listing.PriceVnd = PriceVnd!.Value;
        listing.SellerName = SellerName!.Trim();
        listing.CommuneCode = CommuneCode;
        listing.Latitude = Latitude!.Value;
        listing.Longitude = Longitude!.Value;
        listing.PhotoUrls = PhotoUrls?.ToList() ?? [];
    }
}

public sealed record ClassifiedResponse(
    long Id,
    string Owner,
    bool OwnerVerified,
    string Title,
    string Description,
    ClassifiedCategory Category,
    ItemCondition Condition,
    long PriceVnd,
    string SellerName,
    string? CommuneCode,
    double Latitude,
    double Longitude,
    IReadOnlyList<string> PhotoUrls,
    DateTime UpdatedAt,
    int Version) : IListingResponse<Classified, ClassifiedResponse>
{
    public static ClassifiedResponse From(Classified listing, ListingOwner owner) => new(
        listing.Id, owner.Handle, owner.Verified, listing.Title, listing.Description, listing.Category, listing.Condition, listing.PriceVnd,
        listing.SellerName, listing.CommuneCode, listing.Latitude, listing.Longitude, listing.PhotoUrls, listing.UpdatedAt, listing.Version);
}
