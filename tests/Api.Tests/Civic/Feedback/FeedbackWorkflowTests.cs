using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Domain.People;
using SixLabors.ImageSharp;
using static DongNai.Api.Tests.Civic.Feedback.FeedbackRequests;

namespace DongNai.Api.Tests.Civic.Feedback;

/// <summary>Posting, moderation, the public board and likes: every state change and who may make it.</summary>
public sealed class FeedbackWorkflowTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private async Task<JsonElement> PublicListAsync(string query = "") =>
        await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/feedback/reports" + query);

    private static IEnumerable<long> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt64());

    [Fact]
    public async Task PendingReport_IsNeverPublic_UntilApproved()
    {
        var author = await factory.SignUpAsync();
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var anonymous = factory.CreateClient();
        var id = await PostAsync(author.Client);

        var beforeGet = await anonymous.GetAsync($"/api/feedback/reports/{id}");
        var beforeList = Ids(await PublicListAsync());
        var beforeMap = await anonymous.GetFromJsonAsync<JsonElement>("/api/feedback/map");
        var queue = await moderator.Client.GetFromJsonAsync<JsonElement>("/api/feedback/moderation");
        await ApproveAsync(moderator.Client, id);
        var afterGet = await anonymous.GetAsync($"/api/feedback/reports/{id}");
        var afterList = Ids(await PublicListAsync());

        Assert.Equal(HttpStatusCode.NotFound, beforeGet.StatusCode);
        Assert.DoesNotContain(id, beforeList);
        Assert.DoesNotContain(beforeMap.GetProperty("features").EnumerateArray(), f => f.GetProperty("properties").GetProperty("id").GetInt64() == id);
        var queued = Assert.Single(queue.EnumerateArray(), r => r.GetProperty("report").GetProperty("id").GetInt64() == id);
        Assert.Equal(author.AccountId, queued.GetProperty("authorId").GetInt64());
        Assert.Equal(HttpStatusCode.OK, afterGet.StatusCode);
        Assert.Contains(id, afterList);
    }

    [Fact]
    public async Task PublicReport_NeverNamesItsAuthor()
    {
        var author = await factory.SignUpAsync();
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var id = await PostAsync(author.Client);
        await ApproveAsync(moderator.Client, id);

        var single = await factory.CreateClient().GetStringAsync($"/api/feedback/reports/{id}");
        var list = await factory.CreateClient().GetStringAsync("/api/feedback/reports");
        var map = await factory.CreateClient().GetStringAsync("/api/feedback/map");

        foreach (var text in new[] { single, list, map })
        {
            Assert.DoesNotContain("author", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Trần Thị Bình", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RejectedReport_IsNeverPublic_AndTheAuthorSeesTheReason()
    {
        var author = await factory.SignUpAsync();
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var id = await PostAsync(author.Client, Report(title: "Quảng cáo bán hàng không liên quan"));

        var rejected = await moderator.Client.PostAsJsonAsync($"/api/feedback/moderation/{id}/reject", new { reason = "Nội dung quảng cáo, không phải phản ánh." });
        var approveAfter = await moderator.Client.PostAsync($"/api/feedback/moderation/{id}/approve", null);
        var mine = await author.Client.GetFromJsonAsync<JsonElement>("/api/feedback/reports/mine");

        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, approveAfter.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/api/feedback/reports/{id}")).StatusCode);
        Assert.DoesNotContain(id, Ids(await PublicListAsync("?q=quang+cao")));
        var own = Assert.Single(mine.EnumerateArray(), r => r.GetProperty("id").GetInt64() == id);
        Assert.Equal("rejected", own.GetProperty("status").GetString());
        Assert.Equal("Nội dung quảng cáo, không phải phản ánh.", own.GetProperty("rejectionReason").GetString());
        Assert.Equal(1, await NotificationCountAsync(factory, author.AccountId));
    }

    [Fact]
    public async Task Reject_Answers400NamingReason_WhenNoReasonIsGiven()
    {
        var author = await factory.SignUpAsync();
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var id = await PostAsync(author.Client);

        var response = await moderator.Client.PostAsJsonAsync($"/api/feedback/moderation/{id}/reject", new { reason = " " });

        await Problems.AssertFieldErrorAsync(response, "reason");
    }

    [Fact]
    public async Task Moderator_CannotModerateTheirOwnReport()
    {
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        var id = await PostAsync(staff.Client);

        var approve = await staff.Client.PostAsync($"/api/feedback/moderation/{id}/approve", null);
        var reject = await staff.Client.PostAsJsonAsync($"/api/feedback/moderation/{id}/reject", new { reason = "Tự từ chối." });

        Assert.Equal(HttpStatusCode.Forbidden, approve.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reject.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/api/feedback/reports/{id}")).StatusCode);
    }

    [Fact]
    public async Task Citizen_CannotModerate()
    {
        var author = await factory.SignUpAsync();
        var other = await factory.SignUpAsync();
        var id = await PostAsync(author.Client);

        Assert.Equal(HttpStatusCode.Forbidden, (await author.Client.PostAsync($"/api/feedback/moderation/{id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.PostAsync($"/api/feedback/moderation/{id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.GetAsync("/api/feedback/moderation")).StatusCode);
    }

    [Fact]
    public async Task Withdraw_IsTheAuthorsAlone_AndOnlyBeforeApproval()
    {
        var author = await factory.SignUpAsync();
        var other = await factory.SignUpAsync();
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var first = await PostAsync(author.Client);
        var second = await PostAsync(author.Client);
        await ApproveAsync(moderator.Client, second);

        var byOther = await other.Client.PostAsync($"/api/feedback/reports/{first}/withdraw", null);
        var byAuthor = await author.Client.PostAsync($"/api/feedback/reports/{first}/withdraw", null);
        var afterApproval = await author.Client.PostAsync($"/api/feedback/reports/{second}/withdraw", null);
        var approveWithdrawn = await moderator.Client.PostAsync($"/api/feedback/moderation/{first}/approve", null);

        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byAuthor.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, afterApproval.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, approveWithdrawn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/api/feedback/reports/{first}")).StatusCode);
    }

    [Fact]
    public async Task Merge_FoldsADuplicateIntoAnApprovedReport_ThatTheServiceProposed()
    {
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var first = await PostAsync((await factory.SignUpAsync()).Client, Report(title: "Đèn đường hỏng ở khu phố 3", text: "Đèn đường hỏng cả tuần, khu phố 3 tối om, rất nguy hiểm.", category: "electricityAndWater", latitude: 10.9575, longitude: 106.8430));
        await ApproveAsync(moderator.Client, first);
        var duplicateAuthor = await factory.SignUpAsync();
        var duplicate = await PostAsync(duplicateAuthor.Client, Report(title: "Den duong hong khu pho 3", text: "Đèn đường khu phố 3 hỏng, tối om nguy hiểm.", category: "electricityAndWater", latitude: 10.9580, longitude: 106.8433));
        var unrelated = await PostAsync((await factory.SignUpAsync()).Client, Report(title: "Rác thải đổ trộm ven sông", text: "Rác đổ trộm ven sông Đồng Nai bốc mùi.", category: "electricityAndWater", latitude: 10.9576, longitude: 106.8431));

        var candidates = await moderator.Client.GetFromJsonAsync<JsonElement>($"/api/feedback/moderation/{duplicate}/duplicates");
        var merged = await moderator.Client.PostAsJsonAsync($"/api/feedback/moderation/{duplicate}/merge", new { intoReportId = first });

        var ids = candidates.EnumerateArray().Select(c => c.GetProperty("report").GetProperty("id").GetInt64()).ToList();
        Assert.Contains(first, ids);
        Assert.DoesNotContain(unrelated, ids);
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var body = await Problems.ReadAsync(merged);
        Assert.Equal("merged", body.GetProperty("status").GetString());
        Assert.Equal(first, body.GetProperty("mergedIntoId").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/api/feedback/reports/{duplicate}")).StatusCode);
        Assert.Equal(1, await NotificationCountAsync(factory, duplicateAuthor.AccountId));
    }

    [Fact]
    public async Task Like_CountsOncePerPerson()
    {
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var id = await PostAsync((await factory.SignUpAsync()).Client);
        await ApproveAsync(moderator.Client, id);
        var first = await factory.SignUpAsync();
        var second = await factory.SignUpAsync();

        await first.Client.PostAsync($"/api/feedback/reports/{id}/like", null);
        var again = await Problems.ReadAsync(await first.Client.PostAsync($"/api/feedback/reports/{id}/like", null));
        var other = await Problems.ReadAsync(await second.Client.PostAsync($"/api/feedback/reports/{id}/like", null));
        var unliked = await Problems.ReadAsync(await second.Client.DeleteAsync($"/api/feedback/reports/{id}/like"));

        Assert.Equal(1, again.GetProperty("likeCount").GetInt32());
        Assert.True(again.GetProperty("liked").GetBoolean());
        Assert.Equal(2, other.GetProperty("likeCount").GetInt32());
        Assert.Equal(1, unliked.GetProperty("likeCount").GetInt32());
        Assert.Equal(1, await factory.WithDbAsync(db => Task.FromResult(db.FeedbackLikes.Count(l => l.ReportId == id))));
    }

    [Fact]
    public async Task Like_And_Share_Answer404_ForAReportNotPublic()
    {
        var liker = await factory.SignUpAsync();
        var id = await PostAsync((await factory.SignUpAsync()).Client);

        Assert.Equal(HttpStatusCode.NotFound, (await liker.Client.PostAsync($"/api/feedback/reports/{id}/like", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().PostAsync($"/api/feedback/reports/{id}/share", null)).StatusCode);
    }

    [Fact]
    public async Task Share_CountsEachShare()
    {
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var id = await PostAsync((await factory.SignUpAsync()).Client);
        await ApproveAsync(moderator.Client, id);

        await factory.CreateClient().PostAsync($"/api/feedback/reports/{id}/share", null);
        var second = await Problems.ReadAsync(await factory.CreateClient().PostAsync($"/api/feedback/reports/{id}/share", null));

        Assert.Equal(2, second.GetProperty("shareCount").GetInt32());
    }

    [Fact]
    public async Task List_FindsTextWithoutAccents_AndFiltersByCategoryAndCommune()
    {
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var marker = "Kênh Ông Bường " + Guid.NewGuid().ToString("N")[..6];
        var id = await PostAsync((await factory.SignUpAsync()).Client, Report(title: marker, text: "Nước kênh đen ngòm, cá chết hàng loạt.", category: "environment", commune: LongThanh));
        await ApproveAsync(moderator.Client, id);
        var folded = DongNai.Domain.Text.VietnameseText.FoldKey(marker).Replace(' ', '+');

        Assert.Contains(id, Ids(await PublicListAsync($"?q={folded}")));
        Assert.Contains(id, Ids(await PublicListAsync($"?q={folded}&category=environment&communeCode={LongThanh}&status=routed")));
        Assert.DoesNotContain(id, Ids(await PublicListAsync($"?q={folded}&category=roads")));
        Assert.DoesNotContain(id, Ids(await PublicListAsync($"?q={folded}&communeCode={BienHoa}")));
        Assert.DoesNotContain(id, Ids(await PublicListAsync($"?q={folded}&status=answered")));
    }

    [Fact]
    public async Task List_Answers400NamingStatus_ForAStatusThatIsNotPublic()
    {
        var response = await factory.CreateClient().GetAsync("/api/feedback/reports?status=pending");

        await Problems.AssertFieldErrorAsync(response, "status");
    }

    [Fact]
    public async Task Map_DrawsAReportGivenOnlyACommune_AtTheCommuneCentre()
    {
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var id = await PostAsync((await factory.SignUpAsync()).Client, Report(commune: LongThanh));
        await ApproveAsync(moderator.Client, id);

        var map = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/feedback/map?communeCode={LongThanh}");

        Assert.Equal("FeatureCollection", map.GetProperty("type").GetString());
        var feature = Assert.Single(map.GetProperty("features").EnumerateArray(), f => f.GetProperty("properties").GetProperty("id").GetInt64() == id);
        Assert.Equal("Point", feature.GetProperty("geometry").GetProperty("type").GetString());
        Assert.True(feature.GetProperty("properties").GetProperty("approximate").GetBoolean());
        var coordinates = feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()).ToList();
        Assert.InRange(coordinates[0], 106.3, 107.7);
        Assert.InRange(coordinates[1], 10.45, 12.4);
    }

    [Fact]
    public async Task Create_TakesTheNearestCommune_WhenOnlyAPointIsGiven()
    {
        var report = Report(commune: null, latitude: 10.9575, longitude: 106.8430);

        var response = await (await factory.SignUpAsync()).Client.PostAsJsonAsync("/api/feedback/reports", report);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await Problems.ReadAsync(response)).GetProperty("communeCode").GetString()));
    }

    [Theory]
    [InlineData("title")]
    [InlineData("category")]
    [InlineData("communeCode")]
    [InlineData("latitude")]
    public async Task Create_Answers400NamingTheField_ForBadInput(string field)
    {
        var report = field switch
        {
            "title" => Report(title: ""),
            "category" => Report(category: "weather"),
            "communeCode" => Report(commune: "99999"),
            _ => Report(commune: null, latitude: 21.0, longitude: 105.8),
        };

        var response = await (await factory.SignUpAsync()).Client.PostAsJsonAsync("/api/feedback/reports", report);

        if (field == "category")
        {
            // An unknown enum value fails JSON binding: still a 400 problem, never a 500.
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        else
        {
            await Problems.AssertFieldErrorAsync(response, field);
        }
    }

    [Fact]
    public async Task Create_Answers400NamingThePhoto_WhenItIsNotAnImage()
    {
        var response = await (await factory.SignUpAsync()).Client.PostAsJsonAsync("/api/feedback/reports", Report(photos: "<script>alert(1)</script>"u8.ToArray()));

        await Problems.AssertFieldErrorAsync(response, "photos[0]");
    }

    [Fact]
    public async Task PublicPhoto_HasNoExifNorGps()
    {
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var upload = JpegWithGps();
        Assert.Contains(CameraMake, System.Text.Encoding.ASCII.GetString(upload), StringComparison.Ordinal);
        var id = await PostAsync((await factory.SignUpAsync()).Client, Report(photos: upload));
        var approved = await ApproveAsync(moderator.Client, id);
        var url = Assert.Single(approved.GetProperty("photos").EnumerateArray()).GetString();

        var response = await factory.CreateClient().GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        using var image = Image.Load(bytes);
        Assert.Null(image.Metadata.ExifProfile);
        Assert.Null(image.Metadata.XmpProfile);
        Assert.DoesNotContain(CameraMake, System.Text.Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
        var stored = await factory.WithDbAsync(db => Task.FromResult(db.FeedbackPhotos.Single(p => p.ReportId == id).Data));
        Assert.DoesNotContain(CameraMake, System.Text.Encoding.ASCII.GetString(stored), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Photo_OfAPendingReport_IsNotServed()
    {
        var id = await PostAsync((await factory.SignUpAsync()).Client, Report(photos: JpegWithGps()));
        var photoId = await factory.WithDbAsync(db => Task.FromResult(db.FeedbackPhotos.Single(p => p.ReportId == id).Id));

        var response = await factory.CreateClient().GetAsync($"/api/feedback/photos/{photoId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SharePage_EscapesTheReportsText()
    {
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var id = await PostAsync((await factory.SignUpAsync()).Client, Report(title: "<script>alert('x')</script> đường", text: "Ổ gà <img src=x onerror=alert(1)> & nước đọng."));
        await ApproveAsync(moderator.Client, id);

        var response = await factory.CreateClient().GetAsync($"/api/feedback/reports/{id}/page");
        var html = await response.Content.ReadAsStringAsync();
        var json = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/feedback/reports/{id}");

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Equal("<script>alert('x')</script> đường", json.GetProperty("title").GetString());
    }
}
