using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Domain.Listings.News;
using DongNai.Messaging.News;
using DongNai.Search.Api.News;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DongNai.Api.Tests.News;

/// <summary>
/// The news importer through the service: recorded feeds (tests/Messaging.Tests/News/Feeds, written
/// for the tests) imported by the real job into the real database and index.
/// </summary>
public sealed class NewsImportTests
{
    private static readonly string Feeds = Path.Combine(AppContext.BaseDirectory, "News", "Feeds");

    /// <summary>A service importing the two recorded feeds and one that does not exist, on 1 December 2026 (the feeds' dates).</summary>
    private static ApiFactory Start()
    {
        var factory = new ApiFactory
        {
            TestServices = services =>
            {
                services.RemoveAll<NewsOptions>();
                services.AddSingleton(new NewsOptions
                {
                    Sources =
                    [
                        Source("baodongnai", "Báo Đồng Nai", Path.Combine(Feeds, "baodongnai-rss20.xml")),
                        Source("dongnaitv", "Đài PT-TH Đồng Nai", Path.Combine(Feeds, "dongnaitv-atom.xml")),
                        Source("missing", "Nguồn hỏng", Path.Combine(Feeds, "no-such-feed.xml")),
                    ],
                });
            },
        };
        factory.CreateClient().Dispose();
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        return factory;
    }

    [Fact]
    public async Task Import_StoresEachStoryOnce_SkipsBadEntries_AndABrokenSourceDoesNotStopTheOthers()
    {
        await using var factory = Start();
        var job = factory.Services.GetRequiredService<NewsImportJob>();

        // The broken source makes the run fail (so Hangfire retries it), after the others imported.
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => job.RunAsync(CancellationToken.None));
        Assert.Contains("missing", failure.Message, StringComparison.Ordinal);

        var articles = await factory.WithDbAsync(db => db.Set<NewsArticle>().AsNoTracking().OrderBy(a => a.Link).ToListAsync());
        Assert.Equal(
            [
                "https://news.example.vn/giao-thong/xe-buyt-nhon-trach-1003.html",
                "https://news.example.vn/lao-dong/tuyen-5000-lao-dong-1002.html",
                "https://news.example.vn/thoi-su/khoi-cong-cao-toc-bien-hoa-vung-tau-1001.html",
                "https://tv.example.vn/tin/cho-nong-san-78.html",
            ],
            articles.Select(a => a.Link));
        Assert.All(articles.Where(a => a.Link.Contains("news.example.vn", StringComparison.Ordinal)), a => Assert.Equal("Báo Đồng Nai", a.SourceName));
        Assert.Contains(factory.LogLines, line => line.Message.Contains("no absolute http(s) link", StringComparison.Ordinal));

        // A second run finds every story again, by link and by title, and adds nothing.
        await using var scope = factory.Services.CreateAsyncScope();
        var again = await scope.ServiceProvider.GetRequiredService<NewsImporter>().ImportAsync(CancellationToken.None);
        Assert.Equal(0, again.Imported);
        Assert.Equal(3, again.Sources.Single(s => s.Source == "baodongnai").Duplicates);
        Assert.Equal(2, again.Sources.Single(s => s.Source == "dongnaitv").Duplicates);
        Assert.NotNull(again.Sources.Single(s => s.Source == "missing").Error);
        Assert.Equal(4, await factory.WithDbAsync(db => db.Set<NewsArticle>().CountAsync()));
    }

    [Fact]
    public async Task ImportedNews_IsSearchableWithoutAccents_AndShowsItsSourceLinkAndPicture()
    {
        await using var factory = Start();
        await Assert.ThrowsAsync<InvalidOperationException>(() => factory.Services.GetRequiredService<NewsImportJob>().RunAsync(CancellationToken.None));
        var client = factory.CreateClient();

        var hits = await PollHitsAsync(client, "/api/search/news?q=cao+toc+bien+hoa+vung+tau", hits => hits.Count >= 1);
        var hit = Assert.Single(hits);
        Assert.Equal("news", hit.GetProperty("kind").GetString());
        Assert.Equal("Khởi công cao tốc Biên Hòa – Vũng Tàu đoạn qua Long Thành", hit.GetProperty("title").GetString());

        var article = await client.GetFromJsonAsync<JsonElement>($"/api/news/{hit.GetProperty("id").GetInt64()}", ApiFactory.Json);
        Assert.Equal("Báo Đồng Nai", article.GetProperty("sourceName").GetString());
        Assert.Equal("https://news.example.vn/thoi-su/khoi-cong-cao-toc-bien-hoa-vung-tau-1001.html", article.GetProperty("link").GetString());
        Assert.Equal("https://news.example.vn/images/cao-toc.jpg", article.GetProperty("imageUrl").GetString());
        Assert.StartsWith("Sáng nay, tỉnh Đồng Nai khởi công", article.GetProperty("summary").GetString(), StringComparison.Ordinal);

        // The source is a facet and a filter, with or without accents.
        var bySource = await client.GetFromJsonAsync<JsonElement>("/api/search/news?source=Đài+PT-TH+Đồng+Nai", ApiFactory.Json);
        Assert.Equal(1, bySource.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/search/news?maxPrice=100000")).StatusCode);
    }

    private static NewsSource Source(string code, string name, string url) =>
        new() { Code = code, Name = name, Url = url, Latitude = 10.9574, Longitude = 106.8427 };

    private static async Task<List<JsonElement>> PollHitsAsync(HttpClient client, string url, Func<List<JsonElement>, bool> accept)
    {
        var clock = Stopwatch.StartNew();
        List<JsonElement> hits;
        do
        {
            var body = await client.GetFromJsonAsync<JsonElement>(url, ApiFactory.Json);
            hits = [.. body.GetProperty("hits").EnumerateArray()];
            if (accept(hits))
            {
                break;
            }

            await Task.Delay(25);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(30));

        return hits;
    }
}
