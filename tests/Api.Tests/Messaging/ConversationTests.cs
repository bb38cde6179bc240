using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Api.Tests.Civic.Feedback;
using SixLabors.ImageSharp;

namespace DongNai.Api.Tests.Messaging;

public sealed class ConversationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string TinyPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    [Fact]
    public async Task StartConversation_CarriesTheListingAndReachesItsOwner_WhenStartedFromAListing()
    {
        var owner = await factory.SignUpAsync();
        var buyer = await factory.SignUpAsync();
        var created = await owner.Client.PostAsJsonAsync("/api/rentals", ListingPayloads.Rental(), ApiFactory.Json);
        created.EnsureSuccessStatusCode();
        var rental = await created.Content.ReadFromJsonAsync<JsonElement>(ApiFactory.Json);
        var rentalId = rental.GetProperty("id").GetInt64();

        var response = await buyer.Client.PostAsJsonAsync("/api/conversations", new { listing = new { kind = "rentals", id = rentalId } }, ApiFactory.Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var conversation = await response.Content.ReadFromJsonAsync<JsonElement>(ApiFactory.Json);
        Assert.Equal("rentals", conversation.GetProperty("listing").GetProperty("kind").GetString());
        Assert.Equal(rentalId, conversation.GetProperty("listing").GetProperty("id").GetInt64());
        Assert.Equal(rental.GetProperty("title").GetString(), conversation.GetProperty("listing").GetProperty("title").GetString());
        Assert.Equal(rental.GetProperty("owner").GetString(), conversation.GetProperty("with").GetProperty("handle").GetString());
        var ownersList = await owner.GetJsonAsync("/api/conversations");
        var seen = Assert.Single(ownersList.GetProperty("items").EnumerateArray());
        Assert.Equal(conversation.GetProperty("id").GetInt64(), seen.GetProperty("id").GetInt64());
        Assert.Equal(await buyer.HandleAsync(), seen.GetProperty("with").GetProperty("handle").GetString());
        Assert.Equal("listing", seen.GetProperty("lastMessage").GetProperty("kind").GetString());
        Assert.Equal(rentalId, seen.GetProperty("lastMessage").GetProperty("listing").GetProperty("id").GetInt64());
        Assert.Equal(1, seen.GetProperty("unread").GetInt32());
    }

    [Fact]
    public async Task StartConversation_ReusesTheConversation_WhenThePairHasOne()
    {
        var first = await factory.SignUpAsync();
        var second = await factory.SignUpAsync();
        var username = await second.SetSettingsAsync();
        var opened = await first.StartWithAsync(username);

        var again = await first.StartWithAsync(username);

        Assert.Equal(opened.GetProperty("id").GetInt64(), again.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task FindPerson_ByPhone_FindsOnlyPeopleWhoAllowIt_AndNeverAnswersTheNumber()
    {
        var seeker = await factory.SignUpAsync();
        var hidden = await factory.SignUpAsync();
        var findable = await factory.SignUpAsync();
        await hidden.SetSettingsAsync(new { username = MessagingClient.NewUsername(), findableByPhone = false });
        await findable.SetSettingsAsync(new { username = MessagingClient.NewUsername(), findableByPhone = true });

        var notFound = await seeker.Client.PostAsJsonAsync("/api/people/lookup", new { phone = hidden.Phone }, ApiFactory.Json);
        var found = await seeker.Client.PostAsJsonAsync("/api/people/lookup", new { phone = findable.Phone }, ApiFactory.Json);
        var started = await seeker.Client.PostAsJsonAsync("/api/conversations", new { phone = hidden.Phone }, ApiFactory.Json);

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, started.StatusCode);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var text = await found.Content.ReadAsStringAsync();
        var person = JsonDocument.Parse(text).RootElement;
        Assert.Equal(await findable.HandleAsync(), person.GetProperty("handle").GetString());
        Assert.DoesNotContain(findable.Phone[1..], text, StringComparison.Ordinal);
        Assert.Equal(["displayName", "handle", "username"], person.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Block_StopsBothDirections_HidesTheBlockerFromTheBlocked_AndUnblockLetsThemWriteAgain()
    {
        var blocker = await factory.SignUpAsync();
        var blocked = await factory.SignUpAsync();
        var blockerName = await blocker.SetSettingsAsync();
        var blockedName = await blocked.SetSettingsAsync();
        var conversation = (await blocked.StartWithAsync(blockerName)).GetProperty("id").GetInt64();
        (await blocker.Client.PostAsync($"/api/conversations/{conversation}/block", null)).EnsureSuccessStatusCode();

        var fromBlocker = await blocker.SendAsync(conversation, "Chào anh");
        var fromBlocked = await blocked.SendAsync(conversation, "Chào chị");
        var restart = await blocked.Client.PostAsJsonAsync("/api/conversations", new { username = blockerName }, ApiFactory.Json);
        var lookup = await blocked.Client.PostAsJsonAsync("/api/people/lookup", new { username = blockerName }, ApiFactory.Json);
        var blockerRestart = await blocker.Client.PostAsJsonAsync("/api/conversations", new { username = blockedName }, ApiFactory.Json);
        (await blocker.Client.DeleteAsync($"/api/conversations/{conversation}/block")).EnsureSuccessStatusCode();
        var afterUnblock = await blocked.SendAsync(conversation, "Chào chị, em hỏi phòng");

        Assert.Equal(HttpStatusCode.Forbidden, fromBlocker.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fromBlocked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, restart.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, blockerRestart.StatusCode);
        Assert.Equal(HttpStatusCode.Created, afterUnblock.StatusCode);
    }

    [Fact]
    public async Task SendMessage_StoresARetriedClientMessageIdOnce()
    {
        var sender = await factory.SignUpAsync();
        var recipient = await factory.SignUpAsync();
        var conversation = await MessagingClient.ConversationAsync(sender, recipient);
        var clientMessageId = Guid.NewGuid().ToString();

        var first = await sender.SendAsync(conversation, "Xe máy còn không bạn?", clientMessageId);
        var retry = await sender.SendAsync(conversation, "Xe máy còn không bạn?", clientMessageId);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var stored = await first.Content.ReadFromJsonAsync<JsonElement>(ApiFactory.Json);
        Assert.Equal(stored.GetProperty("id").GetInt64(), (await retry.Content.ReadFromJsonAsync<JsonElement>(ApiFactory.Json)).GetProperty("id").GetInt64());
        var page = await recipient.GetJsonAsync($"/api/conversations/{conversation}/messages");
        Assert.Single(page.GetProperty("items").EnumerateArray(), m => m.GetProperty("clientMessageId").GetString() == clientMessageId);
    }

    [Fact]
    public async Task MarkRead_ClearsUnreadCounts_AndTheSenderSeesTheReadReceipt()
    {
        var sender = await factory.SignUpAsync();
        var reader = await factory.SignUpAsync();
        var conversation = await MessagingClient.ConversationAsync(sender, reader);
        await sender.SentAsync(conversation, "Anh ơi");
        var last = (await sender.SentAsync(conversation, "Việc còn tuyển không ạ?")).GetProperty("id").GetInt64();
        var before = await reader.GetJsonAsync("/api/me/unread");
        var listed = await reader.GetJsonAsync("/api/conversations");

        var read = await reader.Client.PostAsJsonAsync($"/api/conversations/{conversation}/read", new { lastReadMessageId = (long?)null }, ApiFactory.Json);

        Assert.Equal(2, before.GetProperty("messages").GetInt32());
        Assert.Equal(2, listed.GetProperty("unreadTotal").GetInt32());
        Assert.Equal(2, Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("unread").GetInt32());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var answer = await read.Content.ReadFromJsonAsync<JsonElement>(ApiFactory.Json);
        Assert.Equal(0, answer.GetProperty("unread").GetInt32());
        Assert.Equal(0, answer.GetProperty("unreadTotal").GetInt32());
        Assert.Equal(0, (await reader.GetJsonAsync("/api/me/unread")).GetProperty("messages").GetInt32());
        var sendersView = await sender.GetJsonAsync($"/api/conversations/{conversation}");
        Assert.Equal(last, sendersView.GetProperty("otherLastReadMessageId").GetInt64());
    }

    [Fact]
    public async Task ListMessages_WithTheNewerCursor_AnswersOnlyWhatWasSentSince()
    {
        var sender = await factory.SignUpAsync();
        var recipient = await factory.SignUpAsync();
        var conversation = await MessagingClient.ConversationAsync(sender, recipient);
        await sender.SentAsync(conversation, "Tin thứ nhất");
        var newer = (await recipient.GetJsonAsync($"/api/conversations/{conversation}/messages")).GetProperty("newerCursor").GetString();
        var missed = await sender.SentAsync(conversation, "Tin lúc mất kết nối");

        var caughtUp = await recipient.GetJsonAsync($"/api/conversations/{conversation}/messages?cursor={newer}");

        var only = Assert.Single(caughtUp.GetProperty("items").EnumerateArray());
        Assert.Equal(missed.GetProperty("id").GetInt64(), only.GetProperty("id").GetInt64());
        Assert.False(only.GetProperty("mine").GetBoolean());
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("AQEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task ListMessages_RefusesACursorItDidNotIssue(string cursor)
    {
        var sender = await factory.SignUpAsync();
        var recipient = await factory.SignUpAsync();
        var conversation = await MessagingClient.ConversationAsync(sender, recipient);

        var response = await sender.Client.GetAsync($"/api/conversations/{conversation}/messages?cursor={cursor}");

        await Problems.AssertFieldErrorAsync(response, "cursor");
    }

    [Fact]
    public async Task ListMessages_RefusesTheCursorOfAnotherConversation()
    {
        var sender = await factory.SignUpAsync();
        var first = await MessagingClient.ConversationAsync(sender, await factory.SignUpAsync());
        var second = await MessagingClient.ConversationAsync(sender, await factory.SignUpAsync());
        var cursor = (await sender.GetJsonAsync($"/api/conversations/{first}/messages")).GetProperty("newerCursor").GetString();

        var response = await sender.Client.GetAsync($"/api/conversations/{second}/messages?cursor={cursor}");

        await Problems.AssertFieldErrorAsync(response, "cursor");
    }

    [Fact]
    public async Task GetMessageImage_ServesThePictureToTheParticipantsOnly()
    {
        var sender = await factory.SignUpAsync();
        var recipient = await factory.SignUpAsync();
        var stranger = await factory.SignUpAsync();
        var conversation = await MessagingClient.ConversationAsync(sender, recipient);
        var sent = await sender.Client.PostAsJsonAsync($"/api/conversations/{conversation}/images", new { clientMessageId = "anh-1", data = TinyPng }, ApiFactory.Json);
        var url = (await sent.Content.ReadFromJsonAsync<JsonElement>(ApiFactory.Json)).GetProperty("image").GetProperty("url").GetString();

        var forRecipient = await recipient.Client.GetAsync(url);
        var forStranger = await stranger.Client.GetAsync(url);
        var notAPicture = await sender.Client.PostAsJsonAsync($"/api/conversations/{conversation}/images", new { clientMessageId = "anh-2", data = Convert.ToBase64String("xin chào"u8.ToArray()) }, ApiFactory.Json);

        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, forRecipient.StatusCode);
        Assert.Equal("image/jpeg", forRecipient.Content.Headers.ContentType?.MediaType);
        using (var served = Image.Load(await forRecipient.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal((1, 1), (served.Width, served.Height));
        }

        Assert.Equal(HttpStatusCode.NotFound, forStranger.StatusCode);
        await Problems.AssertFieldErrorAsync(notAPicture, "data");
    }

    [Fact]
    public async Task SendImage_StoresAndServesThePictureWithoutExif_WhenThePhotoCarriesAGpsPosition()
    {
        var sender = await factory.SignUpAsync();
        var recipient = await factory.SignUpAsync();
        var conversation = await MessagingClient.ConversationAsync(sender, recipient);
        var upload = FeedbackRequests.JpegWithGps();
        using (var original = Image.Load(upload))
        {
            Assert.NotNull(original.Metadata.ExifProfile?.Values.SingleOrDefault(v => v.Tag == SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.GPSLatitude));
        }

        var sent = await sender.Client.PostAsJsonAsync($"/api/conversations/{conversation}/images", new { clientMessageId = "anh-gps", data = upload }, ApiFactory.Json);
        var view = await sent.Content.ReadFromJsonAsync<JsonElement>(ApiFactory.Json);
        var served = await (await recipient.Client.GetAsync(view.GetProperty("image").GetProperty("url").GetString())).Content.ReadAsByteArrayAsync();
        var stored = Directory.GetFiles(Path.Combine(factory.DataPath, "messages", "images", conversation.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.Equal("image/jpeg", view.GetProperty("image").GetProperty("contentType").GetString());
        using var image = Image.Load(served);
        Assert.Equal((64, 48), (image.Width, image.Height));
        Assert.Null(image.Metadata.ExifProfile);
        Assert.Null(image.Metadata.XmpProfile);
        Assert.DoesNotContain(FeedbackRequests.CameraMake, System.Text.Encoding.ASCII.GetString(served), StringComparison.Ordinal);
        var file = Assert.Single(stored);
        Assert.Equal(served, await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task SharePhone_ShowsTheOwnersNumberToTheOtherParticipant_OnlyAfterTheyShareIt()
    {
        var sharer = await factory.SignUpAsync();
        var other = await factory.SignUpAsync();
        var conversation = await MessagingClient.ConversationAsync(other, sharer);
        await sharer.SentAsync(conversation, "Chào bạn");
        var beforeText = await other.Client.GetStringAsync($"/api/conversations/{conversation}/messages");

        var shared = await sharer.Client.PostAsJsonAsync($"/api/conversations/{conversation}/share-phone", new { clientMessageId = "sdt-1" }, ApiFactory.Json);

        Assert.Equal(HttpStatusCode.Created, shared.StatusCode);
        Assert.DoesNotContain(sharer.Phone[1..], beforeText, StringComparison.Ordinal);
        var page = await other.GetJsonAsync($"/api/conversations/{conversation}/messages");
        var message = page.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("kind").GetString() == "sharedPhone");
        Assert.Equal("+84" + sharer.Phone[1..], message.GetProperty("phone").GetString());
    }

    [Fact]
    public async Task GetConversation_AnswersNotFound_ToSomeoneOutsideIt()
    {
        var first = await factory.SignUpAsync();
        var second = await factory.SignUpAsync();
        var stranger = await factory.SignUpAsync();
        var conversation = await MessagingClient.ConversationAsync(first, second);

        var response = await stranger.Client.GetAsync($"/api/conversations/{conversation}/messages");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
