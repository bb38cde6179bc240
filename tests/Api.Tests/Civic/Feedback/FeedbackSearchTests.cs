using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Api.Tests.Identity;
using DongNai.Domain.People;
using Microsoft.EntityFrameworkCore;
using static DongNai.Api.Tests.Civic.Feedback.FeedbackRequests;

namespace DongNai.Api.Tests.Civic.Feedback;

/// <summary>
/// Approved reports as the searchable kind <c>feedback-reports</c>, through the outbox and the real
/// Lucene index: only public reports are ever found, with or without accents, by their category,
/// status and commune; a report that stops being public leaves the index; the reporter is never in it.
/// </summary>
public sealed class FeedbackSearchTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ApprovedReport_IsFoundWithOrWithoutAccents_ByItsFacets_WhilePendingAndRejectedOnesNeverAre()
    {
        var token = NewToken();
        var author = await factory.SignUpAsync();
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var approved = await PostAsync(author.Client, Report(title: $"Ổ gà lớn trên đường Đồng Khởi {token}"));
        var rejected = await PostAsync(author.Client, Report(title: $"Ổ gà cũ đã sửa {token}"));
        var pending = await PostAsync(author.Client, Report(title: $"Ổ gà mới xuất hiện {token}"));
        (await moderator.Client.PostAsJsonAsync($"/api/feedback/moderation/{rejected}/reject", new { reason = "Đã được xử lý từ trước." })).EnsureSuccessStatusCode();
        await ApproveAsync(moderator.Client, approved);

        var folded = $"/api/search/feedback-reports?q=o+ga+{token}";
        var exact = $"/api/search/feedback-reports?q={token}";
        var found = await PollAsync(folded, ids => ids.Contains(approved));
        var foldedIds = await IdsAsync(folded);
        var accented = await IdsAsync($"/api/search/feedback-reports?q={Uri.EscapeDataString($"Ổ GÀ {token}")}");
        var acrossKinds = await IdsAsync($"/api/search?q=o+ga+{token}");
        var page = await GetAsync(exact);

        // Other tests' "ổ gà" reports may match the words too: the token alone finds only this test's.
        Assert.True(found, "The approved report never became searchable.");
        Assert.Equal([approved], await IdsAsync(exact));
        Assert.Contains(approved, accented);
        Assert.DoesNotContain(rejected, foldedIds.Concat(accented));
        Assert.DoesNotContain(pending, foldedIds.Concat(accented));
        Assert.Contains(approved, acrossKinds);
        Assert.DoesNotContain(rejected, acrossKinds);
        Assert.DoesNotContain(pending, acrossKinds);
        Assert.Equal([approved], await IdsAsync($"{exact}&category=roads&status=routed&commune={BienHoa}"));
        // A filter that excludes the report: it is not found (a search that finds nothing may be relaxed
        // by leaving the token out, and then find other tests' reports that fit the filter).
        Assert.DoesNotContain(approved, await IdsAsync($"{exact}&category=environment"));
        Assert.DoesNotContain(approved, await IdsAsync($"{exact}&status=answered"));
        Assert.DoesNotContain(approved, await IdsAsync($"{exact}&commune={LongThanh}"));
        Assert.Equal(1, Facet(page, "category", "roads"));
        Assert.Equal(1, Facet(page, "status", "routed"));
        Assert.Equal(1, Facet(page, "commune", BienHoa));
        Assert.Equal(HttpStatusCode.BadRequest, (await factory.CreateClient().GetAsync($"{exact}&status=pending")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/api/feedback-reports/{rejected}/related")).StatusCode);
    }

    [Fact]
    public async Task AnsweredReport_IsReindexedWithItsStatus_AndItsAnswerIsSearchable()
    {
        var token = NewToken();
        var answerWord = NewToken();
        var author = await factory.SignUpAsync();
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var unit = await UnitStaffAsync(factory, "SXD");
        var id = await PostAsync(author.Client, Report(title: $"Ổ gà trước chợ {token}"));
        await ApproveAsync(moderator.Client, id);
        Assert.True(await PollAsync($"/api/search/feedback-reports?q={token}&status=routed", ids => ids.Contains(id)), "Arrange: the report never became searchable.");

        var answered = await unit.Client.PostAsJsonAsync($"/api/feedback/unit/reports/{id}/answer", new { answer = $"Đã vá mặt đường {answerWord}, cảm ơn người dân." });
        var reindexed = await PollAsync($"/api/search/feedback-reports?q={token}&status=answered", ids => ids.Contains(id));

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.True(reindexed, "The answered report kept its old status in the index.");
        Assert.DoesNotContain(id, await IdsAsync($"/api/search/feedback-reports?q={token}&status=routed"));
        Assert.Equal([id], await IdsAsync($"/api/search/feedback-reports?q={answerWord}"));
    }

    [Fact]
    public async Task WithdrawnAndMergedReports_AreNeverFound_AndAnErasedAuthorsReportLeavesTheIndex()
    {
        var token = NewToken();
        var author = await factory.SignUpAsync();
        var other = await factory.SignUpAsync();
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var kept = await PostAsync(other.Client, Report(title: $"Rác thải đổ trộm bên kênh {token}", category: "environment"));
        var erased = await PostAsync(author.Client, Report(title: $"Rác thải chất đống đầu hẻm {token}", category: "environment"));
        var withdrawn = await PostAsync(author.Client, Report(title: $"Rác thải trước cổng trường {token}", category: "environment"));
        var merged = await PostAsync(author.Client, Report(title: $"Rác thải đổ trộm bên kênh nữa {token}", category: "environment"));
        await ApproveAsync(moderator.Client, kept);
        await ApproveAsync(moderator.Client, erased);
        (await author.Client.PostAsync($"/api/feedback/reports/{withdrawn}/withdraw", null)).EnsureSuccessStatusCode();
        (await moderator.Client.PostAsJsonAsync($"/api/feedback/moderation/{merged}/merge", new { intoReportId = kept })).EnsureSuccessStatusCode();
        var search = $"/api/search/feedback-reports?q=rac+thai+{token}";
        Assert.True(await PollAsync(search, ids => ids.Contains(kept) && ids.Contains(erased)), "Arrange: the approved reports never became searchable.");
        var before = await IdsAsync(search);

        var deleted = await author.Client.DeleteAsync("/api/me");
        var gone = await PollAsync(search, ids => !ids.Contains(erased));

        Assert.Equal([kept, erased], before.Order());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.True(gone, "The erased author's report stayed searchable.");
        Assert.Equal([kept], await IdsAsync(search));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Outbox.CountAsync(e => e.ListingId == erased && e.Attempts > 0)));
    }

    [Fact]
    public async Task Index_HoldsNoReporterNameOrPhone_OfAnApprovedReport()
    {
        var token = NewToken();
        var author = await factory.SignUpAsync();
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var name = "Phạm Thị Xuyến " + token;
        await factory.WithDbAsync(async db =>
        {
            var profile = await db.Profiles.SingleAsync(p => p.AccountId == author.AccountId);
            profile.DisplayName = name;
            return await db.SaveChangesAsync();
        });
        var id = await PostAsync(author.Client, Report(title: $"Đèn đường hỏng {token}", category: "electricityAndWater"));
        await ApproveAsync(moderator.Client, id);
        Assert.True(await PollAsync($"/api/search/feedback-reports?q={token}", ids => ids.Contains(id)), "Arrange: the report never became searchable.");
        var hit = await factory.CreateClient().GetStringAsync($"/api/search/feedback-reports?q={token}");

        var index = await ReadIndexAsync();

        // The search above found the report in this index; neither its author's name nor phone is in it.
        Assert.NotEmpty(index);
        IdentityRequests.AssertAbsent(index, name, "the index");
        IdentityRequests.AssertAbsent(index, "xuyen " + token, "the index");
        IdentityRequests.AssertAbsent(index, author.Phone, "the index");
        Assert.DoesNotContain("Xuyến", hit, StringComparison.Ordinal);
        Assert.DoesNotContain(author.Phone, hit, StringComparison.Ordinal);
    }

    private static int Facet(JsonElement page, string facet, string value) =>
        page.GetProperty("facets").GetProperty(facet).EnumerateArray()
            .Where(v => v.GetProperty("value").GetString() == value).Select(v => v.GetProperty("count").GetInt32()).SingleOrDefault();

    private async Task<JsonElement> GetAsync(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {await response.Content.ReadAsStringAsync()}");
        return await Problems.ReadAsync(response);
    }

    private async Task<List<long>> IdsAsync(string url) =>
        (await GetAsync(url)).GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetInt64()).ToList();

    private async Task<bool> PollAsync(string url, Func<List<long>, bool> accept)
    {
        var clock = Stopwatch.StartNew();
        do
        {
            if (accept(await IdsAsync(url)))
            {
                return true;
            }

            await Task.Delay(50);
        }
        while (clock.Elapsed < Deadline);

        return false;
    }

    private async Task<byte[]> ReadIndexAsync()
    {
        using var all = new MemoryStream();
        foreach (var file in Directory.GetFiles(Path.Combine(factory.DataPath, "index"), "*", SearchOption.AllDirectories))
        {
            try
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                await stream.CopyToAsync(all);
            }
            catch (FileNotFoundException)
            {
                // Merged away since it was listed.
            }
        }

        return all.ToArray();
    }

    /// <summary>
    /// A word no other listing has, so a search for it finds only this test's reports; random letters,
    /// so that two tokens differ in many places and fuzzy matching never takes one for another.
    /// </summary>
    private static string NewToken() =>
        "phananh" + new string([.. Guid.NewGuid().ToByteArray().Take(8).Select(b => (char)('a' + (b % 26)))]);
}
