using Microsoft.AspNetCore.SignalR;

namespace DongNai.Messaging.Realtime;

/// <summary>
/// Sends conversation events to the devices of one account over <see cref="MessagesHub"/>. Best
/// effort: the REST API already holds what is sent, so a failure is logged and swallowed. Thread-safe.
/// </summary>
public sealed partial class ConversationEvents(IHubContext<MessagesHub> hub, ILogger<ConversationEvents> logger)
{
    public Task MessageCreatedAsync(long accountId, MessageView message) => SendAsync(accountId, MessagesHub.MessageCreated, message);

    public Task ConversationReadAsync(long accountId, ReadReceiptView receipt) => SendAsync(accountId, MessagesHub.ConversationRead, receipt);

    private async Task SendAsync(long accountId, string method, object payload)
    {
        try
        {
            await hub.Clients.Group(MessagesHub.GroupOf(accountId)).SendAsync(method, payload, CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogSendFailed(logger, exception, method);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Real-time {Method} event could not be sent; clients fetch it through the REST API")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string method);
}
