using DongNai.Domain.Listings.News;
using DongNai.Messaging.News;

namespace DongNai.Messaging.Tests.News;

public sealed class NewsFeedParserTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    private static string Feed(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "News", "Feeds", name));

    [Fact]
    public void Rss20_KeepsTitleLinkPlainSummaryImageAndDate_NewestFirst()
    {
        var feed = NewsFeedParser.Parse(Feed("baodongnai-rss20.xml"), Now, maxEntries: 100);

        Assert.Equal(
            ["https://news.example.vn/giao-thong/xe-buyt-nhon-trach-1003.html", "https://news.example.vn/lao-dong/tuyen-5000-lao-dong-1002.html", "https://news.example.vn/thoi-su/khoi-cong-cao-toc-bien-hoa-vung-tau-1001.html"],
            feed.Entries.Select(e => e.Link));
        var highway = feed.Entries[2];
        Assert.Equal("Khởi công cao tốc Biên Hòa – Vũng Tàu đoạn qua Long Thành", highway.Title);
        Assert.Equal("Sáng nay, tỉnh Đồng Nai khởi công đoạn cao tốc dài 16 km, giảm ùn tắc cho công nhân KCN & người dân.", highway.Summary);
        Assert.Equal(new DateTime(2026, 11, 30, 1, 15, 0, DateTimeKind.Utc), highway.PublishedAt);
        Assert.Equal(DateTimeKind.Utc, highway.PublishedAt.Kind);

        // The three ways a feed names a picture: an <img> in the description, an enclosure, media:content.
        Assert.Equal("https://news.example.vn/images/cao-toc.jpg", highway.ImageUrl);
        Assert.Equal("https://news.example.vn/images/viec-lam.png", feed.Entries[1].ImageUrl);
        Assert.Equal("https://news.example.vn/images/xe-buyt.jpg", feed.Entries[0].ImageUrl);
    }

    [Fact]
    public void Rss20_SkipsEntriesWithoutTitleOrAbsoluteLink_AndKeepsTheRest()
    {
        var feed = NewsFeedParser.Parse(Feed("baodongnai-rss20.xml"), Now, maxEntries: 100);

        Assert.Equal(3, feed.Entries.Count);
        Assert.Equal(2, feed.Skipped.Count);
        Assert.Contains(feed.Skipped, reason => reason.Contains("no title", StringComparison.Ordinal));
        Assert.Contains(feed.Skipped, reason => reason.Contains("no absolute http(s) link", StringComparison.Ordinal));
    }

    [Fact]
    public void Atom_ReadsAlternateLinkHtmlSummaryEnclosureAndPublishedDate()
    {
        var feed = NewsFeedParser.Parse(Feed("dongnaitv-atom.xml"), Now, maxEntries: 100);

        Assert.Equal(2, feed.Entries.Count);
        Assert.Empty(feed.Skipped);
        var market = feed.Entries[0];
        Assert.Equal("https://tv.example.vn/tin/cho-nong-san-78.html", market.Link);
        Assert.Equal("Hơn 50 gian hàng nông sản sạch phục vụ người dân cuối tuần.", market.Summary);
        Assert.Equal(new DateTime(2026, 12, 1, 0, 45, 0, DateTimeKind.Utc), market.PublishedAt);
        Assert.Null(market.ImageUrl);
        Assert.Equal("https://tv.example.vn/anh/cao-toc-77.jpg", feed.Entries[1].ImageUrl);
    }

    [Fact]
    public void MaxEntries_KeepsTheNewest()
    {
        var feed = NewsFeedParser.Parse(Feed("baodongnai-rss20.xml"), Now, maxEntries: 1);

        Assert.Equal("https://news.example.vn/giao-thong/xe-buyt-nhon-trach-1003.html", Assert.Single(feed.Entries).Link);
    }

    [Fact]
    public void AFutureOrMissingDate_IsTheTimeOfImport()
    {
        const string rss = """
            <rss version="2.0"><channel><title>t</title>
              <item><title>Bài đăng từ tương lai</title><link>https://a.example.vn/1</link><pubDate>Fri, 01 Jan 2100 00:00:00 +0000</pubDate></item>
              <item><title>Bài không có ngày đăng</title><link>https://a.example.vn/2</link></item>
            </channel></rss>
            """;

        var feed = NewsFeedParser.Parse(rss, Now, maxEntries: 10);

        Assert.All(feed.Entries, entry => Assert.Equal(Now, entry.PublishedAt));
    }

    [Theory]
    [InlineData("<html><body>not a feed</body></html>")]
    [InlineData("{\"not\": \"xml\"}")]
    public void ADocumentThatIsNotAFeed_IsAFormatError(string document) =>
        Assert.Throws<FormatException>(() => NewsFeedParser.Parse(document, Now, maxEntries: 10));

    [Fact]
    public void ALongSummary_IsCutAtAWord()
    {
        var words = string.Join(' ', Enumerable.Repeat("công nhân", 200));
        var rss = $"<rss version=\"2.0\"><channel><title>t</title><item><title>Bài rất dài</title><link>https://a.example.vn/1</link><description>{words}</description></item></channel></rss>";

        var summary = Assert.Single(NewsFeedParser.Parse(rss, Now, maxEntries: 10).Entries).Summary;

        Assert.True(summary.Length <= NewsFeedParser.MaxSummaryLength, $"{summary.Length} characters");
        Assert.EndsWith("…", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("  ", summary, StringComparison.Ordinal);
        Assert.True(summary.EndsWith("nhân…", StringComparison.Ordinal) || summary.EndsWith("công…", StringComparison.Ordinal));
    }
}

public sealed class NewsTitlesTests
{
    [Theory]
    [InlineData("Khởi công cao tốc Biên Hòa – Vũng Tàu đoạn qua Long Thành", "Đồng Nai: khởi công cao tốc Biên Hòa - Vũng Tàu đoạn qua Long Thành", true)]
    [InlineData("Khởi công cao tốc Biên Hòa – Vũng Tàu", "KHOI CONG CAO TOC BIEN HOA - VUNG TAU!", true)]
    [InlineData("Khởi công cao tốc Biên Hòa – Vũng Tàu", "Thông xe cao tốc Phan Thiết – Dầu Giây", false)]
    [InlineData("Đồng Nai tuyển 5.000 lao động", "Đồng Nai tuyển 3.000 lao động", false)]
    public void SameStory_IgnoresAccentsCasePunctuationAndAFewExtraWords(string title, string other, bool same) =>
        Assert.Equal(same, NewsTitles.SameStory(NewsTitles.Key(title), NewsTitles.Key(other)));

    [Fact]
    public void Key_IsFoldedWordsSeparatedBySingleSpaces() =>
        Assert.Equal("dong nai khoi cong cao toc bien hoa vung tau", NewsTitles.Key("  Đồng Nai:  khởi công cao tốc Biên Hòa – Vũng Tàu "));
}
