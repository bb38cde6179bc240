using DongNai.Domain.People;

namespace DongNai.Domain.Listings.Jobs;

public enum JobShift
{
    Day = 1,
    Night = 2,
    Rotating = 3,
}

public enum JobType
{
    FullTime = 1,
    PartTime = 2,
    Seasonal = 3,
}

/// <summary>Benefits a factory job commonly offers; stored as flags.</summary>
[Flags]
public enum JobBenefits
{
    None = 0,
    Meals = 1,
    ShuttleBus = 2,
    Dormitory = 4,
}

/// <summary>A job an employer posts. Salary is VND per month.</summary>
public sealed class JobPosting : Listing
{
    public override ListingKind Kind => ListingKind.Job;

    public long EmployerId { get; set; }

    public Employer? Employer { get; set; }

    public string Requirements { get; set; } = "";

    public int Headcount { get; set; }

    public long SalaryMinVnd { get; set; }

    public long SalaryMaxVnd { get; set; }

    public JobShift Shift { get; set; }

    public JobType JobType { get; set; }

    /// <summary>Code of the industrial park the job is in, if any (see <see cref="Places.IndustrialPark"/>).</summary>
    public string? IndustrialParkCode { get; set; }

    public JobBenefits Benefits { get; set; }

    public DateTime PostedAt { get; set; }

    public DateTime ExpiresAt { get; set; }
}
