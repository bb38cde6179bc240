using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Civic.Feedback;
using DongNai.Domain.Civic.Feedback;
using DongNai.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DongNai.Api.Tests.Civic.Feedback.FeedbackRequests;

namespace DongNai.Api.Tests.Civic.Feedback;

/// <summary>The overdue job on the service's fake clock: its own factory, as the test moves the clock by days.</summary>
public sealed class FeedbackOverdueTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private async Task<int> RunJobAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FeedbackOverdueJob>().RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Job_MarksAndEscalatesOnlyReportsPastTheirDeadline_Once()
    {
        var author = await factory.SignUpAsync();
        var moderator = await factory.SignUpAsAsync(Role.AgencyStaff);
        var police = await UnitStaffAsync(factory, "CAT");
        var publicOrder = await PostAsync(author.Client, Report(category: "publicOrder", title: "Tụ tập đua xe ban đêm"));
        var roads = await PostAsync(author.Client, Report(category: "roads"));
        var answeredInTime = await PostAsync(author.Client, Report(category: "publicOrder", title: "Karaoke ồn ào sau 22 giờ"));
        var approved = await ApproveAsync(moderator.Client, publicOrder);
        await ApproveAsync(moderator.Client, roads);
        await ApproveAsync(moderator.Client, answeredInTime);
        (await police.Client.PostAsJsonAsync($"/api/feedback/unit/reports/{answeredInTime}/answer", new { answer = "Đã nhắc nhở và xử phạt cơ sở karaoke." })).EnsureSuccessStatusCode();
        var deadline = approved.GetProperty("deadlineAt").GetDateTime().ToUniversalTime();
        var notifiedBefore = await NotificationCountAsync(factory, author.AccountId);

        var beforeDeadline = await RunJobAsync();
        factory.Clock.SetUtcNow(new DateTimeOffset(deadline).AddMinutes(1));
        var afterDeadline = await RunJobAsync();
        var again = await RunJobAsync();

        Assert.Equal(0, beforeDeadline);
        Assert.Equal(1, afterDeadline);
        Assert.Equal(0, again);
        var reports = await factory.WithDbAsync(db => db.FeedbackReports.AsNoTracking().Where(r => r.Id == publicOrder || r.Id == roads || r.Id == answeredInTime).ToDictionaryAsync(r => r.Id));
        Assert.NotNull(reports[publicOrder].OverdueAt);
        Assert.Null(reports[roads].OverdueAt);
        Assert.Null(reports[answeredInTime].OverdueAt);
        Assert.Equal(1, await factory.WithDbAsync(db => db.FeedbackChanges.CountAsync(c => c.ReportId == publicOrder && c.Type == FeedbackChangeType.Overdue)));
        Assert.Equal(notifiedBefore + 1, await NotificationCountAsync(factory, author.AccountId));

        // Escalated: the IOC's staff now see it (signed in now, on the moved clock), and the public sees it overdue.
        var ioc = await UnitStaffAsync(factory, FeedbackRouting.OperationsCentreCode);
        var iocQueue = await ioc.Client.GetFromJsonAsync<JsonElement>("/api/feedback/unit/reports");
        Assert.Contains(iocQueue.EnumerateArray(), r => r.GetProperty("report").GetProperty("id").GetInt64() == publicOrder);
        Assert.DoesNotContain(iocQueue.EnumerateArray(), r => r.GetProperty("report").GetProperty("id").GetInt64() == roads);
        var seen = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/feedback/reports/{publicOrder}");
        Assert.True(seen.GetProperty("overdue").GetBoolean());
    }
}
