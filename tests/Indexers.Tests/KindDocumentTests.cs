using System.Text.Json;
using DongNai.Domain.Listings;
using DongNai.Domain.Listings.BusRoutes;
using DongNai.Domain.Listings.Classifieds;
using DongNai.Domain.Listings.Jobs;
using DongNai.Domain.People;
using DongNai.Domain.Places;
using DongNai.Seeding;

namespace DongNai.Indexers.Tests;

/// <summary>
/// Where the kind descriptors meet the search profile: every filter and facet a kind offers is a
/// field its document builder emits, with values the filter accepts, and no personal data reaches
/// a document. Checked on the demo generator's realistic listings of every kind.
/// </summary>
public sealed class KindDocumentTests
{
    private static readonly PlaceCatalog Places = PlaceCatalog.Load();
    private static readonly DateTime ReferenceDate = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly List<Listing> DemoListings = [.. new DemoDataGenerator(Places).Generate(3_000, seed: 7, ReferenceDate).Listings];

    /// <summary>The kinds the demo generator makes (CVs have none: their documents are checked in CvDocumentTests).</summary>
    public static TheoryData<string> Kinds => [.. ListingKinds.Descriptors.Where(d => d.DemoShare > 0).Select(d => d.Slug)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Documents_EmitEveryFieldTheKindFiltersOn_WithValuesTheFilterAccepts(string slug)
    {
        var kind = Kind(slug);

        var documents = Documents(kind);

        Assert.NotEmpty(documents);
        foreach (var filter in kind.Search.Filters)
        {
            var values = documents.SelectMany(d => d.Keywords.GetValueOrDefault(filter.Name) ?? []).ToList();
            Assert.True(values.Count > 0, $"No {slug} document has a value for the filter '{filter.Name}'.");
            if (filter.Values is { } accepted)
            {
                Assert.All(values, value => Assert.Contains(value, accepted));
            }
        }

        Assert.All(kind.Search.Facets, facet => Assert.NotNull(kind.Search.Filter(facet)));
        if (kind.Search.Money == MoneyField.None)
        {
            Assert.All(documents, d => Assert.True(d.PriceMin is null && d.PriceMax is null && d.Price is null, $"{slug} {d.Id} has money, and its kind none."));
        }
        else
        {
            Assert.All(documents, d => Assert.True(d.PriceMin.HasValue && d.PriceMax >= d.PriceMin, $"{slug} {d.Id} has no money field."));
        }

        Assert.All(documents, d => Assert.Equal(kind.Kind, d.Kind));
        if (kind.Search.HasArea)
        {
            Assert.All(documents, d => Assert.True(d.AreaM2 > 0));
        }

        if (kind.Search.HasDepartures)
        {
            Assert.All(documents, d => Assert.NotEmpty(d.DeparturesMinuteOfDay!));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Documents_CarryTheListingsPublicTextAndPoint(string slug)
    {
        var kind = Kind(slug);
        var listing = DemoListings.First(l => l.Kind == kind.Kind);

        var document = kind.BuildDocument(listing, Places);

        Assert.Equal((listing.Id, listing.Version, listing.Title), (document.Id, document.Version, document.Title));
        Assert.Equal((listing.Latitude, listing.Longitude), (document.Latitude!.Value, document.Longitude!.Value));
        // Freshness: a news article is as fresh as its publication, every other listing as its last change.
        Assert.Equal(listing is DongNai.Domain.Listings.News.NewsArticle article ? article.PublishedAt : listing.UpdatedAt, document.UpdatedAt);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Documents_CarryNoOwnerOrContactData(string slug)
    {
        var kind = Kind(slug);
        var listing = new DemoDataGenerator(Places).Generate(200, seed: 8, ReferenceDate).Listings.First(l => l.Kind == kind.Kind);
        listing.OwnerId = 987_654_321_012;
        var secrets = new List<string> { "987654321012" };
        switch (listing)
        {
            case Classified classified:
                classified.SellerName = "Nguyễn Thị Riêng Tư";
                secrets.Add("Riêng Tư");
                break;
            case BusRoute route:
                route.Hotline = "0251 3999 777";
                secrets.Add("3999");
                break;
            case JobPosting job:
                job.Employer = new Employer { Id = job.EmployerId, Name = "Công ty Công Khai", TaxCode = "3600999111", OwnerId = 987_654_321_012 };
                secrets.Add("3600999111");
                break;
        }

        var json = JsonSerializer.Serialize(kind.BuildDocument(listing, Places));

        Assert.All(secrets, secret => Assert.DoesNotContain(secret, json, StringComparison.Ordinal));
    }

    private static ListingKindDescriptor Kind(string slug) => ListingKinds.Descriptors.Single(d => d.Slug == slug);

    private static List<SearchDocument> Documents(ListingKindDescriptor kind) =>
        [.. DemoListings.Where(l => l.Kind == kind.Kind).Select(l => kind.BuildDocument(l, Places))];
}
