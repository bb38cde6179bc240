using static DongNai.Api.Tests.Civic.Feedback.FeedbackRequests;

namespace DongNai.Api.Tests.Civic.Feedback;

/// <summary>
/// Deadlines skip Vietnam's public holidays, on the service's fake clock. A class of its own: it
/// moves its host's clock to Tết 2027, which would shift the other feedback tests' "now".
/// </summary>
public sealed class FeedbackHolidayDeadlineTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Approve_BeforeTet_GivesADeadlineThatSkipsTheTetDaysOff()
    {
        // Thursday 4 February 2027, 09:00 in Vietnam; Friday 5 and Monday 8 to Thursday 11 February are Tết days off.
        factory.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 4, 2, 0, 0, TimeSpan.Zero));
        var moderator = await factory.SignUpAsAsync(Domain.People.Role.AgencyStaff);
        var id = await PostAsync((await factory.SignUpAsync()).Client, Report(category: "publicOrder", commune: BienHoa));

        var approved = await ApproveAsync(moderator.Client, id);

        // Public order is answered within 3 working days: Friday 12, Monday 15, Tuesday 16 February.
        Assert.Equal("CAT", approved.GetProperty("unitCode").GetString());
        Assert.Equal(new DateTime(2027, 2, 16, 2, 0, 0, DateTimeKind.Utc), approved.GetProperty("deadlineAt").GetDateTime().ToUniversalTime());
    }
}
