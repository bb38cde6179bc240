using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace DongNai.Messaging.Realtime;

/// <summary>
/// The real-time channel of conversations, at <see cref="Path"/>, for signed-in accounts only (the
/// same bearer token as the REST API; browsers and WebSockets send it as <c>access_token</c> in the
/// query string). It only pushes; every action goes through the REST API, which is the source of
/// truth. Each connection joins its account's group, so every device of a person hears:
/// <c>messageCreated</c> (a <see cref="MessageView"/>) and <c>conversationRead</c> (a <see cref="ReadReceiptView"/>).
/// Delivery is at least once and may be missed while disconnected: a reconnecting client fetches
/// what it missed through the REST API with the newer cursor it holds.
/// </summary>
[Authorize]
public sealed class MessagesHub : Hub
{
    public const string Path = "/hubs/messages";
    public const string MessageCreated = "messageCreated";
    public const string ConversationRead = "conversationRead";

    public static string GroupOf(long accountId) => "account:" + accountId.ToString(CultureInfo.InvariantCulture);

    public override async Task OnConnectedAsync()
    {
        if (!long.TryParse(Context.User?.FindFirst("sub")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var accountId))
        {
            Context.Abort();
            return;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(accountId));
        await base.OnConnectedAsync();
    }
}
