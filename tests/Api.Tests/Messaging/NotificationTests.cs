using System.Globalization;
using System.Net;
using System.Net.Http.Json;

namespace DongNai.Api.Tests.Messaging;

/// <summary>
/// New messages notify their recipient: the inbox always, a push (the default provider logs
/// "Push NewMessage to account {handle}") unless the recipient chose the inbox only or it is
/// their quiet hours. The clock stays at <see cref="ApiFactory.Start"/> in this class.
/// </summary>
public sealed class NotificationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task NewMessage_IsInTheInboxAndPushed_ByDefault()
    {
        var sender = await factory.SignUpAsync();
        var recipient = await factory.SignUpAsync();
        var conversation = await MessagingClient.ConversationAsync(sender, recipient);

        await sender.SentAsync(conversation, "Chị ơi phòng còn không?");

        var inbox = await recipient.GetJsonAsync("/api/me/notifications");
        var item = Assert.Single(inbox.GetProperty("items").EnumerateArray());
        Assert.Equal("newMessage", item.GetProperty("type").GetString());
        Assert.Equal($"/conversations/{conversation}", item.GetProperty("link").GetString());
        Assert.Equal(1, inbox.GetProperty("unread").GetInt32());
        Assert.Single(PushLines(await recipient.HandleAsync()));
    }

    [Fact]
    public async Task NewMessages_OfOneConversation_AreOneInboxItemAndOnePush_UntilRead()
    {
        var sender = await factory.SignUpAsync();
        var recipient = await factory.SignUpAsync();
        var conversation = await MessagingClient.ConversationAsync(sender, recipient);

        await sender.SentAsync(conversation, "Tin một");
        await sender.SentAsync(conversation, "Tin hai");
        await sender.SentAsync(conversation, "Tin ba");

        Assert.Single((await recipient.GetJsonAsync("/api/me/notifications")).GetProperty("items").EnumerateArray());
        Assert.Single(PushLines(await recipient.HandleAsync()));
    }

    [Fact]
    public async Task NewMessage_IsNotPushed_WhenTheRecipientChoseTheInboxOnly()
    {
        var sender = await factory.SignUpAsync();
        var recipient = await factory.SignUpAsync();
        var username = MessagingClient.NewUsername();
        await recipient.SetSettingsAsync(new { username, preferences = new[] { new { type = "newMessage", delivery = "inboxOnly" } } });
        var conversation = (await sender.StartWithAsync(username)).GetProperty("id").GetInt64();

        await sender.SentAsync(conversation, "Anh có nhận ca đêm không?");

        Assert.Single((await recipient.GetJsonAsync("/api/me/notifications")).GetProperty("items").EnumerateArray());
        Assert.Empty(PushLines(await recipient.HandleAsync()));
        var settings = await recipient.GetJsonAsync("/api/me/messaging");
        Assert.Equal("inboxOnly", settings.GetProperty("preferences").EnumerateArray().Single(p => p.GetProperty("type").GetString() == "newMessage").GetProperty("delivery").GetString());
    }

    [Fact]
    public async Task NewMessage_IsNotPushed_DuringTheRecipientsQuietHours_ButIsInTheInbox()
    {
        var sender = await factory.SignUpAsync();
        var quiet = await factory.SignUpAsync();
        var awake = await factory.SignUpAsync();
        var local = factory.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7));
        var around = new { start = local.AddHours(-1).ToString("HH:mm", CultureInfo.InvariantCulture), end = local.AddHours(1).ToString("HH:mm", CultureInfo.InvariantCulture) };
        var later = new { start = local.AddHours(2).ToString("HH:mm", CultureInfo.InvariantCulture), end = local.AddHours(4).ToString("HH:mm", CultureInfo.InvariantCulture) };
        var quietName = MessagingClient.NewUsername();
        var awakeName = MessagingClient.NewUsername();
        await quiet.SetSettingsAsync(new { username = quietName, quietHoursStart = around.start, quietHoursEnd = around.end });
        await awake.SetSettingsAsync(new { username = awakeName, quietHoursStart = later.start, quietHoursEnd = later.end });

        await sender.SentAsync((await sender.StartWithAsync(quietName)).GetProperty("id").GetInt64(), "Mai đi làm sớm nhé");
        await sender.SentAsync((await sender.StartWithAsync(awakeName)).GetProperty("id").GetInt64(), "Mai đi làm sớm nhé");

        Assert.Single((await quiet.GetJsonAsync("/api/me/notifications")).GetProperty("items").EnumerateArray());
        Assert.Empty(PushLines(await quiet.HandleAsync()));
        Assert.Single(PushLines(await awake.HandleAsync()));
    }

    [Fact]
    public async Task UpdateMessagingSettings_RefusesHalfQuietHours_AndATakenUsername()
    {
        var first = await factory.SignUpAsync();
        var second = await factory.SignUpAsync();
        var taken = await first.SetSettingsAsync();

        var half = await second.Client.PutAsJsonAsync("/api/me/messaging", new { quietHoursStart = "22:00" }, ApiFactory.Json);
        var clash = await second.Client.PutAsJsonAsync("/api/me/messaging", new { username = taken.ToUpperInvariant() }, ApiFactory.Json);

        await Problems.AssertFieldErrorAsync(half, "quietHoursEnd");
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
    }

    [Fact]
    public async Task MarkConversationRead_MarksItsNewMessageNotificationRead()
    {
        var sender = await factory.SignUpAsync();
        var recipient = await factory.SignUpAsync();
        var conversation = await MessagingClient.ConversationAsync(sender, recipient);
        await sender.SentAsync(conversation, "Em gửi CV rồi ạ");

        (await recipient.Client.PostAsJsonAsync($"/api/conversations/{conversation}/read", new { lastReadMessageId = (long?)null }, ApiFactory.Json)).EnsureSuccessStatusCode();

        var inbox = await recipient.GetJsonAsync("/api/me/notifications");
        Assert.Equal(0, inbox.GetProperty("unread").GetInt32());
        Assert.True(Assert.Single(inbox.GetProperty("items").EnumerateArray()).GetProperty("read").GetBoolean());
    }

    private List<string> PushLines(string handle) =>
        factory.LogLines.Select(line => line.Text).Where(text => text.Contains($"Push NewMessage to account {handle}", StringComparison.Ordinal)).ToList();
}
