using System.Net;
using System.Net.Http.Json;
using DongNai.Messaging;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace DongNai.Api.Tests.Messaging;

public sealed class RealtimeTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>Long enough for a loaded CI machine; the test waits for an event, it does not time one.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Hub_PushesAMessageSentOverRest_ToTheRecipient()
    {
        var sender = await factory.SignUpAsync();
        var recipient = await factory.SignUpAsync();
        var conversation = await MessagingClient.ConversationAsync(sender, recipient);
        await using var hub = Connect(recipient);
        var received = new TaskCompletionSource<MessageView>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<MessageView>("messageCreated", message => received.TrySetResult(message));
        await hub.StartAsync();

        var sent = await sender.SentAsync(conversation, "Tối nay 7 giờ xem phòng được không?");

        var message = await received.Task.WaitAsync(Patience);
        Assert.Equal(sent.GetProperty("id").GetInt64(), message.Id);
        Assert.Equal("Tối nay 7 giờ xem phòng được không?", message.Text);
        Assert.False(message.Mine);
    }

    /// <summary>Browsers cannot set headers on WebSockets: the token rides in the query string, on the hub's path and nowhere else.</summary>
    [Fact]
    public async Task AccessTokenInTheQuery_IsAcceptedOnTheHubsPathOnly()
    {
        var account = await factory.SignUpAsync();
        var token = account.Client.DefaultRequestHeaders.Authorization!.Parameter!;
        var anonymous = factory.CreateClient();

        var withToken = await anonymous.PostAsync($"/hubs/messages/negotiate?negotiateVersion=1&access_token={token}", null);
        var withoutToken = await anonymous.PostAsync("/hubs/messages/negotiate?negotiateVersion=1", null);
        var elsewhere = await anonymous.GetAsync($"/api/me/unread?access_token={token}");

        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Hub_PushesTheReadReceipt_ToTheSender()
    {
        var sender = await factory.SignUpAsync();
        var reader = await factory.SignUpAsync();
        var conversation = await MessagingClient.ConversationAsync(sender, reader);
        var last = (await sender.SentAsync(conversation, "Anh đến chưa?")).GetProperty("id").GetInt64();
        await using var hub = Connect(sender);
        var received = new TaskCompletionSource<ReadReceiptView>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<ReadReceiptView>("conversationRead", receipt => received.TrySetResult(receipt));
        await hub.StartAsync();

        await reader.Client.PostAsync($"/api/conversations/{conversation}/read", JsonContent.Create(new { lastReadMessageId = (long?)null }));

        var receipt = await received.Task.WaitAsync(Patience);
        Assert.Equal(conversation, receipt.ConversationId);
        Assert.Equal(last, receipt.LastReadMessageId);
        Assert.Equal(await reader.HandleAsync(), receipt.Reader);
    }

    [Fact]
    public async Task Hub_RefusesAConnectionWithoutAToken()
    {
        var server = factory.Server;
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/messages"), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
            })
            .Build();

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    /// <summary>A hub connection of <paramref name="account"/> over the test server (long polling, the token in the Authorization header).</summary>
    private HubConnection Connect(SignedInClient account)
    {
        var token = account.Client.DefaultRequestHeaders.Authorization!.Parameter!;
        var server = factory.Server;
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/messages"), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
    }
}
