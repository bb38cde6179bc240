using DongNai.Domain.Validation;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Domain.Listings.Jobs;

/// <summary>A job posting as an employer writes it. Salary is VND per month.</summary>
public sealed record JobRequest(
    string? Title,
    string? Description,
    string? Requirements,
    long? EmployerId,
    int? Headcount,
    long? SalaryMinVnd,
    long? SalaryMaxVnd,
    JobShift? Shift,
    JobType? JobType,
    IReadOnlyList<JobBenefits>? Benefits,
    string? IndustrialParkCode,
    string? CommuneCode,
    double? Latitude,
    double? Longitude,
    DateTimeOffset? ExpiresAt) : IListingRequest<JobPosting>
{
    public const long MinSalaryVnd = 1_000_000;
    public const long MaxSalaryVnd = 500_000_000;
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(30);
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(365);

    public void Validate(FieldErrors errors, DateTime now)
    {
        ListingRules.TitleAndDescription(Title, Description, errors);
        errors.Text(Requirements, "requirements", 0, 3000, required: false);
        errors.Range(EmployerId, "employerId", 1, long.MaxValue);
        errors.Range(Headcount, "headcount", 1, 10_000);
        errors.Range(SalaryMinVnd, "salaryMinVnd", MinSalaryVnd, MaxSalaryVnd);
        errors.Range(SalaryMaxVnd, "salaryMaxVnd", MinSalaryVnd, MaxSalaryVnd);
        errors.When(SalaryMinVnd > SalaryMaxVnd, "salaryMaxVnd", "Must be at least salaryMinVnd.");
        errors.Defined(Shift, "shift");
        errors.Defined(JobType, "jobType");
        ListingRules.Flags(Benefits, "benefits", errors);
        ListingRules.PointInProvince(Latitude, Longitude, errors);
        if (ExpiresAt is { } expires)
        {
            errors.When(expires.UtcDateTime <= now || expires.UtcDateTime > now + MaxLifetime, "expiresAt", "Must be in the future and within 365 days.");
        }
    }

    public async Task CheckReferencesAsync(AppDbContext db, long callerId, FieldErrors errors, CancellationToken cancellationToken)
    {
        var employer = await db.Employers.AsNoTracking().SingleOrDefaultAsync(e => e.Id == EmployerId, cancellationToken);
        errors.When(employer is null, "employerId", "Unknown employer.");
        errors.When(employer is not null && employer.OwnerId != callerId, "employerId", "This employer belongs to another account.");
        await ReferenceChecks.CheckParkAsync(db, IndustrialParkCode, "industrialParkCode", errors, cancellationToken);
        await ReferenceChecks.CheckCommuneAsync(db, CommuneCode, "communeCode", errors, cancellationToken);
    }

    public void ApplyTo(JobPosting listing, DateTime now, bool isNew)
    {
        listing.Title = Title!.Trim();
        listing.Description = Description!.Trim();
        listing.Requirements = Requirements?.Trim() ?? "";
        listing.EmployerId = EmployerId!.Value;
        listing.Headcount = Headcount!.Value;
        listing.SalaryMinVnd = SalaryMinVnd!.Value;
        listing.SalaryMaxVnd = SalaryMaxVnd!.Value;
        listing.Shift = Shift!.Value;
        listing.JobType = JobType!.Value;
        listing.Benefits = ListingRules.Union(Benefits);
        listing.IndustrialParkCode = IndustrialParkCode;
        listing.CommuneCode = CommuneCode;
        listing.Latitude = Latitude!.Value;
        listing.Longitude = Longitude!.Value;
        if (isNew)
        {
            listing.PostedAt = now;
        }

        listing.ExpiresAt = ExpiresAt?.UtcDateTime ?? (isNew ? now + DefaultLifetime : listing.ExpiresAt);
    }
}

public sealed record JobResponse(
    long Id,
    string Owner,
    bool OwnerVerified,
    long EmployerId,
    string Title,
    string Description,
    string Requirements,
    int Headcount,
    long SalaryMinVnd,
    long SalaryMaxVnd,
    JobShift Shift,
    JobType JobType,
    IReadOnlyList<JobBenefits> Benefits,
    string? IndustrialParkCode,
    string? CommuneCode,
    double Latitude,
    double Longitude,
    DateTime PostedAt,
    DateTime ExpiresAt,
    int Version) : IListingResponse<JobPosting, JobResponse>
{
    public static JobResponse From(JobPosting listing, ListingOwner owner) => new(
        listing.Id, owner.Handle, owner.Verified, listing.EmployerId, listing.Title, listing.Description, listing.Requirements, listing.Headcount,
        listing.SalaryMinVnd, listing.SalaryMaxVnd, listing.Shift, listing.JobType, ListingRules.Split(listing.Benefits),
        listing.IndustrialParkCode, listing.CommuneCode, listing.Latitude, listing.Longitude, listing.PostedAt, listing.ExpiresAt, listing.Version);
}
