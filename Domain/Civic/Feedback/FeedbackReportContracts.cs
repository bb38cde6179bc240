using DongNai.Domain.Listings;
using DongNai.Domain.Validation;

namespace DongNai.Domain.Civic.Feedback;

/// <summary>
/// The listing-request side of <see cref="FeedbackReportKind"/>. Reports have no generic listing
/// routes (<see cref="ListingKindDescriptor.HasListingRoutes"/>): they are posted through
/// <c>POST /api/feedback/reports</c>, which checks the verified identity, the daily limit and the
/// photos, and then moderated. Should anything ever hand this request to the generic flow, it is
/// refused as invalid instead of creating an unmoderated report.
/// </summary>
public sealed record FeedbackReportListingRequest : IListingRequest<FeedbackReport>
{
    public void Validate(FieldErrors errors, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Add("kind", "Reports are posted through POST /api/feedback/reports and moderated before they are public.");
    }

    public Task CheckReferencesAsync(AppDbContext db, long callerId, FieldErrors errors, CancellationToken cancellationToken) => Task.CompletedTask;

    public void ApplyTo(FeedbackReport listing, DateTime now, bool isNew) =>
        throw new InvalidOperationException("Reports are posted through the feedback service; Validate always refuses this request.");
}

/// <summary>
/// A report as the public sees it through the listing abstractions: no author (the
/// <see cref="ListingOwner"/> handed in is ignored on purpose: the reporter's identity is never public).
/// The feedback endpoints have their own, fuller view.
/// </summary>
public sealed record FeedbackReportListingResponse(
    long Id,
    string Title,
    string Text,
    FeedbackCategory Category,
    FeedbackStatus Status,
    string CommuneCode,
    string? Answer,
    DateTime CreatedAt) : IListingResponse<FeedbackReport, FeedbackReportListingResponse>
{
    public static FeedbackReportListingResponse From(FeedbackReport listing, ListingOwner owner)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return new(listing.Id, listing.Title, listing.Description, listing.Category, listing.Status, listing.CommuneCode!, listing.Answer, listing.CreatedAt);
    }
}
