using DongNai.Domain.People;
using DongNai.Domain.Places;

namespace DongNai.Domain.Listings.Classifieds;

/// <summary>Second-hand and new goods people sell to each other.</summary>
public sealed class ClassifiedKind : ListingKindDescriptor<Classified, ClassifiedRequest, ClassifiedResponse>
{
    public const string Condition = "condition";

    public override ListingKind Kind => ListingKind.Classified;

    public override string Slug => "classifieds";

    public override string Name => "Classified";

    public override string Description => "Second-hand and new goods that people sell to each other.";

    public override string Table => "Classifieds";

    public override IReadOnlyList<Role> CreatorRoles { get; } = [];

    public override double DemoShare => 0.23;

    public override KindSearchProfile Search { get; } = new(
        [
            KeywordFilter.Codes<ClassifiedCategory>(KeywordFields.Category, "Category of goods."),
            KeywordFilter.Codes<ItemCondition>(Condition, "Condition of the item."),
            KeywordFields.CommuneFilter,
        ],
        [KeywordFields.Category, Condition],
        [500_000, 1_000_000, 5_000_000, 10_000_000, 50_000_000],
        MoneyField.Price,
        "Asking price in VND.")
    {
        NearRadiusKm = (10, 10),
    };

    public override SearchDocument BuildDocument(Classified classified, PlaceCatalog places)
    {
        var commune = places.FindCommune(classified.CommuneCode);
        return CommonDocument(classified) with
        {
            ExtraText = JoinText(Words(classified.Category), Words(classified.Condition), commune?.Name),
            Price = classified.PriceVnd,
            Keywords = Keywords(
                (KeywordFields.Category, [ListingVocabulary.Code(classified.Category)]),
                (Condition, [ListingVocabulary.Code(classified.Condition)]),
                (KeywordFields.Commune, Codes(classified.CommuneCode))),
            SuggestTerms = SuggestTerms(commune?.Name),
        };
    }

    public static string Words(ClassifiedCategory category) => category switch
    {
        ClassifiedCategory.Electronics => "đồ điện tử",
        ClassifiedCategory.Phones => "điện thoại",
        ClassifiedCategory.Motorbikes => "xe máy",
        ClassifiedCategory.Bicycles => "xe đạp",
        ClassifiedCategory.Furniture => "đồ nội thất",
        ClassifiedCategory.HomeAppliances => "đồ gia dụng",
        ClassifiedCategory.Clothing => "quần áo",
        ClassifiedCategory.BabyAndKids => "đồ trẻ em",
        _ => "",
    };

    public static string Words(ItemCondition condition) => condition switch
    {
        ItemCondition.New => "mới",
        ItemCondition.LikeNew => "như mới",
        ItemCondition.Used => "đã qua sử dụng",
        _ => "",
    };
}
