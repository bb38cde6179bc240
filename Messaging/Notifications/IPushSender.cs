using DongNai.Domain.Messaging;

namespace DongNai.Messaging.Notifications;

/// <summary>What is pushed to a person's devices: the inbox item's type, title, body and link, addressed by account.</summary>
/// <param name="AccountId">The account whose devices get it.</param>
/// <param name="AccountHandle">The account's opaque handle (<see cref="DongNai.Identity.OwnerHandles"/>), the only name of the person a provider may log.</param>
/// <param name="NotificationId">The inbox item, so a tap opens it.</param>
/// <param name="Type">What it is about.</param>
/// <param name="Title">The Vietnamese title shown on the lock screen.</param>
/// <param name="Body">The Vietnamese text; never a message's own text.</param>
/// <param name="Link">Where in the app a tap leads.</param>
public sealed record PushMessage(long AccountId, string AccountHandle, long NotificationId, NotificationType Type, string Title, string Body, string? Link);

/// <summary>
/// The push port: delivers a notification to the devices of one account. Called after the inbox
/// item is stored, outside any transaction; a failure is logged by the caller and never fails the
/// operation that notified (the inbox has the item). The default provider (<see cref="LoggingPushSender"/>)
/// only logs; production uses Firebase Cloud Messaging (docs/messaging.md). Implementations must be thread-safe.
/// </summary>
public interface IPushSender
{
    Task SendAsync(PushMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// The default push provider where no push service is reachable: logs that a push would go out,
/// with the type, the account's handle and the inbox item's id only, never its title, body or any
/// personal data. Thread-safe.
/// </summary>
public sealed partial class LoggingPushSender(ILogger<LoggingPushSender> logger) : IPushSender
{
    public Task SendAsync(PushMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        LogPush(logger, message.Type, message.AccountHandle, message.NotificationId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Push {Type} to account {AccountHandle} (notification {NotificationId})")]
    private static partial void LogPush(ILogger logger, NotificationType type, string accountHandle, long notificationId);
}
