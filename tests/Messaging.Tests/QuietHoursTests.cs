using DongNai.Messaging.Notifications;

namespace DongNai.Messaging.Tests;

public sealed class QuietHoursTests
{
    [Theory]
    [InlineData("22:00", "06:00", 23, true)]
    [InlineData("22:00", "06:00", 5, true)]
    [InlineData("22:00", "06:00", 6, false)]
    [InlineData("22:00", "06:00", 12, false)]
    [InlineData("12:00", "14:00", 13, true)]
    [InlineData("12:00", "14:00", 14, false)]
    public void Contains_ReadsTheTimeInVietnam_AndSpansMidnight(string start, string end, int vietnamHour, bool expected)
    {
        var now = new DateTimeOffset(2026, 11, 2, vietnamHour, 0, 0, TimeSpan.FromHours(7)).ToUniversalTime();

        var quiet = QuietHours.Contains(TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), now);

        Assert.Equal(expected, quiet);
    }

    [Fact]
    public void Contains_IsFalse_WithoutQuietHours() =>
        Assert.False(QuietHours.Contains(null, null, DateTimeOffset.UnixEpoch));
}
