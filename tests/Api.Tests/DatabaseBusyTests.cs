using System.Net;
using System.Net.Http.Json;

namespace DongNai.Api.Tests;

/// <summary>
/// A write lock held by another connection (a stuck writer, a backup tool) makes writes answer 503
/// with Retry-After after a short busy timeout, not a long hang and a 500, and readiness reports it;
/// once the lock is released, writes succeed again.
/// </summary>
public sealed class DatabaseBusyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Writes_Answer503WithRetryAfter_AndReadinessFails_WhileAnotherConnectionHoldsTheWriteLock()
    {
        var owner = await factory.SignUpAsync();
        var probe = factory.CreateClient();
        var readyBefore = await probe.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, readyBefore.StatusCode);

        HttpResponseMessage blocked;
        HttpResponseMessage readyWhileLocked;
        await using (await factory.HoldWriteLockAsync())
        {
            blocked = await owner.Client.PostAsJsonAsync("/api/rentals", ListingPayloads.Rental());
            readyWhileLocked = await probe.GetAsync(new Uri("/health/ready", UriKind.Relative));
        }

        var afterRelease = await owner.Client.PostAsJsonAsync("/api/rentals", ListingPayloads.Rental());
        var readyAfter = await probe.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, blocked.StatusCode);
        Assert.Equal("application/problem+json", blocked.Content.Headers.ContentType?.MediaType);
        Assert.True(blocked.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {blocked.Headers.RetryAfter}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyWhileLocked.StatusCode);
        Assert.Equal(HttpStatusCode.Created, afterRelease.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyAfter.StatusCode);
    }

    [Fact]
    public async Task Document_Describes503WithRetryAfter_OnWriteOperations()
    {
        var document = await Problems.ReadAsync(await factory.CreateClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var paths = document.GetProperty("paths");

        foreach (var (path, method) in new[] { ("/api/rentals", "post"), ("/api/rentals/{id}", "put"), ("/api/rentals/{id}", "delete"), ("/api/accounts/register", "post") })
        {
            var busy = paths.GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty("503");
            Assert.True(busy.GetProperty("headers").TryGetProperty("Retry-After", out _), $"{method} {path}");
            Assert.True(busy.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{method} {path}");
        }

        Assert.False(paths.GetProperty("/api/rentals/{id}").GetProperty("get").GetProperty("responses").TryGetProperty("503", out _));
    }
}
