using DongNai.Domain;
using DongNai.Domain.Listings.Cvs;
using DongNai.Domain.Listings.Jobs;
using DongNai.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Identity.Cvs;

/// <summary>What applying came to.</summary>
public abstract record ApplyResult
{
    public sealed record Applied(JobApplication Application) : ApplyResult;

    /// <summary>A field of the request names nothing the caller may use.</summary>
    public sealed record Invalid(string Field, string Message) : ApplyResult;

    /// <summary>The caller already applied to this job.</summary>
    public sealed record AlreadyApplied(long ApplicationId) : ApplyResult;
}

/// <summary>What a status change came to.</summary>
public enum StatusChange
{
    Changed,
    NotFound,
    Forbidden,
    NotAllowedFromHere,
}

/// <summary>
/// Applications of workers to jobs (decision 0019). Who sees one: the applicant and the job's
/// owner, nobody else (admins neither: it carries the applicant's identity fields). Who moves it:
/// the job's owner alone, along <see cref="AllowedFrom"/>; the owner's first look moves a submitted
/// application to viewed.
/// One instance per request.
/// </summary>
public sealed class ApplicationService(AppDbContext db, TimeProvider time)
{
    /// <summary>The statuses each status may be moved to by the job's owner.</summary>
    public static IReadOnlyDictionary<ApplicationStatus, ApplicationStatus[]> AllowedFrom { get; } = new Dictionary<ApplicationStatus, ApplicationStatus[]>
    {
        [ApplicationStatus.Submitted] = [ApplicationStatus.Viewed, ApplicationStatus.Shortlisted, ApplicationStatus.Rejected],
        [ApplicationStatus.Viewed] = [ApplicationStatus.Shortlisted, ApplicationStatus.Rejected],
        [ApplicationStatus.Shortlisted] = [ApplicationStatus.Hired, ApplicationStatus.Rejected],
        [ApplicationStatus.Hired] = [],
        [ApplicationStatus.Rejected] = [],
    };

    public async Task<ApplyResult> ApplyAsync(long applicantId, long jobId, long cvId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var job = await db.Set<JobPosting>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null || job.ExpiresAt <= now)
        {
            return new ApplyResult.Invalid("jobId", "No such open job.");
        }

        if (job.OwnerId == applicantId)
        {
            return new ApplyResult.Invalid("jobId", "You cannot apply to your own job.");
        }

        if (!await db.Set<Cv>().AnyAsync(c => c.Id == cvId && c.OwnerId == applicantId, cancellationToken))
        {
            return new ApplyResult.Invalid("cvId", "No such CV of yours.");
        }

        if (await db.JobApplications.AsNoTracking().SingleOrDefaultAsync(a => a.JobId == jobId && a.ApplicantId == applicantId, cancellationToken) is { } existing)
        {
            return new ApplyResult.AlreadyApplied(existing.Id);
        }

        var application = new JobApplication
        {
            JobId = jobId,
            CvId = cvId,
            ApplicantId = applicantId,
            EmployerAccountId = job.OwnerId,
            Status = ApplicationStatus.Submitted,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.JobApplications.Add(application);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two applications to one job at once: the unique index lets one through.
            db.ChangeTracker.Clear();
            var winner = await db.JobApplications.AsNoTracking().SingleOrDefaultAsync(a => a.JobId == jobId && a.ApplicantId == applicantId, cancellationToken);
            return winner is null ? throw new InvalidOperationException("An application could not be stored.") : new ApplyResult.AlreadyApplied(winner.Id);
        }

        return new ApplyResult.Applied(application);
    }

    /// <summary>The caller's own applications, newest first.</summary>
    public Task<List<JobApplication>> MineAsync(long applicantId, CancellationToken cancellationToken) =>
        db.JobApplications.AsNoTracking().Where(a => a.ApplicantId == applicantId).OrderByDescending(a => a.Id).ToListAsync(cancellationToken);

    /// <summary>Applications to jobs the caller owns (to one of them when <paramref name="jobId"/> is given), newest first.</summary>
    public Task<List<JobApplication>> ReceivedAsync(long employerAccountId, long? jobId, CancellationToken cancellationToken) =>
        db.JobApplications.AsNoTracking()
            .Where(a => a.EmployerAccountId == employerAccountId && (jobId == null || a.JobId == jobId))
            .OrderByDescending(a => a.Id)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// The application if the caller may see it (the applicant or the job's owner), else null. The
    /// job owner's first look moves a submitted application to viewed.
    /// </summary>
    public async Task<JobApplication?> ViewAsync(long id, long callerId, CancellationToken cancellationToken)
    {
        var application = await db.JobApplications.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null || (application.ApplicantId != callerId && application.EmployerAccountId != callerId))
        {
            return null;
        }

        if (application.EmployerAccountId == callerId && application.Status == ApplicationStatus.Submitted)
        {
            application.Status = ApplicationStatus.Viewed;
            application.UpdatedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }

        return application;
    }

    public async Task<(StatusChange Outcome, JobApplication? Application)> MoveAsync(
        long id, long callerId, ApplicationStatus to, string? reason, CancellationToken cancellationToken)
    {
        var application = await db.JobApplications.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null || (application.ApplicantId != callerId && application.EmployerAccountId != callerId))
        {
            return (StatusChange.NotFound, null);
        }

        if (application.EmployerAccountId != callerId)
        {
            return (StatusChange.Forbidden, application);
        }

        if (!AllowedFrom[application.Status].Contains(to))
        {
            return (StatusChange.NotAllowedFromHere, application);
        }

        var now = time.GetUtcNow().UtcDateTime;
        application.Status = to;
        application.Reason = reason?.Trim();
        application.UpdatedAt = now;
        if (to is ApplicationStatus.Hired or ApplicationStatus.Rejected)
        {
            application.DecidedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return (StatusChange.Changed, application);
    }
}
