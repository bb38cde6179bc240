using DongNai.Domain;
using DongNai.Domain.Messaging;
using DongNai.Identity;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Messaging.Notifications;

/// <summary>A notification to add to a person's inbox. Title and body are Vietnamese, shown as they are; <paramref name="Link"/> is where in the app it leads.</summary>
public sealed record NotificationRequest(long AccountId, NotificationType Type, string Title, string Body, string? Link)
{
    /// <summary>
    /// An unread item of the same type and link is replaced by this one (moved to the top), and
    /// nothing is pushed: the person has not looked at the first one yet. New messages of one
    /// conversation use it, so a burst of messages is one inbox item and one push.
    /// </summary>
    public bool ReplacesUnread { get; init; }
}

/// <summary>Why a stored notification was not pushed.</summary>
public enum PushOutcome
{
    Pushed,

    /// <summary>The person chose the inbox only for this type.</summary>
    InboxOnlyByPreference,

    /// <summary>Within the person's quiet hours: skipped, not deferred; the inbox has it for the morning.</summary>
    QuietHours,

    /// <summary>It replaced an unread item of the same conversation, which was pushed already.</summary>
    ReplacedUnread,

    /// <summary>The push provider failed (logged); the inbox has it.</summary>
    Failed,
}

/// <summary>
/// The one way any module notifies a person (new messages now; application status, claim and
/// payment results, feedback and public-service states later): the inbox always gets the item;
/// it is pushed through <see cref="IPushSender"/> unless the person chose the inbox only for its
/// type, or it is their quiet hours (then the push is skipped, not deferred: the inbox holds it
/// and a late night push the next morning would only be stale). Saves its own changes; call it
/// after your own transaction has committed. One instance per request or unit of work (it holds
/// the scope's <see cref="AppDbContext"/>).
/// </summary>
public sealed partial class Notifier(AppDbContext db, IPushSender push, OwnerHandles handles, TimeProvider time, ILogger<Notifier> logger)
{
    public async Task<(Notification Notification, PushOutcome Push)> NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var replaced = false;
        if (request.ReplacesUnread && request.Link is not null)
        {
            var stale = await db.Notifications
                .Where(n => n.AccountId == request.AccountId && n.Type == request.Type && n.Link == request.Link && n.ReadAt == null)
                .ToListAsync(cancellationToken);
            db.Notifications.RemoveRange(stale);
            replaced = stale.Count > 0;
        }

        var notification = new Notification
        {
            AccountId = request.AccountId,
            Type = request.Type,
            Title = Clip(request.Title, Notification.MaxTitleLength),
            Body = Clip(request.Body, Notification.MaxBodyLength),
            Link = request.Link is null ? null : Clip(request.Link, Notification.MaxLinkLength),
            CreatedAt = now.UtcDateTime,
        };
        db.Notifications.Add(notification);
        await db.SaveChangesAsync(cancellationToken);

        var outcome = replaced ? PushOutcome.ReplacedUnread : await DecideAsync(request, now, cancellationToken);
        if (outcome == PushOutcome.Pushed)
        {
            try
            {
                await push.SendAsync(
                    new PushMessage(request.AccountId, handles.Of(request.AccountId), notification.Id, notification.Type, notification.Title, notification.Body, notification.Link),
                    cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPushFailed(logger, exception, notification.Type, notification.Id);
                outcome = PushOutcome.Failed;
            }
        }

        return (notification, outcome);
    }

    private async Task<PushOutcome> DecideAsync(NotificationRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var delivery = await db.NotificationPreferences.AsNoTracking()
            .Where(p => p.AccountId == request.AccountId && p.Type == request.Type)
            .Select(p => (NotificationDelivery?)p.Delivery)
            .SingleOrDefaultAsync(cancellationToken);
        if (delivery == NotificationDelivery.InboxOnly)
        {
            return PushOutcome.InboxOnlyByPreference;
        }

        var quiet = await db.MessagingSettings.AsNoTracking()
            .Where(s => s.AccountId == request.AccountId)
            .Select(s => new { s.QuietHoursStart, s.QuietHoursEnd })
            .SingleOrDefaultAsync(cancellationToken);
        return quiet is not null && QuietHours.Contains(quiet.QuietHoursStart, quiet.QuietHoursEnd, now) ? PushOutcome.QuietHours : PushOutcome.Pushed;
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push of {Type} notification {NotificationId} failed; the inbox has it")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, NotificationType type, long notificationId);
}
