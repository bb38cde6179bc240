using System.Net;
using System.Text.Json;
using DongNai.Civic.Feedback;
using DongNai.Domain.People;
using Microsoft.EntityFrameworkCore;
using static DongNai.Api.Tests.Civic.Feedback.FeedbackRequests;

namespace DongNai.Api.Tests.Civic.Feedback;

/// <summary>The IOC feed: who may read it, and paging by cursor without repeats or misses. Its own factory, as it moves the clock.</summary>
public sealed class IocFeedTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static List<JsonElement> Items(JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];

    private static async Task<JsonElement> PageAsync(HttpClient client, string? after, int limit)
    {
        var response = await client.GetAsync($"/api/feedback/ioc/feed?limit={limit}" + (after is null ? "" : "&after=" + after));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"The feed answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Follows the cursor from <paramref name="after"/> to the end; returns every item's cursor and the last cursor.</summary>
    private static async Task<(List<long> Seen, string Cursor)> DrainAsync(HttpClient client, string? after, int limit)
    {
        var seen = new List<long>();
        var cursor = after;
        while (true)
        {
            var page = await PageAsync(client, cursor, limit);
            seen.AddRange(Items(page).Select(i => long.Parse(i.GetProperty("cursor").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
            cursor = page.GetProperty("cursor").GetString();
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                return (seen, cursor!);
            }
        }
    }

    [Fact]
    public async Task Feed_PagesEveryChangeOnce_AndTheSameCursorGivesTheSamePage()
    {
        using var admin = await AdminAsync(factory);
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var author = await factory.SignUpAsync();
        for (var i = 0; i < 4; i++)
        {
            var id = await PostAsync(author.Client, Report(title: $"Cây đổ chắn đường số {i}"));
            if (i % 2 == 0)
            {
                await ApproveAsync(moderator.Client, id);
            }
        }

        var held = Items(await PageAsync(admin, null, 500)).Count;
        factory.Clock.Advance(TimeSpan.FromSeconds(new FeedbackOptions().FeedSettleSeconds + 1));
        var (seen, cursor) = await DrainAsync(admin, null, 3);
        var first = await PageAsync(admin, null, 3);
        var firstAgain = await PageAsync(admin, null, 3);
        var all = await factory.WithDbAsync(db => db.FeedbackChanges.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());

        // A later change, read from the last cursor: it alone.
        var late = await PostAsync((await factory.SignUpAsync()).Client, Report(title: "Cống thoát nước bị tắc"));
        factory.Clock.Advance(TimeSpan.FromSeconds(new FeedbackOptions().FeedSettleSeconds + 1));
        var after = Items(await PageAsync(admin, cursor, 3));

        Assert.Equal(0, held);
        Assert.Equal(6, all.Count);
        Assert.Equal(all, seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(first.GetRawText(), firstAgain.GetRawText());
        var only = Assert.Single(after);
        Assert.Equal(late, only.GetProperty("reportId").GetInt64());
        Assert.Equal("posted", only.GetProperty("change").GetString());
    }

    [Fact]
    public async Task Feed_IsForAdminsAndTheIocStaffAlone()
    {
        var worker = await factory.SignUpAsync();
        var otherStaff = await UnitStaffAsync(factory, "SXD");
        var iocStaff = await UnitStaffAsync(factory, FeedbackRouting.OperationsCentreCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await worker.Client.GetAsync("/api/feedback/ioc/feed")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherStaff.Client.GetAsync("/api/feedback/ioc/feed")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await iocStaff.Client.GetAsync("/api/feedback/ioc/feed")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/feedback/ioc/feed")).StatusCode);
    }

    [Fact]
    public async Task Feed_Answers400NamingAfter_ForAMalformedCursor()
    {
        using var admin = await AdminAsync(factory);

        var response = await admin.GetAsync("/api/feedback/ioc/feed?after=abc");

        await Problems.AssertFieldErrorAsync(response, "after");
    }
}
