using DongNai.Domain.Listings;
using DongNai.Domain.People;
using DongNai.Domain.Places;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Domain.Civic.PublicServices;

/// <summary>
/// The catalogue of administrative procedures, searched like every other kind (same Vietnamese
/// analysis, with or without accents). Written by agency staff and admins; seeded at start from the
/// committed catalogue file. Three entries take typed applications here (<see cref="ApplicationForm"/>).
/// </summary>
public sealed class PublicServiceKind : ListingKindDescriptor<PublicService, PublicServiceRequest, PublicServiceResponse>
{
    public const string Level = "level";

    public override ListingKind Kind => ListingKind.PublicService;

    public override string Slug => "public-services";

    public override string Name => "PublicService";

    public override string Description => "Administrative procedures (public services): documents to attach, fee, processing time, competent authority and legal basis.";

    public override string Table => "PublicServices";

    public override IReadOnlyList<Role> CreatorRoles { get; } = [Role.AgencyStaff, Role.Admin];

    public override double DemoShare => 0;

    public override KindSearchProfile Search { get; } = new(
        [
            KeywordFilter.Codes<PublicServiceArea>(KeywordFields.Category, "Field of administration (civil status, education, …)."),
            KeywordFilter.Codes<AuthorityLevel>(Level, "Level of the competent authority: commune, province or institution."),
            KeywordFields.CommuneFilter,
        ],
        [KeywordFields.Category, Level],
        [1, 20_000, 100_000, 500_000],
        MoneyField.Price,
        "Fee in VND (0: free).")
    {
        // Procedures are done at the applicant's own commune, not near a park: a wide radius.
        NearRadiusKm = (15, 15),
    };

    public override void ConfigureModel(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var service = ConfigureEntity(modelBuilder.Entity<PublicService>());
        service.Property(s => s.ProcedureCode).HasMaxLength(20);
        service.Property(s => s.CatalogueKey).HasMaxLength(64);
        service.HasIndex(s => s.CatalogueKey).IsUnique();
        service.Property(s => s.CompetentAuthority).HasMaxLength(300);
        service.Property(s => s.FeeNote).HasMaxLength(1000);
        service.Property(s => s.ProcessingTime).HasMaxLength(300);
        service.Property(s => s.ExternalUrl).HasMaxLength(500);
    }

    public override SearchDocument BuildDocument(PublicService service, PlaceCatalog places)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(places);
        var commune = places.FindCommune(service.CommuneCode);
        return CommonDocument(service) with
        {
            ExtraText = JoinText(
                service.CompetentAuthority,
                Words(service.Area),
                Words(service.Level),
                service.ProcedureCode,
                string.Join(". ", service.RequiredDocuments),
                commune?.Name),
            Price = service.FeeVnd,
            Keywords = Keywords(
                (KeywordFields.Category, [ListingVocabulary.Code(service.Area)]),
                (Level, [ListingVocabulary.Code(service.Level)]),
                (KeywordFields.Commune, Codes(service.CommuneCode))),
            SuggestTerms = SuggestTerms(service.Title, commune?.Name),
        };
    }

    public static string Words(PublicServiceArea area) => area switch
    {
        PublicServiceArea.CivilStatus => "hộ tịch",
        PublicServiceArea.Education => "giáo dục văn bằng chứng chỉ",
        PublicServiceArea.Certification => "chứng thực",
        PublicServiceArea.Residence => "cư trú",
        PublicServiceArea.Land => "đất đai",
        PublicServiceArea.Business => "đăng ký kinh doanh",
        PublicServiceArea.SocialInsurance => "bảo hiểm xã hội",
        PublicServiceArea.Transport => "giao thông",
        _ => "",
    };

    public static string Words(AuthorityLevel level) => level switch
    {
        AuthorityLevel.Commune => "cấp xã phường",
        AuthorityLevel.Province => "cấp tỉnh",
        AuthorityLevel.Institution => "cơ sở giáo dục",
        _ => "",
    };
}
