using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Civic.Feedback;
using DongNai.Domain.People;
using static DongNai.Api.Tests.Civic.Feedback.FeedbackRequests;

namespace DongNai.Api.Tests.Civic.Feedback;

/// <summary>The routing table, deadlines, and the unit desk: who sees and changes which report.</summary>
public sealed class FeedbackRoutingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private DateTime Now => factory.Clock.GetUtcNow().UtcDateTime;

    private static DateTime Deadline(JsonElement report) => report.GetProperty("deadlineAt").GetDateTime().ToUniversalTime();

    [Fact]
    public async Task Approve_RoutesByTheCategoryDefault_WithItsWorkingDayDeadline()
    {
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var id = await PostAsync((await factory.SignUpAsync()).Client, Report(category: "roads", commune: BienHoa));

        var approved = await ApproveAsync(moderator.Client, id);

        Assert.Equal("routed", approved.GetProperty("status").GetString());
        Assert.Equal("SXD", approved.GetProperty("unitCode").GetString());
        Assert.Equal(WorkingDays.Add(Now, 7, VietnamHolidays.Official), Deadline(approved));
    }

    [Fact]
    public async Task Approve_FollowsTheCommunesOwnRow_OnceAnAdminSetsIt()
    {
        using var admin = await AdminAsync(factory);
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var set = await admin.PutAsJsonAsync("/api/feedback/routing", new { category = "environment", communeCode = LongThanh, unitCode = "UBND-" + LongThanh, answerWorkingDays = 4 });
        var elsewhere = await PostAsync((await factory.SignUpAsync()).Client, Report(category: "environment", commune: BienHoa));
        var here = await PostAsync((await factory.SignUpAsync()).Client, Report(category: "environment", commune: LongThanh));

        var routedElsewhere = await ApproveAsync(moderator.Client, elsewhere);
        var routedHere = await ApproveAsync(moderator.Client, here);
        var table = await admin.GetFromJsonAsync<JsonElement>("/api/feedback/routing");

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("SNNMT", routedElsewhere.GetProperty("unitCode").GetString());
        Assert.Equal(WorkingDays.Add(Now, 7, VietnamHolidays.Official), Deadline(routedElsewhere));
        Assert.Equal("UBND-" + LongThanh, routedHere.GetProperty("unitCode").GetString());
        Assert.Equal(WorkingDays.Add(Now, 4, VietnamHolidays.Official), Deadline(routedHere));
        Assert.Contains(table.GetProperty("routes").EnumerateArray(), r =>
            r.GetProperty("category").GetString() == "environment" && r.GetProperty("communeCode").GetString() == LongThanh && r.GetProperty("answerWorkingDays").GetInt32() == 4);
    }

    [Fact]
    public async Task SetRoute_Answers400NamingTheField_ForAnUnknownUnitOrBadDays()
    {
        using var admin = await AdminAsync(factory);

        var unit = await admin.PutAsJsonAsync("/api/feedback/routing", new { category = "roads", communeCode = (string?)null, unitCode = "NOPE", answerWorkingDays = 5 });
        var days = await admin.PutAsJsonAsync("/api/feedback/routing", new { category = "roads", communeCode = (string?)null, unitCode = "SXD", answerWorkingDays = 0 });

        await Problems.AssertFieldErrorAsync(unit, "unitCode");
        await Problems.AssertFieldErrorAsync(days, "answerWorkingDays");
    }

    [Fact]
    public async Task UnitStaff_SeeAndHandleOnlyTheirUnitsReports()
    {
        var author = await factory.SignUpAsync();
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var roads = await UnitStaffAsync(factory, "SXD");
        var police = await UnitStaffAsync(factory, "CAT");
        var id = await PostAsync(author.Client, Report(category: "roads"));
        await ApproveAsync(moderator.Client, id);

        var roadsQueue = await roads.Client.GetFromJsonAsync<JsonElement>("/api/feedback/unit/reports");
        var policeQueue = await police.Client.GetFromJsonAsync<JsonElement>("/api/feedback/unit/reports");
        var policeAccept = await police.Client.PostAsync($"/api/feedback/unit/reports/{id}/accept", null);
        var policeAnswer = await police.Client.PostAsJsonAsync($"/api/feedback/unit/reports/{id}/answer", new { answer = "Không thuộc thẩm quyền của chúng tôi." });
        var accepted = await roads.Client.PostAsync($"/api/feedback/unit/reports/{id}/accept", null);
        var answered = await roads.Client.PostAsJsonAsync($"/api/feedback/unit/reports/{id}/answer", new { answer = "Đã vá ổ gà ngày 3/11, cảm ơn người dân." });
        var answerAgain = await roads.Client.PostAsJsonAsync($"/api/feedback/unit/reports/{id}/answer", new { answer = "Trả lời lần hai không được nhận." });
        var seenPublicly = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/feedback/reports/{id}");

        Assert.Contains(roadsQueue.EnumerateArray(), r => r.GetProperty("report").GetProperty("id").GetInt64() == id && r.GetProperty("authorId").GetInt64() == author.AccountId);
        Assert.DoesNotContain(policeQueue.EnumerateArray(), r => r.GetProperty("report").GetProperty("id").GetInt64() == id);
        Assert.Equal(HttpStatusCode.NotFound, policeAccept.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, policeAnswer.StatusCode);
        Assert.Equal("inProgress", (await Problems.ReadAsync(accepted)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, answerAgain.StatusCode);
        Assert.Equal("answered", seenPublicly.GetProperty("status").GetString());
        Assert.Equal("Đã vá ổ gà ngày 3/11, cảm ơn người dân.", seenPublicly.GetProperty("answer").GetString());

        // Approved, accepted, answered: each told to the author.
        Assert.Equal(3, await NotificationCountAsync(factory, author.AccountId));
    }

    [Fact]
    public async Task UnitDesk_Answers403_ToStaffWithoutAUnit_And_ToCitizens()
    {
        var unassigned = await factory.SignUpAsAsync(Role.AgencyStaff);
        var citizen = await factory.SignUpAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await unassigned.Client.GetAsync("/api/feedback/unit/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.Client.GetAsync("/api/feedback/unit/reports")).StatusCode);
    }

    [Fact]
    public async Task Transfer_MovesTheReportToTheOtherUnit_AndKeepsTheDeadline()
    {
        var author = await factory.SignUpAsync();
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var roads = await UnitStaffAsync(factory, "SXD");
        var environment = await UnitStaffAsync(factory, "SNNMT");
        var id = await PostAsync(author.Client, Report(category: "roads", title: "Nước thải tràn mặt đường"));
        var approved = await ApproveAsync(moderator.Client, id);
        await roads.Client.PostAsync($"/api/feedback/unit/reports/{id}/accept", null);

        var noNote = await roads.Client.PostAsJsonAsync($"/api/feedback/unit/reports/{id}/transfer", new { unitCode = "SNNMT", note = "" });
        var transferred = await roads.Client.PostAsJsonAsync($"/api/feedback/unit/reports/{id}/transfer", new { unitCode = "SNNMT", note = "Nước thải thuộc lĩnh vực môi trường." });
        var oldUnitAccept = await roads.Client.PostAsync($"/api/feedback/unit/reports/{id}/accept", null);
        var newUnitAccept = await environment.Client.PostAsync($"/api/feedback/unit/reports/{id}/accept", null);

        await Problems.AssertFieldErrorAsync(noNote, "note");
        var body = await Problems.ReadAsync(transferred);
        Assert.Equal("SNNMT", body.GetProperty("unitCode").GetString());
        Assert.Equal("routed", body.GetProperty("status").GetString());
        Assert.Equal(Deadline(approved), Deadline(body));
        Assert.Equal(HttpStatusCode.NotFound, oldUnitAccept.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newUnitAccept.StatusCode);
        var transferNote = await factory.WithDbAsync(db => Task.FromResult(db.FeedbackChanges.Single(c => c.ReportId == id && c.Type == Domain.Civic.Feedback.FeedbackChangeType.Transferred).Note));
        Assert.Equal("Nước thải thuộc lĩnh vực môi trường.", transferNote);
    }

    [Fact]
    public async Task Transfer_GivesTheNewUnitAtLeastTheMinimum_WhenTheDeadlineIsCloser()
    {
        using var admin = await AdminAsync(factory);
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var committee = await UnitStaffAsync(factory, "UBND-" + BienHoa);
        (await admin.PutAsJsonAsync("/api/feedback/routing", new { category = "other", communeCode = BienHoa, unitCode = "UBND-" + BienHoa, answerWorkingDays = 1 })).EnsureSuccessStatusCode();
        var id = await PostAsync((await factory.SignUpAsync()).Client, Report(category: "other", commune: BienHoa));
        var approved = await ApproveAsync(moderator.Client, id);

        var transferred = await Problems.ReadAsync(await committee.Client.PostAsJsonAsync($"/api/feedback/unit/reports/{id}/transfer", new { unitCode = "SNV", note = "Thuộc thẩm quyền Sở Nội vụ." }));

        Assert.Equal(WorkingDays.Add(Now, 1, VietnamHolidays.Official), Deadline(approved));
        Assert.Equal(WorkingDays.Add(Now, FeedbackRouting.TransferMinimumWorkingDays, VietnamHolidays.Official), Deadline(transferred));
    }

    [Fact]
    public async Task UnitStaff_CannotHandleTheirOwnReport()
    {
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var roads = await UnitStaffAsync(factory, "SXD");
        var id = await PostAsync(roads.Client, Report(category: "roads"));
        await ApproveAsync(moderator.Client, id);

        var accept = await roads.Client.PostAsync($"/api/feedback/unit/reports/{id}/accept", null);

        Assert.Equal(HttpStatusCode.Forbidden, accept.StatusCode);
    }
}
