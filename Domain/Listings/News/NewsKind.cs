using DongNai.Domain.People;
using DongNai.Domain.Places;
using DongNai.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Domain.Listings.News;

/// <summary>
/// News from the province's newspapers and broadcasters, imported from their RSS and Atom feeds
/// (<c>Messaging/News</c>) or posted by agency staff. No money: no price parameters or bands.
/// </summary>
public sealed class NewsKind : ListingKindDescriptor<NewsArticle, NewsRequest, NewsResponse>
{
    public const string Source = "source";

    public override ListingKind Kind => ListingKind.News;

    public override string Slug => "news";

    public override string Name => "News";

    public override string PluralName => "News";

    public override string Description => "News from Đồng Nai's newspapers and broadcasters: title, summary, source, date and a link to the full article.";

    public override string Table => "NewsArticles";

    public override IReadOnlyList<Role> CreatorRoles { get; } = [Role.AgencyStaff, Role.Admin];

    public override double DemoShare => 0.01;

    public override KindSearchProfile Search { get; } = new(
        [
            KeywordFilter.FoldedNames(Source, "The newspaper or broadcaster, with or without accents."),
            KeywordFields.CommuneFilter,
        ],
        [Source],
        [],
        MoneyField.None,
        "News has no price.")
    {
        NearRadiusKm = (10, 15),

        // Yesterday's news is old: it fades from the feed in about a day and leaves it after three.
        FeedFreshnessDays = 1,
        FeedMaxAgeDays = 3,
    };

    public override void ConfigureModel(ModelBuilder modelBuilder)
    {
        var article = ConfigureEntity(modelBuilder.Entity<NewsArticle>());
        article.Property(a => a.SourceCode).HasMaxLength(50);
        article.Property(a => a.SourceName).HasMaxLength(NewsArticle.MaxSourceLength);
        article.Property(a => a.Link).HasMaxLength(NewsArticle.MaxLinkLength);
        article.Property(a => a.ImageUrl).HasMaxLength(NewsArticle.MaxLinkLength);
        article.Property(a => a.TitleKey).HasMaxLength(NewsArticle.MaxTitleKeyLength);
        article.HasIndex(a => a.Link);
        article.HasIndex(a => a.PublishedAt);
    }

    public override SearchDocument BuildDocument(NewsArticle article, PlaceCatalog places)
    {
        var commune = places.FindCommune(article.CommuneCode);
        return CommonDocument(article) with
        {
            ExtraText = JoinText("tin tức", article.SourceName, commune?.Name),
            Keywords = Keywords(
                (Source, [VietnameseText.FoldKey(article.SourceName)]),
                (KeywordFields.Commune, Codes(article.CommuneCode))),
            SuggestTerms = SuggestTerms(article.SourceName),

            // An article is as fresh as its publication, not as its import: a story imported today
            // that the paper published last week is last week's news, for the relevance blend, the
            // newest-first sort and the feed alike.
            UpdatedAt = article.PublishedAt,
        };
    }
}
