using System.Threading.RateLimiting;

namespace DongNai.Search.Api.Hosting;

/// <summary>
/// One client address's search budget: a token bucket (a sustained rate with a burst) chained with
/// a concurrency limit whose small queue absorbs a burst of parallel requests. The bucket is asked
/// first, so a request it refuses never waits in the queue. Thread-safe, as the limiters it wraps.
/// </summary>
/// <remarks>
/// <see cref="RateLimiter.CreateChained"/> alone would do, but disposing a chain leaves the limiters
/// in it undisposed, and the partitioned limiter disposes a client's limiter once it is idle. Here
/// disposing disposes both, and the bucket is refilled by the partitioned limiter's own timer
/// (through <see cref="TryReplenish"/>) instead of a timer per client address.
/// </remarks>
public sealed class SearchClientLimiter : ReplenishingRateLimiter
{
    private readonly TokenBucketRateLimiter _rate;
    private readonly ConcurrencyLimiter _concurrency;
    private readonly RateLimiter _chain;

    public SearchClientLimiter(RateLimitOptions limits)
    {
        // One token per period, the period set by the rate: 600 a minute is one every 100 ms.
        _rate = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.SearchBurst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / limits.SearchPerMinute,
            QueueLimit = 0,
            AutoReplenishment = false,
        });
        _concurrency = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = limits.SearchConcurrentPerClient,
            QueueLimit = limits.SearchQueuePerClient,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _chain = CreateChained(_rate, _concurrency);
    }

    public override bool IsAutoReplenishing => false;

    public override TimeSpan ReplenishmentPeriod => _rate.ReplenishmentPeriod;

    public override TimeSpan? IdleDuration => _chain.IdleDuration;

    public override bool TryReplenish() => _rate.TryReplenish();

    public override RateLimiterStatistics? GetStatistics() => _chain.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => _chain.AttemptAcquire(permitCount);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        _chain.AcquireAsync(permitCount, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _chain.Dispose();
            _concurrency.Dispose();
            _rate.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _chain.DisposeAsync();
        await _concurrency.DisposeAsync();
        await _rate.DisposeAsync();
        await base.DisposeAsyncCore();
    }
}
