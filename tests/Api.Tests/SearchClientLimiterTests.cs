using System.Threading.RateLimiting;
using DongNai.Search.Api.Hosting;

namespace DongNai.Api.Tests;

/// <summary>One client address's search limiter on its own, where searches under way are leases held by the test.</summary>
public sealed class SearchClientLimiterTests
{
    [Fact]
    public async Task AcquireAsync_QueuesPastTheConcurrency_AndRefusesPastTheQueue_WithARetryAfter()
    {
        using var limiter = new SearchClientLimiter(new RateLimitOptions { SearchPerMinute = 600, SearchBurst = 100, SearchConcurrentPerClient = 2, SearchQueuePerClient = 1 });

        using var first = await limiter.AcquireAsync();
        using var second = await limiter.AcquireAsync();
        var queued = limiter.AcquireAsync();
        using var refused = await limiter.AcquireAsync();
        var queuedBeforeARelease = queued.IsCompleted;
        first.Dispose();
        using var admitted = await queued;

        Assert.True(second.IsAcquired);
        Assert.False(queuedBeforeARelease);
        Assert.False(refused.IsAcquired);
        Assert.True(admitted.IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_RefusesPastTheBurst_WithoutQueueing_AndSaysWhenToRetry()
    {
        using var limiter = new SearchClientLimiter(new RateLimitOptions { SearchPerMinute = 2, SearchBurst = 3, SearchConcurrentPerClient = 10, SearchQueuePerClient = 10 });

        var leases = new List<RateLimitLease>();
        for (var i = 0; i < 4; i++)
        {
            leases.Add(await limiter.AcquireAsync());
        }

        Assert.Equal([true, true, true, false], leases.Select(l => l.IsAcquired));
        Assert.True(leases[3].TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        leases.ForEach(l => l.Dispose());
    }
}
