namespace DongNai.Messaging.Notifications;

/// <summary>
/// Quiet hours in Vietnam's local time. Vietnam keeps UTC+7 all year (no daylight saving), so a
/// fixed offset is exact and needs no time-zone database on the machine.
/// </summary>
public static class QuietHours
{
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>The time of day in Vietnam at <paramref name="now"/>.</summary>
    public static TimeOnly LocalTime(DateTimeOffset now) => TimeOnly.FromDateTime(now.ToOffset(VietnamOffset).DateTime);

    /// <summary>
    /// Whether <paramref name="now"/> falls within [<paramref name="start"/>, <paramref name="end"/>)
    /// local time; a start after the end spans midnight (22:00 to 06:00). None when either is null or they are equal.
    /// </summary>
    public static bool Contains(TimeOnly? start, TimeOnly? end, DateTimeOffset now)
    {
        if (start is not { } from || end is not { } to || from == to)
        {
            return false;
        }

        var local = LocalTime(now);
        return from < to ? local >= from && local < to : local >= from || local < to;
    }
}
