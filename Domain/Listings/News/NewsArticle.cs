namespace DongNai.Domain.Listings.News;

/// <summary>
/// An article from one of the province's newspapers or broadcasters: its title, summary, source,
/// date, image and link. The full text stays with the publisher. <see cref="Listing.Description"/>
/// holds the summary; the point is the source's (or the commune the article is about).
/// </summary>
public sealed class NewsArticle : Listing
{
    public const int MaxLinkLength = 1000;
    public const int MaxSourceLength = 100;
    public const int MaxTitleKeyLength = 200;

    public override ListingKind Kind => ListingKind.News;

    /// <summary>The configured source's code (<c>baodongnai</c>), or <c>manual</c> for one posted through the API.</summary>
    public string SourceCode { get; set; } = "";

    /// <summary>The source as readers know it (<c>Báo Đồng Nai</c>).</summary>
    public string SourceName { get; set; } = "";

    /// <summary>The article at its publisher (absolute http or https); the importer keeps one article per link.</summary>
    public string Link { get; set; } = "";

    public string? ImageUrl { get; set; }

    /// <summary>When the publisher says it published the article (UTC); the time of import when it does not say.</summary>
    public DateTime PublishedAt { get; set; }

    /// <summary>
    /// The title folded (no accents, lower case, letters and digits only, single spaces), for
    /// finding the same story again under another link (<see cref="NewsTitles"/>).
    /// </summary>
    public string TitleKey { get; set; } = "";
}
