using System.Net;

namespace DongNai.Api.Tests.Messaging;

/// <summary>The per-account message rate limit and the spam signal, each on a host of its own (and data folder) with small limits.</summary>
public sealed class AbuseLimitTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task SendMessage_SlowsTheSenderDown_WhenTheSameTextGoesToManyPeople()
    {
        await using var host = factory.WithWebHostBuilder(builder => builder
            .UseSetting("Storage:DataPath", Path.Combine(factory.DataPath, "spam"))
            .UseSetting("Messaging:SpamRecipients", "2"));
        var spammer = await ApiFactory.SignUpAsync(host);
        var conversations = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            conversations.Add(await MessagingClient.ConversationAsync(spammer, await ApiFactory.SignUpAsync(host)));
        }

        var first = await spammer.SendAsync(conversations[0], "Vay tiền nhanh, lãi thấp, gọi ngay!");
        var second = await spammer.SendAsync(conversations[1], "VAY TIỀN NHANH,   lãi thấp, gọi ngay!");
        var third = await spammer.SendAsync(conversations[2], "Vay tiền nhanh, lãi thấp, gọi ngay!");
        var otherText = await spammer.SendAsync(conversations[0], "Xin lỗi, nhắn nhầm.");
        factory.Clock.Advance(TimeSpan.FromSeconds(31));
        var afterTheInterval = await spammer.SendAsync(conversations[0], "Xin lỗi, nhắn nhầm.");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.TooManyRequests, otherText.StatusCode);
        Assert.Equal(HttpStatusCode.Created, afterTheInterval.StatusCode);
    }

    [Fact]
    public async Task SendMessage_AnswersTooManyRequests_PastTheAccountsRateLimit()
    {
        await using var host = factory.WithWebHostBuilder(builder => builder
            .UseSetting("Storage:DataPath", Path.Combine(factory.DataPath, "rate"))
            .UseSetting("RateLimits:MessagesPerMinute", "2"));
        var sender = await ApiFactory.SignUpAsync(host);
        var conversation = await MessagingClient.ConversationAsync(sender, await ApiFactory.SignUpAsync(host));

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await sender.SendAsync(conversation, $"Tin số {i}"));
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        Assert.NotNull(answers[2].Headers.RetryAfter);
    }
}
