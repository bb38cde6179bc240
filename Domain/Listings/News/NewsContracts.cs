using DongNai.Domain.Validation;

namespace DongNai.Domain.Listings.News;

/// <summary>
/// An article posted by hand (the province's press office); most arrive through the feed importer.
/// The summary is a few sentences: the full text stays with the publisher at <see cref="Link"/>.
/// </summary>
public sealed record NewsRequest(
    string? Title,
    string? Summary,
    string? SourceName,
    string? Link,
    string? ImageUrl,
    DateTime? PublishedAt,
    string? CommuneCode,
    double? Latitude,
    double? Longitude) : IListingRequest<NewsArticle>
{
    public const string ManualSource = "manual";

    public void Validate(FieldErrors errors, DateTime now)
    {
        errors.Text(Title, "title", 5, 200);
        errors.Text(Summary, "summary", 10, 5000);
        errors.Text(SourceName, "sourceName", 2, NewsArticle.MaxSourceLength);
        errors.When(!ListingRules.IsWebAddress(Link, NewsArticle.MaxLinkLength), "link", $"Must be an absolute http(s) URL of at most {NewsArticle.MaxLinkLength} characters.");
        errors.When(ImageUrl is not null && !ListingRules.IsWebAddress(ImageUrl, NewsArticle.MaxLinkLength), "imageUrl", $"Must be an absolute http(s) URL of at most {NewsArticle.MaxLinkLength} characters.");
        errors.When(PublishedAt is { } published && published.ToUniversalTime() > now.AddMinutes(5), "publishedAt", "Must not be in the future.");
        ListingRules.PointInProvince(Latitude, Longitude, errors);
    }

    public Task CheckReferencesAsync(AppDbContext db, long callerId, FieldErrors errors, CancellationToken cancellationToken) =>
        ReferenceChecks.CheckCommuneAsync(db, CommuneCode, "communeCode", errors, cancellationToken);

    public void ApplyTo(NewsArticle listing, DateTime now, bool isNew)
    {
        listing.Title = Title!.Trim();
        listing.TitleKey = NewsTitles.Key(listing.Title);
        listing.Description = Summary!.Trim();
        listing.SourceName = SourceName!.Trim();
        listing.Link = Link!;
        listing.ImageUrl = ImageUrl;
        listing.PublishedAt = PublishedAt?.ToUniversalTime() ?? (isNew ? now : listing.PublishedAt);
        listing.CommuneCode = CommuneCode;
        listing.Latitude = Latitude!.Value;
        listing.Longitude = Longitude!.Value;
        if (isNew)
        {
            listing.SourceCode = ManualSource;
        }
    }
}

public sealed record NewsResponse(
    long Id,
    string Owner,
    bool OwnerVerified,
    string Title,
    string Summary,
    string SourceName,
    string Link,
    string? ImageUrl,
    DateTime PublishedAt,
    string? CommuneCode,
    double Latitude,
    double Longitude,
    DateTime UpdatedAt,
    int Version) : IListingResponse<NewsArticle, NewsResponse>
{
    public static NewsResponse From(NewsArticle listing, ListingOwner owner) => new(
        listing.Id, owner.Handle, owner.Verified, listing.Title, listing.Description, listing.SourceName, listing.Link, listing.ImageUrl,
        listing.PublishedAt, listing.CommuneCode, listing.Latitude, listing.Longitude, listing.UpdatedAt, listing.Version);
}
