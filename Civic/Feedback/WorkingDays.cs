namespace DongNai.Civic.Feedback;

/// <summary>
/// Deadlines in working days, as Vietnamese administrative time limits are counted: Saturdays,
/// Sundays and public holidays (the days off of State bodies, <see cref="VietnamHolidays"/>) do not
/// count, judged on the calendar in Vietnam (UTC+7, no daylight saving). Pure functions; thread-safe.
/// </summary>
public static class WorkingDays
{
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>
    /// The instant <paramref name="days"/> working days after <paramref name="start"/>: the same
    /// time of day on the working day reached by stepping over weekends and <paramref name="holidays"/>
    /// (dates in Vietnam; none when null). A start on a day off counts from the next working day at
    /// 08:00 Vietnam time.
    /// </summary>
    public static DateTime Add(DateTime start, int days, IReadOnlySet<DateOnly>? holidays = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var local = new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc)).ToOffset(VietnamOffset);
        if (!IsWorkingDay(local, holidays))
        {
            while (!IsWorkingDay(local, holidays))
            {
                local = local.AddDays(1);
            }

            local = new DateTimeOffset(local.Year, local.Month, local.Day, 8, 0, 0, VietnamOffset);
        }

        var left = days;
        while (left > 0)
        {
            local = local.AddDays(1);
            if (IsWorkingDay(local, holidays))
            {
                left--;
            }
        }

        return local.UtcDateTime;
    }

    private static bool IsWorkingDay(DateTimeOffset local, IReadOnlySet<DateOnly>? holidays) =>
        local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && holidays?.Contains(DateOnly.FromDateTime(local.DateTime)) != true;
}
