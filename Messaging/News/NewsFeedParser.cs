using System.Net;
using System.Text;
using System.Xml.Linq;
using CodeHollow.FeedReader;
using CodeHollow.FeedReader.Feeds;
using DongNai.Domain.Listings;
using DongNai.Domain.Listings.News;
using DongNai.Domain.Text;

namespace DongNai.Messaging.News;

/// <summary>One usable entry of a feed: what the app keeps of an article (never its full text).</summary>
public sealed record NewsEntry(string Title, string Link, string Summary, string? ImageUrl, DateTime PublishedAt);

/// <summary>What one feed gave: its usable entries, newest first, and why the others were set aside.</summary>
public sealed record ParsedFeed(IReadOnlyList<NewsEntry> Entries, IReadOnlyList<string> Skipped);

/// <summary>
/// Reads RSS (0.91 to 2.0, RDF 1.0) and Atom with CodeHollow.FeedReader and keeps, of each entry,
/// the title, a plain-text summary of at most <see cref="MaxSummaryLength"/> characters (tags
/// removed, entities decoded), the link, an image (an image enclosure, <c>media:content</c> or
/// <c>media:thumbnail</c>, an Atom enclosure link, else the first <c>img</c> of the description)
/// and the publication date. An entry without a title or an absolute http(s) link is skipped with
/// its reason; the rest of the feed is still read. A document that is not a feed throws
/// <see cref="FormatException"/>.
/// </summary>
public static class NewsFeedParser
{
    public const int MaxSummaryLength = 500;

    private static readonly XNamespace Media = "http://search.yahoo.com/mrss/";

    public static ParsedFeed Parse(string document, DateTime now, int maxEntries)
    {
        Feed feed;
        try
        {
            feed = FeedReader.ReadFromString(document);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new FormatException($"Not an RSS or Atom feed: {exception.Message}", exception);
        }

        if (feed.Type == FeedType.Unknown)
        {
            throw new FormatException("Not an RSS or Atom feed.");
        }

        var entries = new List<NewsEntry>();
        var skipped = new List<string>();
        var position = 0;
        foreach (var item in feed.Items)
        {
            position++;
            var title = PlainText(item.Title);
            var link = item.Link?.Trim();
            if (title.Length < 5)
            {
                skipped.Add($"entry {position}: no title");
                continue;
            }

            if (!ListingRules.IsWebAddress(link, NewsArticle.MaxLinkLength))
            {
                skipped.Add($"entry {position} ('{Shorten(title, 60)}'): no absolute http(s) link");
                continue;
            }

            var published = item.PublishingDate is { } date && date.ToUniversalTime() <= now.AddMinutes(5)
                ? DateTime.SpecifyKind(date.ToUniversalTime(), DateTimeKind.Utc)
                : now;
            var summary = Shorten(PlainText(item.Description is { Length: > 0 } ? item.Description : item.Content), MaxSummaryLength);
            entries.Add(new NewsEntry(Shorten(title, 200), link!, summary.Length >= 10 ? summary : Shorten(title, 200), Image(item), published));
        }

        return new ParsedFeed([.. entries.OrderByDescending(e => e.PublishedAt).Take(maxEntries)], skipped);
    }

    private static string? Image(FeedItem item)
    {
        // RSS's <enclosure>, read from the element: a feed using Media RSS is parsed as another item type.
        var element = item.SpecificItem?.Element;
        if (element?.Elements().FirstOrDefault(e => e.Name.LocalName == "enclosure" && e.Name.Namespace == XNamespace.None) is { } enclosure
            && IsImage((string?)enclosure.Attribute("type")) && IsWebAddress((string?)enclosure.Attribute("url")))
        {
            return (string?)enclosure.Attribute("url");
        }

        if (item.SpecificItem is AtomFeedItem atom
            && atom.Links?.FirstOrDefault(l => l.Relation == "enclosure" && IsImage(l.LinkType) && IsWebAddress(l.Href)) is { } atomImage)
        {
            return atomImage.Href;
        }

        foreach (var media in element?.Descendants().Where(e => e.Name == Media + "content" || e.Name == Media + "thumbnail") ?? [])
        {
            var url = (string?)media.Attribute("url");
            var medium = (string?)media.Attribute("medium") ?? (string?)media.Attribute("type");
            if (IsWebAddress(url) && (media.Name.LocalName == "thumbnail" || medium is null || medium.StartsWith("image", StringComparison.OrdinalIgnoreCase)))
            {
                return url;
            }
        }

        return FirstImageIn(item.Description) ?? FirstImageIn(item.Content);
    }

    private static bool IsImage(string? mediaType) => mediaType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true;

    private static bool IsWebAddress(string? url) => ListingRules.IsWebAddress(url, NewsArticle.MaxLinkLength);

    private static string? FirstImageIn(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return null;
        }

        var at = html.IndexOf("<img", StringComparison.OrdinalIgnoreCase);
        var src = at < 0 ? -1 : html.IndexOf("src=", at, StringComparison.OrdinalIgnoreCase);
        if (src < 0 || src + 5 >= html.Length)
        {
            return null;
        }

        var quote = html[src + 4];
        if (quote is not ('"' or '\''))
        {
            return null;
        }

        var end = html.IndexOf(quote, src + 5);
        var url = end < 0 ? null : WebUtility.HtmlDecode(html[(src + 5)..end]);
        return IsWebAddress(url) ? url : null;
    }

    /// <summary>Markup removed, entities decoded, whitespace collapsed.</summary>
    internal static string PlainText(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return "";
        }

        var text = new StringBuilder(html.Length);
        var inTag = false;
        foreach (var c in html)
        {
            if (c == '<')
            {
                inTag = true;
                text.Append(' ');
            }
            else if (c == '>' && inTag)
            {
                inTag = false;
            }
            else if (!inTag)
            {
                text.Append(c);
            }
        }

        var decoded = VietnameseText.Compose(WebUtility.HtmlDecode(text.ToString()));
        return string.Join(' ', decoded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>At most <paramref name="length"/> characters, cut at a word with an ellipsis.</summary>
    internal static string Shorten(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', length - 1);
        return (cut > length / 2 ? text[..cut] : text[..(length - 1)]).TrimEnd() + "…";
    }
}
