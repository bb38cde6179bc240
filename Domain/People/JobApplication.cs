namespace DongNai.Domain.People;

/// <summary>Where an application stands (decision 0019 says who moves it where).</summary>
public enum ApplicationStatus
{
    Submitted = 1,
    Viewed = 2,
    Shortlisted = 3,
    Hired = 4,
    Rejected = 5,
}

/// <summary>
/// A worker's application to a job with one of their CVs. The employer (the job's owner) sees the
/// CV with its identity fields through it, and moves it through <see cref="ApplicationStatus"/>.
/// One per worker and job. Applications of candidates not hired are erased after the retention
/// period, counted from <see cref="DecidedAt"/> (or <see cref="CreatedAt"/> while undecided).
/// </summary>
public sealed class JobApplication
{
    public const int MaxReasonLength = 500;

    public long Id { get; set; }

    public long JobId { get; set; }

    public long CvId { get; set; }

    public long ApplicantId { get; set; }

    /// <summary>The job's owner when the worker applied: the one account besides the applicant that sees it.</summary>
    public long EmployerAccountId { get; set; }

    public ApplicationStatus Status { get; set; }

    /// <summary>Why the employer took the last decision, if they said.</summary>
    public string? Reason { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>When it was hired or rejected; null before.</summary>
    public DateTime? DecidedAt { get; set; }
}
