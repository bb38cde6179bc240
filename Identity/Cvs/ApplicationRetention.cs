using DongNai.Domain;
using DongNai.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DongNai.Identity.Cvs;

/// <summary>
/// Erases the applications of candidates not hired once <see cref="RetentionOptions"/> has run
/// out: rejected ones that many days after the rejection, submitted, viewed or shortlisted ones
/// that many days after their last change. Hired applications are never erased here. Idempotent;
/// one instance per scope.
/// </summary>
public sealed class ApplicationRetention(AppDbContext db, TimeProvider time, IOptions<RetentionOptions> options)
{
    /// <summary>Erases what is due and returns how many applications it erased.</summary>
    public async Task<int> EraseDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var rejectedBefore = now.AddDays(-options.Value.RejectedApplicationsDays);
        var undecidedBefore = now.AddDays(-options.Value.UndecidedApplicationsDays);
        return await db.JobApplications
            .Where(a => (a.Status == ApplicationStatus.Rejected && a.DecidedAt < rejectedBefore)
                || (a.Status != ApplicationStatus.Rejected && a.Status != ApplicationStatus.Hired && a.UpdatedAt < undecidedBefore))
            .ExecuteDeleteAsync(cancellationToken);
    }
}
