using DongNai.Domain.Listings;

namespace DongNai.Domain.Civic.PublicServices;

/// <summary>The field of administration a procedure belongs to (a search filter and facet).</summary>
public enum PublicServiceArea
{
    CivilStatus = 1,
    Education = 2,
    Certification = 3,
    Residence = 4,
    Land = 5,
    Business = 6,
    SocialInsurance = 7,
    Transport = 8,
    Other = 9,
}

/// <summary>The level of the authority that decides: the commune or ward, the province, or an institution (a school).</summary>
public enum AuthorityLevel
{
    Commune = 1,
    Province = 2,
    Institution = 3,
}

/// <summary>
/// The procedures this service takes applications for, each with its own typed form. A catalogue
/// entry without one links out to the National Public Service Portal instead. Stored as its number.
/// </summary>
public enum ApplicationForm
{
    /// <summary>"Cấp bản sao văn bằng, chứng chỉ từ sổ gốc": a certified copy of a diploma from the original register.</summary>
    DiplomaCopy = 1,

    /// <summary>"Cấp Giấy xác nhận tình trạng hôn nhân": a marital status certificate.</summary>
    MaritalStatus = 2,

    /// <summary>"Đăng ký khai sinh": birth registration.</summary>
    BirthRegistration = 3,
}

/// <summary>
/// An administrative procedure of the catalogue ("thủ tục hành chính"): what to attach, the fee,
/// how long it takes, who decides and on what legal basis. Public data only. Created by agency
/// staff and admins; the main ones are seeded from <c>Civic/PublicServices/Data/public-services.json</c>.
/// The point is the office that receives applications (for commune-level procedures: the
/// provincial public administration centre, as a stand-in for "your commune's office").
/// </summary>
public sealed class PublicService : Listing
{
    public const int MaxListItems = 30;
    public const int MaxItemLength = 500;

    public override ListingKind Kind => ListingKind.PublicService;

    /// <summary>The procedure's code in the national database of procedures (e.g. <c>1.001193</c>), when known.</summary>
    public string? ProcedureCode { get; set; }

    /// <summary>The seeded entry's stable key (<c>birth-registration</c>); null for entries staff created.</summary>
    public string? CatalogueKey { get; set; }

    public PublicServiceArea Area { get; set; }

    public AuthorityLevel Level { get; set; }

    /// <summary>The typed application form this service takes; null: apply through <see cref="ExternalUrl"/>.</summary>
    public ApplicationForm? Form { get; set; }

    /// <summary>Who decides ("Ủy ban nhân dân cấp xã nơi cư trú").</summary>
    public string CompetentAuthority { get; set; } = "";

    /// <summary>The fee in VND (0: free); <see cref="FeeNote"/> says when it differs.</summary>
    public long FeeVnd { get; set; }

    public string FeeNote { get; set; } = "";

    /// <summary>How long processing takes, as the legal text says it ("03 ngày làm việc").</summary>
    public string ProcessingTime { get; set; } = "";

    public List<string> RequiredDocuments { get; set; } = [];

    public List<string> LegalBasis { get; set; } = [];

    /// <summary>Where to apply when the service takes no application itself (the National Public Service Portal).</summary>
    public string? ExternalUrl { get; set; }
}
