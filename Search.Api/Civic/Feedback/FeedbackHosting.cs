using DongNai.Civic.Feedback;
using DongNai.Domain.Messaging;
using DongNai.Messaging.Notifications;
using Hangfire;

namespace DongNai.Search.Api.Civic.Feedback;

/// <summary>Registers citizen feedback in the host: the services, the notices through messaging's notifier, and the overdue job.</summary>
public static class FeedbackHosting
{
    public static void AddCivicFeedbackApi(this IServiceCollection services, FeedbackOptions options)
    {
        services.AddCivicFeedback(options);
        services.AddScoped<IFeedbackNotices, InboxFeedbackNotices>();
    }

    /// <summary>The recurring overdue check (<see cref="FeedbackOverdueJob.Schedule"/>).</summary>
    public static void ScheduleFeedbackJobs(this IServiceProvider services)
    {
        var jobs = services.GetRequiredService<IRecurringJobManager>();
        jobs.AddOrUpdate<FeedbackOverdueJob>(FeedbackOverdueJob.RecurringId, job => job.RunAsync(CancellationToken.None), FeedbackOverdueJob.Schedule);
    }

    /// <summary>Tells the author through the inbox (and a push where allowed), as every module notifies.</summary>
    private sealed class InboxFeedbackNotices(Notifier notifier) : IFeedbackNotices
    {
        public Task TellAsync(long accountId, long reportId, string title, string body, CancellationToken cancellationToken) =>
            notifier.NotifyAsync(
                new NotificationRequest(accountId, NotificationType.FeedbackStatus, title, body, "/feedback/reports/" + reportId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                cancellationToken);
    }
}
