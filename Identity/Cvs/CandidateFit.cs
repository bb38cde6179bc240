using System.Globalization;
using DongNai.Domain.Listings.Cvs;
using DongNai.Domain.Listings.Jobs;
using DongNai.Domain.Text;

namespace DongNai.Identity.Cvs;

/// <summary>How well one CV fits one job, 0 to 1, and the reasons in Vietnamese for the employer.</summary>
public sealed record CandidateFitScore(double Score, IReadOnlyList<string> Reasons);

/// <summary>
/// Scores a CV against a job posting (decision 0019): skills the job's text or the employer's
/// query names (weight 0.4), distance from the job's place within the search radius (0.25), the
/// shift (0.15) and the salary expectation against the salary offered (0.2). Pure and thread-safe.
/// </summary>
public static class CandidateFit
{
    public const double SkillsWeight = 0.4;
    public const double DistanceWeight = 0.25;
    public const double ShiftWeight = 0.15;
    public const double SalaryWeight = 0.2;

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The fit to the employer's query alone (no job): the skills it names.</summary>
    public static CandidateFitScore Score(Cv cv, string? query)
    {
        var reasons = new List<string>();
        var skills = Skills(cv, query, reasons);
        return new CandidateFitScore(Math.Round(SkillsWeight * skills, 4), reasons);
    }

    public static CandidateFitScore Score(JobPosting job, Cv cv, double? distanceKm, double radiusKm, string? query)
    {
        var reasons = new List<string>();
        var skills = Skills(cv, string.Join(' ', job.Title, job.Description, job.Requirements, query), reasons);

        var distance = distanceKm is { } km && radiusKm > 0 ? Math.Clamp(1 - (km / radiusKm), 0, 1) : 0;
        if (distanceKm is { } shown)
        {
            reasons.Add(string.Create(Vietnamese, $"Cách nơi làm việc {shown:0.#} km"));
        }

        double shift;
        if (cv.Shift is null)
        {
            shift = 0.7;
            reasons.Add("Làm được mọi ca");
        }
        else if (cv.Shift == job.Shift)
        {
            shift = 1;
            reasons.Add("Muốn làm " + JobKind.Words(job.Shift) + " như công việc yêu cầu");
        }
        else
        {
            shift = job.Shift == JobShift.Rotating || cv.Shift == JobShift.Rotating ? 0.4 : 0;
        }

        double salary;
        if (cv.SalaryExpectationVnd <= job.SalaryMaxVnd)
        {
            salary = 1;
            reasons.Add($"Lương mong muốn {Million(cv.SalaryExpectationVnd)} nằm trong mức lương đưa ra ({Million(job.SalaryMinVnd)}–{Million(job.SalaryMaxVnd)})");
        }
        else
        {
            // Asking up to 20 % above the top of the range still counts a little.
            salary = Math.Clamp(1 - ((cv.SalaryExpectationVnd - job.SalaryMaxVnd) / (0.2 * job.SalaryMaxVnd)), 0, 1) * 0.5;
        }

        var score = (SkillsWeight * skills) + (DistanceWeight * distance) + (ShiftWeight * shift) + (SalaryWeight * salary);
        return new CandidateFitScore(Math.Round(score, 4), reasons);
    }

    /// <summary>The share of the CV's skills (up to three count fully) that <paramref name="wantedText"/> names, folded, as whole words.</summary>
    private static double Skills(Cv cv, string? wantedText, List<string> reasons)
    {
        var wanted = " " + VietnameseText.FoldKey(wantedText) + " ";
        var matched = cv.Skills.Where(skill => VietnameseText.FoldKey(skill) is { Length: > 0 } key && wanted.Contains(" " + key + " ", StringComparison.Ordinal)).ToList();
        if (matched.Count > 0)
        {
            reasons.Add("Có kỹ năng phù hợp: " + string.Join(", ", matched));
        }

        return cv.Skills.Count == 0 ? 0 : Math.Min(1, matched.Count / (double)Math.Min(cv.Skills.Count, 3));
    }

    private static string Million(long vnd) => string.Create(Vietnamese, $"{vnd / 1_000_000d:0.#} triệu");
}
