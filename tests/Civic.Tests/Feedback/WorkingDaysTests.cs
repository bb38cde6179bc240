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

public sealed class WorkingDaysHolidayTests
{
    [Fact]
    public void Add_SkipsTetBinhNgo_FromFridayBeforeItToTheMondayAfter()
    {
        // Friday 13 February 2026, 10:00 in Vietnam; Monday 16 to Friday 20 February are Tết days off.
        var friday = new DateTime(2026, 2, 13, 3, 0, 0, DateTimeKind.Utc);

        var deadline = WorkingDays.Add(friday, 1, VietnamHolidays.Official);

        Assert.Equal(new DateTime(2026, 2, 23, 3, 0, 0, DateTimeKind.Utc), deadline);
        Assert.Equal(new DateTime(2026, 2, 16, 3, 0, 0, DateTimeKind.Utc), WorkingDays.Add(friday, 1));
    }

    [Fact]
    public void Add_CountsFromTheFirstWorkingDayAt8_WhenStartedOnAHoliday()
    {
        // Thursday 30 April 2026 and Friday 1 May are holidays: a start on 30 April counts from Monday 4 May, 08:00.
        var reunificationDay = new DateTime(2026, 4, 30, 5, 0, 0, DateTimeKind.Utc);

        Assert.Equal(new DateTime(2026, 5, 5, 1, 0, 0, DateTimeKind.Utc), WorkingDays.Add(reunificationDay, 1, VietnamHolidays.Official));
    }

    [Fact]
    public void Add_SkipsTheDayOffGivenForAHolidayOnASunday()
    {
        // The Hùng Kings' day, Sunday 26 April 2026, gives Monday 27 April off.
        var friday = new DateTime(2026, 4, 24, 2, 0, 0, DateTimeKind.Utc);

        Assert.Equal(new DateTime(2026, 4, 28, 2, 0, 0, DateTimeKind.Utc), WorkingDays.Add(friday, 1, VietnamHolidays.Official));
    }

    [Fact]
    public void Official_HoldsOnlyWeekdays_WithTetOnTheLunarNewYear()
    {
        Assert.All(VietnamHolidays.Official, day => Assert.False(day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, $"{day} is a weekend day."));
        Assert.Contains(new DateOnly(2026, 2, 17), VietnamHolidays.Official);
        Assert.Contains(new DateOnly(2027, 2, 5), VietnamHolidays.Official);
        Assert.DoesNotContain(new DateOnly(2026, 2, 23), VietnamHolidays.Official);
    }

    [Fact]
    public void HolidayCalendar_IsTheOfficialList_UnlessConfigured_AndAConfiguredListReplacesIt()
    {
        var configured = new FeedbackOptions { Holidays = [new DateOnly(2026, 11, 20)] };

        Assert.Same(VietnamHolidays.Official, new FeedbackOptions().HolidayCalendar);
        Assert.Equal(new[] { new DateOnly(2026, 11, 20) }, configured.HolidayCalendar);
        Assert.Equal(new DateTime(2026, 11, 23, 1, 0, 0, DateTimeKind.Utc), WorkingDays.Add(new DateTime(2026, 11, 19, 1, 0, 0, DateTimeKind.Utc), 1, configured.HolidayCalendar));
    }
}
