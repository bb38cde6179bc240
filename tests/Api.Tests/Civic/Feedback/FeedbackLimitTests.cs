using System.Net;
using System.Net.Http.Json;
using DongNai.Civic.Feedback;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static DongNai.Api.Tests.Civic.Feedback.FeedbackRequests;

namespace DongNai.Api.Tests.Civic.Feedback;

/// <summary>The service with the per-person posting limit at two reports a day (the other test hosts raise it out of the way).</summary>
public sealed class TwoReportsADayApi : IDisposable
{
    public ApiFactory Factory { get; } = new()
    {
        TestServices = services =>
        {
            services.RemoveAll<FeedbackOptions>();
            services.AddSingleton(new FeedbackOptions { ReportsPerDay = 2 });
        },
    };

    public void Dispose() => Factory.Dispose();
}

public sealed class FeedbackLimitTests(TwoReportsADayApi api) : IClassFixture<TwoReportsADayApi>
{
    [Fact]
    public async Task Create_Answers429WithRetryAfter_PastThePersonsDailyLimit_WhileOthersMayStillPost()
    {
        var author = await api.Factory.SignUpAsync();
        var other = await api.Factory.SignUpAsync();
        await PostAsync(author.Client);
        await PostAsync(author.Client);

        var third = await author.Client.PostAsJsonAsync("/api/feedback/reports", Report());
        var others = await other.Client.PostAsJsonAsync("/api/feedback/reports", Report());

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.Created, others.StatusCode);
        Assert.Equal(2, await api.Factory.WithDbAsync(db => Task.FromResult(db.FeedbackReports.Count(r => r.OwnerId == author.AccountId))));
    }
}
