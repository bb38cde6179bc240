using DongNai.Domain.People;
using DongNai.Domain.Places;
using DongNai.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Domain.Listings.Vouchers;

/// <summary>Discount vouchers that shops and brands offer.</summary>
public sealed class VoucherKind : ListingKindDescriptor<Voucher, VoucherRequest, VoucherResponse>
{
    public const string Brand = "brand";

    public override ListingKind Kind => ListingKind.Voucher;

    public override string Slug => "vouchers";

    public override string Name => "Voucher";

    public override string Description => "Discount vouchers that shops and brands offer.";

    public override string Table => "Vouchers";

    public override IReadOnlyList<Role> CreatorRoles { get; } = [Role.Employer, Role.Admin];

    public override double DemoShare => 0.10;

    public override KindSearchProfile Search { get; } = new(
        [
            KeywordFilter.Codes<VoucherCategory>(KeywordFields.Category, "Category of offer."),
            KeywordFilter.FoldedNames(Brand, "Brand name, with or without accents."),
            KeywordFields.CommuneFilter,
        ],
        [KeywordFields.Category, Brand],
        [1, 50_000, 200_000],
        MoneyField.Price,
        "Price of the voucher in VND (0 when free).")
    {
        NearRadiusKm = (5, 5),
    };

    public override void ConfigureModel(ModelBuilder modelBuilder) =>
        ConfigureEntity(modelBuilder.Entity<Voucher>())
            .OwnsMany(v => v.Locations, locations => locations.ToJson())
            .Property(v => v.MaxClaimsPerPerson).HasDefaultValue(1);

    public override SearchDocument BuildDocument(Voucher voucher, PlaceCatalog places)
    {
        var commune = places.FindCommune(voucher.CommuneCode);
        return CommonDocument(voucher) with
        {
            ExtraText = JoinText(
                voucher.Brand,
                Words(voucher.Category),
                string.Join(", ", voucher.Locations.Select(l => l.Name)),
                commune?.Name),
            Price = voucher.PriceVnd,
            ExpiresAt = voucher.ValidTo,
            QuantityRemaining = voucher.QuantityRemaining,
            Keywords = Keywords(
                (KeywordFields.Category, [ListingVocabulary.Code(voucher.Category)]),
                (Brand, Codes(VietnameseText.FoldKey(voucher.Brand))),
                (KeywordFields.Commune, Codes(voucher.CommuneCode))),
            SuggestTerms = SuggestTerms(voucher.Brand, commune?.Name),
        };
    }

    public static string Words(VoucherCategory category) => category switch
    {
        VoucherCategory.Shopping => "mua sắm",
        VoucherCategory.Beauty => "làm đẹp",
        VoucherCategory.FoodAndDrink => "ăn uống",
        VoucherCategory.Entertainment => "giải trí",
        VoucherCategory.Travel => "du lịch",
        _ => "",
    };
}
