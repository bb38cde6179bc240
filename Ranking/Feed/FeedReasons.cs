using System.Globalization;

namespace DongNai.Ranking.Feed;

/// <summary>
/// The Vietnamese sentences that say why an item is in a feed. Each is written only from data the
/// feed holds for the item (a distance it measured, a budget the user gave, events it counted), never
/// as decoration. Pure; thread-safe.
/// </summary>
public static class FeedReasons
{
    /// <summary>Shown when the listing changed within this many days of the feed's scoring instant.</summary>
    public const double NewWithinDays = 3;

    /// <summary>"Cách KCN Amata 2,1 km": one decimal, with the Vietnamese decimal comma.</summary>
    public static string Distance(string anchorName, double km) => $"Cách {anchorName} {Kilometres(km)} km";

    /// <summary>The distance as the reason writes it: rounded to one decimal, decimal comma ("2,1").</summary>
    public static string Kilometres(double km) =>
        Math.Round(km, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',');

    public const string InBudget = "Trong ngân sách của bạn";

    /// <summary>"Đúng kỹ năng: may công nghiệp": a skill of the person's CV, as they wrote it in lower case, is in the job's title.</summary>
    public static string Skill(string skill) => $"Đúng kỹ năng: {skill.ToLowerInvariant()}";

    public const string SalaryMet = "Mức lương đúng mong muốn của bạn";

    public const string New = "Mới đăng";

    /// <summary>"Nhiều người gần KCN Amata quan tâm".</summary>
    public static string PopularNear(string parkName) => $"Nhiều người gần {parkName} quan tâm";
}
