namespace DongNai.Civic.Feedback;

/// <summary>
/// Deadlines in working days, as Vietnamese administrative time limits are counted: Saturdays and
/// Sundays do not count, judged on the calendar in Vietnam (UTC+7, no daylight saving). Public
/// holidays are not known here and count as working days (docs/civic-feedback.md says why).
/// </summary>
public static class WorkingDays
{
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>
    /// The instant <paramref name="days"/> working days after <paramref name="start"/>: the same
    /// time of day on the working day reached by stepping over weekends. A start on a weekend
    /// counts from the next Monday at 08:00 Vietnam time.
    /// </summary>
    public static DateTime Add(DateTime start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var local = new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc)).ToOffset(VietnamOffset);
        if (IsWeekend(local.DayOfWeek))
        {
            while (IsWeekend(local.DayOfWeek))
            {
                local = local.AddDays(1);
            }

            local = new DateTimeOffset(local.Year, local.Month, local.Day, 8, 0, 0, VietnamOffset);
        }

        var left = days;
        while (left > 0)
        {
            local = local.AddDays(1);
            if (!IsWeekend(local.DayOfWeek))
            {
                left--;
            }
        }

        return local.UtcDateTime;
    }

    private static bool IsWeekend(DayOfWeek day) => day is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
