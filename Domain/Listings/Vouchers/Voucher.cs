
namespace DongNai.Domain.Listings.Vouchers;

public enum VoucherCategory
{
    Shopping = 1,
    Beauty = 2,
    FoodAndDrink = 3,
    Entertainment = 4,
    Travel = 5,
}

/// <summary>A shop where a voucher may be used.</summary>
public sealed class VoucherLocation
{
    public string Name { get; set; } = "";

    public double Latitude { get; set; }

    public double Longitude { get; set; }
}

/// <summary>
/// A discount a business hands out. Exactly one of <see cref="DiscountPercent"/> and
/// <see cref="DiscountAmountVnd"/> is set. The listing's own point is its first location.
/// </summary>
public sealed class Voucher : Listing
{
    public override ListingKind Kind => ListingKind.Voucher;

    public string Brand { get; set; } = "";

    public VoucherCategory Category { get; set; }

    public int? DiscountPercent { get; set; }

    public long? DiscountAmountVnd { get; set; }

    /// <summary>What a user pays to claim it; 0 for a free voucher.</summary>
    public long PriceVnd { get; set; }

    public int QuantityTotal { get; set; }

    /// <summary>
    /// Units left to claim. Claims and their releases change it only by conditional updates
    /// (<c>WHERE QuantityRemaining &gt; 0</c>) in the claim's transaction, with an outbox entry.
    /// </summary>
    public int QuantityRemaining { get; set; }

    /// <summary>How many live claims one person may hold at once; 1 unless the owner allows more.</summary>
    public int MaxClaimsPerPerson { get; set; } = 1;

    public DateTime ValidFrom { get; set; }

    public DateTime ValidTo { get; set; }

    public List<VoucherLocation> Locations { get; set; } = [];
}
