namespace DongNai.Indexers;

/// <summary>
/// The pause before the next try of a background loop that failed: doubles from
/// <see cref="Initial"/> after each failure in a row, up to <see cref="Max"/>, and starts over after
/// a success. Not thread-safe: one per loop.
/// </summary>
/// <remarks>
/// Callers wait with <c>Task.Delay</c>, on the wall clock rather than the service's
/// <see cref="TimeProvider"/>: the pause paces retries; it is not business time.
/// </remarks>
public sealed class RetryBackoff(TimeSpan initial, TimeSpan max)
{
    private int _failures;

    /// <summary>One second, doubling to at most one minute: quick for a blip, quiet for an outage.</summary>
    public static RetryBackoff Default() => new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

    public TimeSpan Initial { get; } = initial;

    public TimeSpan Max { get; } = max;

    /// <summary>Failures since the last success.</summary>
    public int Failures => _failures;

    /// <summary>Records a failure and returns how long to wait before trying again.</summary>
    public TimeSpan NextDelay()
    {
        _failures++;
        var factor = Math.Pow(2, Math.Min(_failures - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(Initial.Ticks * factor, Max.Ticks));
        return delay;
    }

    /// <summary>Records a success: the next failure waits <see cref="Initial"/> again.</summary>
    public void Reset() => _failures = 0;
}
