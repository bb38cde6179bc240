
namespace DongNai.Domain.Listings.Classifieds;

public enum ClassifiedCategory
{
    Electronics = 1,
    Phones = 2,
    Motorbikes = 3,
    Bicycles = 4,
    Furniture = 5,
    HomeAppliances = 6,
    Clothing = 7,
    BabyAndKids = 8,
    Other = 9,
}

public enum ItemCondition
{
    New = 1,
    LikeNew = 2,
    Used = 3,
}

/// <summary>A second-hand or new item for sale. The seller is the owning account; <see cref="SellerName"/> is the name it shows.</summary>
public sealed class Classified : Listing
{
    public override ListingKind Kind => ListingKind.Classified;

    public ClassifiedCategory Category { get; set; }

    public ItemCondition Condition { get; set; }

    public long PriceVnd { get; set; }

    public string SellerName { get; set; } = "";

    public List<string> PhotoUrls { get; set; } = [];
}
