using DongNai.Civic.Feedback;

namespace DongNai.Civic.Tests.Feedback;

public sealed class WorkingDaysTests
{
    // Monday 2 November 2026, 08:00 in Vietnam.
    private static readonly DateTime MondayMorning = new(2026, 11, 2, 1, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Add_StepsOverTheWeekend_WhenTheDaysRunPastFriday()
    {
        var deadline = WorkingDays.Add(MondayMorning, 7);

        // Tue, Wed, Thu, Fri, (weekend), Mon, Tue, Wed.
        Assert.Equal(new DateTime(2026, 11, 11, 1, 0, 0, DateTimeKind.Utc), deadline);
    }

    [Fact]
    public void Add_GoesFromFridayToMonday_ForOneDay()
    {
        var friday = MondayMorning.AddDays(4).AddHours(6);

        Assert.Equal(MondayMorning.AddDays(7).AddHours(6), WorkingDays.Add(friday, 1));
    }

    [Fact]
    public void Add_CountsFromMondayMorning_WhenStartedOnAWeekendInVietnam()
    {
        // Friday 23:30 UTC is Saturday 06:30 in Vietnam.
        var saturdayInVietnam = new DateTime(2026, 11, 6, 23, 30, 0, DateTimeKind.Utc);

        Assert.Equal(MondayMorning.AddDays(8), WorkingDays.Add(saturdayInVietnam, 1));
    }

    [Fact]
    public void Add_ReturnsTheStart_ForZeroDaysOnAWorkingDay()
    {
        Assert.Equal(MondayMorning, WorkingDays.Add(MondayMorning, 0));
    }
}
