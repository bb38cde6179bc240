using DongNai.Domain.Listings;
using DongNai.Domain.Validation;

namespace DongNai.Domain.Civic.PublicServices;

/// <summary>
/// A catalogue entry as agency staff write it. <c>form</c> names the typed application this service
/// takes (only the three built in); without it, <c>externalUrl</c> (https) says where to apply.
/// The point is the office that receives applications.
/// </summary>
public sealed record PublicServiceRequest(
    string? Title,
    string? Description,
    string? ProcedureCode,
    PublicServiceArea? Area,
    AuthorityLevel? Level,
    ApplicationForm? Form,
    string? CompetentAuthority,
    long? FeeVnd,
    string? FeeNote,
    string? ProcessingTime,
    IReadOnlyList<string>? RequiredDocuments,
    IReadOnlyList<string>? LegalBasis,
    string? ExternalUrl,
    string? CommuneCode,
    double? Latitude,
    double? Longitude) : IListingRequest<PublicService>
{
    public void Validate(FieldErrors errors, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ListingRules.TitleAndDescription(Title, Description, errors);
        errors.Text(ProcedureCode, "procedureCode", 1, 20, required: false);
        errors.Defined(Area, "area");
        errors.Defined(Level, "level");
        if (Form is not null)
        {
            errors.Defined(Form, "form");
        }

        errors.Text(CompetentAuthority, "competentAuthority", 3, 300);
        errors.Range(FeeVnd, "feeVnd", 0, 100_000_000);
        errors.Text(FeeNote, "feeNote", 0, 1000, required: false);
        errors.Text(ProcessingTime, "processingTime", 2, 300);
        Items(RequiredDocuments, "requiredDocuments", required: Form is not null, errors);
        Items(LegalBasis, "legalBasis", required: true, errors);
        if (ExternalUrl is not null)
        {
            errors.When(
                ExternalUrl.Length > 500 || !Uri.TryCreate(ExternalUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps,
                "externalUrl",
                "Must be an absolute https URL of at most 500 characters.");
        }

        errors.When(Form is null && ExternalUrl is null, "externalUrl", "Required when the service takes no application here (no form): where people apply.");
        ListingRules.PointInProvince(Latitude, Longitude, errors);
    }

    public Task CheckReferencesAsync(AppDbContext db, long callerId, FieldErrors errors, CancellationToken cancellationToken) =>
        ReferenceChecks.CheckCommuneAsync(db, CommuneCode, "communeCode", errors, cancellationToken);

    public void ApplyTo(PublicService listing, DateTime now, bool isNew)
    {
        ArgumentNullException.ThrowIfNull(listing);
        listing.Title = Title!.Trim();
        listing.Description = Description!.Trim();
        listing.ProcedureCode = string.IsNullOrWhiteSpace(ProcedureCode) ? null : ProcedureCode.Trim();
        listing.Area = Area!.Value;
        listing.Level = Level!.Value;
        listing.Form = Form;
        listing.CompetentAuthority = CompetentAuthority!.Trim();
        listing.FeeVnd = FeeVnd!.Value;
        listing.FeeNote = FeeNote?.Trim() ?? "";
        listing.ProcessingTime = ProcessingTime!.Trim();
        listing.RequiredDocuments = RequiredDocuments?.Select(d => d.Trim()).ToList() ?? [];
        listing.LegalBasis = LegalBasis!.Select(d => d.Trim()).ToList();
        listing.ExternalUrl = ExternalUrl;
        listing.CommuneCode = CommuneCode;
        listing.Latitude = Latitude!.Value;
        listing.Longitude = Longitude!.Value;
    }

    private static void Items(IReadOnlyList<string>? items, string field, bool required, FieldErrors errors)
    {
        if (items is null || items.Count == 0)
        {
            errors.When(required, field, "Required: at least one item.");
            return;
        }

        if (errors.When(items.Count > PublicService.MaxListItems, field, $"At most {PublicService.MaxListItems} items."))
        {
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            errors.Text(items[i], $"{field}[{i}]", 3, PublicService.MaxItemLength);
        }
    }
}

/// <summary>A catalogue entry as everyone sees it; <c>form</c> is set when the service takes applications here (POST /api/civic/applications).</summary>
public sealed record PublicServiceResponse(
    long Id,
    string Owner,
    bool OwnerVerified,
    string Title,
    string Description,
    string? ProcedureCode,
    PublicServiceArea Area,
    AuthorityLevel Level,
    ApplicationForm? Form,
    string CompetentAuthority,
    long FeeVnd,
    string FeeNote,
    string ProcessingTime,
    IReadOnlyList<string> RequiredDocuments,
    IReadOnlyList<string> LegalBasis,
    string? ExternalUrl,
    string? CommuneCode,
    double Latitude,
    double Longitude,
    DateTime UpdatedAt,
    int Version) : IListingResponse<PublicService, PublicServiceResponse>
{
    public static PublicServiceResponse From(PublicService listing, ListingOwner owner)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(owner);
        return new(
            listing.Id, owner.Handle, owner.Verified, listing.Title, listing.Description, listing.ProcedureCode, listing.Area, listing.Level, listing.Form,
            listing.CompetentAuthority, listing.FeeVnd, listing.FeeNote, listing.ProcessingTime, listing.RequiredDocuments, listing.LegalBasis,
            listing.ExternalUrl, listing.CommuneCode, listing.Latitude, listing.Longitude, listing.UpdatedAt, listing.Version);
    }
}
