using DongNai.Domain;
using DongNai.Domain.Civic.Feedback;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Civic.Feedback;

/// <summary>
/// Marks open reports whose deadline has passed as overdue and escalates them to the province
/// operations centre (IOC): the responsible unit keeps the report, the IOC's staff now see it in
/// their queue too and may transfer it, the change appears in the IOC feed, and the author is told.
/// Idempotent: a report is marked once. Run by Hangfire every few minutes; a failure is logged and
/// retried by Hangfire with its back-off, and the next run picks up what this one missed.
/// </summary>
public sealed partial class FeedbackOverdueJob(AppDbContext db, FeedbackRouting routing, IFeedbackNotices notices, TimeProvider time, ILogger<FeedbackOverdueJob> logger)
{
    public const string RecurringId = "feedback-overdue";

    /// <summary>Every five minutes.</summary>
    public const string Schedule = "*/5 * * * *";

    private const int Batch = 200;

    /// <summary>Marks and escalates every overdue report; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var centre = await routing.OperationsCentreAsync(cancellationToken);
        var total = 0;
        while (true)
        {
            var due = await db.FeedbackReports
                .Where(r => (r.Status == FeedbackStatus.Routed || r.Status == FeedbackStatus.InProgress) && r.OverdueAt == null && r.DeadlineAt < now)
                .OrderBy(r => r.Id).Take(Batch).ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                break;
            }

            foreach (var report in due)
            {
                report.OverdueAt = now;
                report.UpdatedAt = now;
                db.FeedbackChanges.Add(new FeedbackChange
                {
                    ReportId = report.Id,
                    Type = FeedbackChangeType.Overdue,
                    Status = report.Status,
                    UnitId = report.UnitId,
                    DeadlineAt = report.DeadlineAt,
                    Note = "Escalated to " + centre.Code,
                    At = now,
                });
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var report in due)
            {
                await notices.TellAsync(report.OwnerId, report.Id, "Phản ánh quá hạn trả lời",
                    $"Phản ánh \"{report.Title}\" đã quá hạn trả lời và được báo lên {centre.Name} để đôn đốc.", cancellationToken);
            }

            total += due.Count;
        }

        if (total > 0)
        {
            LogEscalated(logger, total);
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Marked {Count} feedback reports overdue and escalated them to the IOC")]
    private static partial void LogEscalated(ILogger logger, int count);
}
