using System.ComponentModel.DataAnnotations;

namespace DongNai.Civic.Feedback;

/// <summary>Limits of citizen feedback (section <c>Feedback</c>), validated on start.</summary>
public sealed class FeedbackOptions
{
    public const string Section = "Feedback";

    /// <summary>Reports one person may post in any 24 hours (withdrawn and rejected ones count: the limit is on posting).</summary>
    [Range(1, 1000)]
    public int ReportsPerDay { get; set; } = 5;

    /// <summary>Likes and shares one person (or one client address, for anonymous shares) is counted for is bounded by the write rate limit; this bounds photos per report.</summary>
    [Range(0, 10)]
    public int MaxPhotos { get; set; } = 3;

    /// <summary>Largest upload of one photo, before re-encoding.</summary>
    [Range(1024, 20 * 1024 * 1024)]
    public int MaxPhotoBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest width or height in pixels: a small file can declare a huge image (a decompression bomb).</summary>
    [Range(100, 20000)]
    public int MaxPhotoPixels { get; set; } = 6000;

    /// <summary>How far apart two reports may be (km) and still be proposed as duplicates.</summary>
    [Range(0.01, 50)]
    public double DuplicateRadiusKm { get; set; } = 0.5;

    /// <summary>How far apart in time (days) two reports may be and still be proposed as duplicates.</summary>
    [Range(1, 365)]
    public int DuplicateWindowDays { get; set; } = 14;

    /// <summary>
    /// Changes younger than this are held back from the IOC feed, so that a change whose id was drawn
    /// before another's but committed after it is not skipped by a cursor that has moved past it.
    /// </summary>
    [Range(0, 600)]
    public int FeedSettleSeconds { get; set; } = 10;

    /// <summary>
    /// Weekdays that are public holidays in Vietnam (dates in Vietnam, <c>yyyy-MM-dd</c>): they do not
    /// count towards answer deadlines. When not configured, <see cref="VietnamHolidays.Official"/>
    /// (2026 and 2027); a configured list replaces it entirely.
    /// </summary>
    public List<DateOnly>? Holidays { get; set; }

    /// <summary>The holidays deadlines skip: <see cref="Holidays"/> when configured, else the official list.</summary>
    public IReadOnlySet<DateOnly> HolidayCalendar => Holidays is { } configured ? configured.ToHashSet() : VietnamHolidays.Official;
}
