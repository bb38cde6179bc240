namespace DongNai.Civic.Feedback;

/// <summary>
/// The weekdays State bodies in Vietnam are closed for public holidays in 2026 and 2027: the
/// default of <see cref="FeedbackOptions.Holidays"/>, which replaces it when configured.
/// </summary>
/// <remarks>
/// <para>
/// The holidays are those of the Labour Code 2019 (Law 45/2019/QH14), art. 112: New Year's Day
/// (1 January), Tết (5 days), the Hùng Kings' Commemoration (10th day of the 3rd lunar month),
/// Reunification Day (30 April), Labour Day (1 May) and National Day (2 September and the day
/// before or after it). A holiday on a Saturday or Sunday gives a day off on the next working
/// day (art. 112(3)). Only weekdays are listed: weekends never count anyway.
/// </para>
/// <para>
/// Lunar dates were computed with Hồ Ngọc Đức's Vietnamese lunar calendar algorithm (UTC+7), which
/// gives Tết 29 January 2025 and the Hùng Kings' day 7 April 2025 as officially observed:
/// Tết Bính Ngọ is Tuesday 17 February 2026 (New Year's Eve, 30 Tết, Monday 16 February); Tết
/// Đinh Mùi is Saturday 6 February 2027 (eve Friday 5 February); the Hùng Kings' day is Sunday
/// 26 April 2026 and Friday 16 April 2027.
/// </para>
/// <para>
/// 2026 follows the schedule announced for State employees as recalled here (Tết from Saturday
/// 14 to Sunday 22 February, the five Tết days being Monday 16 to Friday 20 February); the
/// National Day's second day (1 or 3 September) is chosen by the Prime Minister each year and is
/// assumed to be 1 September 2026 and 3 September 2027. 2027 is derived from the rule alone (Tết:
/// the eve and the first four days, Saturday and Sunday among them giving Wednesday 10 and Thursday
/// 11 February; 1 May on a Saturday giving Monday 3 May). Check both years against the Ministry of
/// Home Affairs' notice on the days off (and any swapped working days) and configure
/// <c>Feedback:Holidays</c> when they differ.
/// </para>
/// </remarks>
public static class VietnamHolidays
{
    public static IReadOnlySet<DateOnly> Official { get; } = new HashSet<DateOnly>
    {
        // 2026
        new(2026, 1, 1), // New Year's Day (Thursday)
        new(2026, 2, 16), new(2026, 2, 17), new(2026, 2, 18), new(2026, 2, 19), new(2026, 2, 20), // Tết Bính Ngọ: 29 Tết to the 4th
        new(2026, 4, 27), // Hùng Kings (Sunday 26 April), the next working day
        new(2026, 4, 30), // Reunification Day (Thursday)
        new(2026, 5, 1), // Labour Day (Friday)
        new(2026, 9, 1), new(2026, 9, 2), // National Day (Wednesday) and the day before

        // 2027
        new(2027, 1, 1), // New Year's Day (Friday)
        new(2027, 2, 5), new(2027, 2, 8), new(2027, 2, 9), // Tết Đinh Mùi: the eve, the 3rd and 4th (the 1st and 2nd are a weekend)
        new(2027, 2, 10), new(2027, 2, 11), // for the 1st and 2nd falling on Saturday and Sunday
        new(2027, 4, 16), // Hùng Kings (Friday)
        new(2027, 4, 30), // Reunification Day (Friday)
        new(2027, 5, 3), // Labour Day (Saturday 1 May), the next working day
        new(2027, 9, 2), new(2027, 9, 3), // National Day (Thursday) and the day after
    };
}
