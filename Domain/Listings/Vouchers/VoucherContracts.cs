using DongNai.Domain.Validation;

namespace DongNai.Domain.Listings.Vouchers;

public sealed record VoucherLocationRequest(string? Name, double? Latitude, double? Longitude);

/// <summary>
/// A voucher a business hands out. Give exactly one of <c>discountPercent</c> and
/// <c>discountAmountVnd</c>. The listing's map point is its first location.
/// </summary>
public sealed record VoucherRequest(
    string? Title,
    string? Description,
    string? Brand,
    VoucherCategory? Category,
    int? DiscountPercent,
    long? DiscountAmountVnd,
    long? PriceVnd,
    int? QuantityTotal,
    int? QuantityRemaining,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo,
    IReadOnlyList<VoucherLocationRequest>? Locations,
    string? CommuneCode,
    int? MaxClaimsPerPerson = null) : IListingRequest<Voucher>
{
    public const int MaxLocations = 50;

    /// <summary>The most claims of one voucher a person may hold at once.</summary>
    public const int MaxClaimsPerPersonLimit = 100;

    public void Validate(FieldErrors errors, DateTime now)
    {
        ListingRules.TitleAndDescription(Title, Description, errors);
        errors.Text(Brand, "brand", 2, 100);
        errors.Defined(Category, "category");
        if (DiscountPercent is null == DiscountAmountVnd is null)
        {
            errors.Add("discountPercent", "Give exactly one of discountPercent and discountAmountVnd.");
        }

        errors.Range(DiscountPercent, "discountPercent", 1, 100, required: false);
        errors.Range(DiscountAmountVnd, "discountAmountVnd", 1_000, 100_000_000, required: false);
        errors.Range(PriceVnd, "priceVnd", 0, 100_000_000, required: false);
        errors.Range(QuantityTotal, "quantityTotal", 1, 1_000_000);
        errors.Range(QuantityRemaining, "quantityRemaining", 0, QuantityTotal ?? 1_000_000, required: false);
        errors.Range(MaxClaimsPerPerson, "maxClaimsPerPerson", 1, MaxClaimsPerPersonLimit, required: false);
        if (errors.When(ValidFrom is null, "validFrom", "Required.") | errors.When(ValidTo is null, "validTo", "Required."))
        {
            return;
        }

        errors.When(ValidTo <= ValidFrom, "validTo", "Must be after validFrom.");
        errors.When(ValidTo!.Value.UtcDateTime <= now, "validTo", "Must be in the future.");
        errors.When(ValidTo.Value - ValidFrom!.Value > TimeSpan.FromDays(730), "validTo", "A voucher may run for at most two years.");

        if (Locations is null || Locations.Count == 0 || Locations.Count > MaxLocations)
        {
            errors.Add("locations", $"Give 1 to {MaxLocations} locations.");
            return;
        }

        for (var i = 0; i < Locations.Count; i++)
        {
            errors.Text(Locations[i].Name, $"locations[{i}].name", 2, 200);
            ListingRules.PointInProvince(Locations[i].Latitude, Locations[i].Longitude, errors, $"locations[{i}].");
        }
    }

    public Task CheckReferencesAsync(AppDbContext db, long callerId, FieldErrors errors, CancellationToken cancellationToken) =>
        ReferenceChecks.CheckCommuneAsync(db, CommuneCode, "communeCode", errors, cancellationToken);

    public void ApplyTo(Voucher listing, DateTime now, bool isNew)
    {
        listing.Title = Title!.Trim();
        listing.Description = Description!.Trim();
        listing.Brand = Brand!.Trim();
        listing.Category = Category!.Value;
        listing.DiscountPercent = DiscountPercent;
        listing.DiscountAmountVnd = DiscountAmountVnd;
        listing.PriceVnd = PriceVnd ?? 0;
        listing.QuantityTotal = QuantityTotal!.Value;
        // Left out of an update, the count of vouchers still available is kept (capped by the new total).
        listing.QuantityRemaining = QuantityRemaining ?? (isNew ? QuantityTotal.Value : Math.Min(listing.QuantityRemaining, QuantityTotal.Value));
        listing.MaxClaimsPerPerson = MaxClaimsPerPerson ?? (isNew ? 1 : listing.MaxClaimsPerPerson);
        listing.ValidFrom = ValidFrom!.Value.UtcDateTime;
        listing.ValidTo = ValidTo!.Value.UtcDateTime;
        listing.Locations = Locations!
            .Select(l => new VoucherLocation { Name = l.Name!.Trim(), Latitude = l.Latitude!.Value, Longitude = l.Longitude!.Value })
            .ToList();
        listing.Latitude = listing.Locations[0].Latitude;
        listing.Longitude = listing.Locations[0].Longitude;
        listing.CommuneCode = CommuneCode;
    }
}

public sealed record VoucherLocationResponse(string Name, double Latitude, double Longitude);

public sealed record VoucherResponse(
    long Id,
    string Owner,
    bool OwnerVerified,
    string Title,
    string Description,
    string Brand,
    VoucherCategory Category,
    int? DiscountPercent,
    long? DiscountAmountVnd,
    long PriceVnd,
    int QuantityTotal,
    int QuantityRemaining,
    DateTime ValidFrom,
    DateTime ValidTo,
    IReadOnlyList<VoucherLocationResponse> Locations,
    string? CommuneCode,
    int Version,
    int MaxClaimsPerPerson) : IListingResponse<Voucher, VoucherResponse>
{
    public static VoucherResponse From(Voucher listing, ListingOwner owner) => new(
        listing.Id, owner.Handle, owner.Verified, listing.Title, listing.Description, listing.Brand, listing.Category, listing.DiscountPercent,
        listing.DiscountAmountVnd, listing.PriceVnd, listing.QuantityTotal, listing.QuantityRemaining, listing.ValidFrom, listing.ValidTo,
        listing.Locations.Select(l => new VoucherLocationResponse(l.Name, l.Latitude, l.Longitude)).ToList(), listing.CommuneCode, listing.Version,
        listing.MaxClaimsPerPerson);
}
