using System.Globalization;
using System.Net;

namespace DongNai.Api.Tests;

/// <summary>Search, suggest and related have a budget per client address (a low one configured here).</summary>
public sealed class SearchLimitTests
{
    [Theory]
    [InlineData("/api/search?q=phong+tro")]
    [InlineData("/api/search/jobs?q=cong+nhan")]
    [InlineData("/api/suggest?q=pho")]
    [InlineData("/api/rentals/1/related")]
    public async Task Search_Returns429WithRetryAfter_OnceTheAddressHasSpentItsBurst(string url)
    {
        using var limited = new ApiFactory();
        var host = limited.WithSettings(("RateLimits:SearchPerMinute", "1"), ("RateLimits:SearchBurst", "2"));
        var heavy = host.CreateClientFrom("203.0.113.20");
        var other = host.CreateClientFrom("203.0.113.21");

        var first = await heavy.GetAsync(url);
        var second = await heavy.GetAsync(url);
        var third = await heavy.GetAsync(url);
        var fromAnotherAddress = await other.GetAsync(url);

        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        Assert.InRange(int.Parse(third.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(first.StatusCode, fromAnotherAddress.StatusCode);
    }
}
