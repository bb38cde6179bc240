using System.Text.RegularExpressions;
using DongNai.Domain.Listings.Jobs;
using DongNai.Domain.People;
using DongNai.Domain.Validation;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Domain.Listings.Cvs;

/// <summary>
/// A CV as a worker writes it. There are no identity fields: name, date of birth and address come
/// from the verified identity card, and the API refuses unknown JSON members, so a request that
/// sends <c>fullName</c>, <c>dateOfBirth</c> or <c>address</c> is a 400 naming that member.
/// The place is the home commune or the industrial park, exactly one of them.
/// </summary>
public sealed partial record CvRequest(
    string? DesiredJob,
    string? Summary,
    JobShift? Shift,
    long? SalaryExpectationVnd,
    IReadOnlyList<string>? Skills,
    IReadOnlyList<CvExperienceRequest>? Experience,
    EducationLevel? Education,
    string? EducationDetail,
    IReadOnlyList<string>? Certificates,
    CvAvailability? Availability,
    string? HomeCommuneCode,
    string? IndustrialParkCode,
    bool? Discoverable) : IListingRequest<Cv>
{
    public const int MaxSkills = 20;
    public const int MaxSkillLength = 50;
    public const int MaxExperience = 20;
    public const int MaxCertificates = 20;

    /// <summary>The place's point, found while checking references (the database knows it); <see cref="ApplyTo"/> reads it.</summary>
    private (double Latitude, double Longitude)? _point;

    public void Validate(FieldErrors errors, DateTime now)
    {
        errors.Text(DesiredJob, "desiredJob", 2, 200);
        NoNumbers(DesiredJob, "desiredJob", errors);
        errors.Text(Summary, "summary", 0, 2000, required: false);
        errors.Defined(Shift, "shift");
        errors.Range(SalaryExpectationVnd, "salaryExpectationVnd", JobRequest.MinSalaryVnd, JobRequest.MaxSalaryVnd);
        Phrases(Skills, "skills", MaxSkills, required: true, errors);
        Phrases(Certificates, "certificates", MaxCertificates, required: false, errors);
        if (Experience is { } experience)
        {
            errors.When(experience.Count > MaxExperience, "experience", $"At most {MaxExperience} entries.");
            for (var i = 0; i < experience.Count && i < MaxExperience; i++)
            {
                var entry = experience[i];
                if (entry is null)
                {
                    errors.Add($"experience[{i}]", "Required.");
                    continue;
                }

                errors.Text(entry.Role, $"experience[{i}].role", 2, 100);
                errors.Text(entry.Employer, $"experience[{i}].employer", 1, 200, required: false);
                errors.Range(entry.Months, $"experience[{i}].months", 1, 600);
            }
        }

        errors.Defined(Education, "education");
        errors.Text(EducationDetail, "educationDetail", 0, 200, required: false);
        errors.Defined(Availability, "availability");
        errors.When(Availability is null, "availability", "Required.");
        errors.When(
            (HomeCommuneCode is null) == (IndustrialParkCode is null),
            IndustrialParkCode is null ? "homeCommuneCode" : "industrialParkCode",
            "Give exactly one place: homeCommuneCode or industrialParkCode.");
    }

    public async Task CheckReferencesAsync(AppDbContext db, long callerId, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (HomeCommuneCode is not null)
        {
            var commune = await db.Communes.AsNoTracking().SingleOrDefaultAsync(c => c.Code == HomeCommuneCode, cancellationToken);
            errors.When(commune is null, "homeCommuneCode", "Unknown commune code; see GET /api/places/communes.");
            _point = commune is null ? null : (commune.Latitude, commune.Longitude);
        }
        else
        {
            var park = await db.IndustrialParks.AsNoTracking().SingleOrDefaultAsync(p => p.Code == IndustrialParkCode, cancellationToken);
            errors.When(park is null, "industrialParkCode", "Unknown industrial park code; see GET /api/places/industrial-parks.");
            _point = park is null ? null : (park.Latitude, park.Longitude);
        }

        // The identity fields come from the card; a CV without one would have none to show.
        var verified = await db.Profiles.AnyAsync(p => p.AccountId == callerId && p.Verification == VerificationStatus.Verified, cancellationToken)
            && await db.IdentityCards.AnyAsync(c => c.AccountId == callerId, cancellationToken);
        errors.When(!verified, "identity", "A CV takes its name, date of birth and address from your verified CCCD card: fill your profile from the card and have it verified first.");
    }

    public void ApplyTo(Cv listing, DateTime now, bool isNew)
    {
        var (latitude, longitude) = _point ?? throw new InvalidOperationException("References are checked before a CV request is applied.");
        listing.Title = DesiredJob!.Trim();
        listing.Description = Summary?.Trim() ?? "";
        listing.Shift = Shift;
        listing.SalaryExpectationVnd = SalaryExpectationVnd!.Value;
        listing.Skills = Clean(Skills);
        listing.Experience = Experience?.Select(e => new CvExperience(e.Role!.Trim(), e.Employer?.Trim(), e.Months!.Value)).ToList() ?? [];
        listing.Education = Education;
        listing.EducationDetail = EducationDetail?.Trim();
        listing.Certificates = Clean(Certificates);
        listing.Availability = Availability!.Value;
        listing.CommuneCode = HomeCommuneCode;
        listing.IndustrialParkCode = IndustrialParkCode;
        listing.Latitude = latitude;
        listing.Longitude = longitude;
        listing.Discoverable = Discoverable ?? false;
    }

    private static List<string> Clean(IReadOnlyList<string>? phrases) =>
        phrases?.Select(p => p.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];

    private static void Phrases(IReadOnlyList<string>? phrases, string field, int max, bool required, FieldErrors errors)
    {
        if (phrases is null || phrases.Count == 0)
        {
            errors.When(required, field, "Required: give at least one.");
            return;
        }

        errors.When(phrases.Count > max, field, $"At most {max}.");
        for (var i = 0; i < phrases.Count && i < max; i++)
        {
            errors.Text(phrases[i], $"{field}[{i}]", 1, MaxSkillLength);
            NoNumbers(phrases[i], $"{field}[{i}]", errors);
        }
    }

    /// <summary>Searchable fields must not carry a phone, CCCD or ID number (nine digits or more, however spaced).</summary>
    private static void NoNumbers(string? value, string field, FieldErrors errors) =>
        errors.When(value is not null && LongDigitRun().IsMatch(value), field, "Must not contain a phone or ID number.");

    [GeneratedRegex(@"\d(?:[\s.\-()]*\d){8,}")]
    private static partial Regex LongDigitRun();
}

/// <summary>One past job as the request gives it.</summary>
public sealed record CvExperienceRequest(string? Role, string? Employer, int? Months);

/// <summary>
/// A CV as the generic listing routes show it: only what candidate search may show (no name, date
/// of birth, address, summary, owner handle or contact). The owner's full view, with the identity
/// fields from the card, is <c>GET /api/cvs/mine</c>; an employer's is through an application.
/// </summary>
public sealed record CvResponse(
    long Id,
    string DesiredJob,
    JobShift? Shift,
    long SalaryExpectationVnd,
    IReadOnlyList<string> Skills,
    IReadOnlyList<CvExperience> Experience,
    EducationLevel? Education,
    IReadOnlyList<string> Certificates,
    CvAvailability Availability,
    string? HomeCommuneCode,
    string? IndustrialParkCode,
    bool Discoverable,
    bool OwnerVerified,
    int Version) : IListingResponse<Cv, CvResponse>
{
    public static CvResponse From(Cv listing, ListingOwner owner) => new(
        listing.Id, listing.Title, listing.Shift, listing.SalaryExpectationVnd, listing.Skills, listing.Experience, listing.Education,
        listing.Certificates, listing.Availability, listing.CommuneCode, listing.IndustrialParkCode, listing.Discoverable, owner.Verified, listing.Version);
}
