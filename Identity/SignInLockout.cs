using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;

namespace DongNai.Identity;

/// <summary>
/// How many wrong passwords one phone number may receive before sign-in to it is refused, and for
/// how long (section <c>SignInLockout</c>).
/// </summary>
public sealed class SignInLockoutOptions
{
    public const string Section = "SignInLockout";

    /// <summary>Failed sign-ins within <see cref="Window"/> that lock the phone out.</summary>
    [Range(1, 1000)]
    public int MaxFailures { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The first lockout; each further one, without a successful sign-in between, lasts twice the one before.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FirstLockout { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxLockout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a phone's lockout history is remembered after its last failure; the back-off starts over after it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan Memory { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The most phones tracked at once; past it, the oldest that are not locked out are forgotten.</summary>
    [Range(100, 10_000_000)]
    public int MaxTrackedPhones { get; set; } = 100_000;
}

/// <summary>
/// Counts failed sign-ins per targeted phone number (by its keyed lookup hash, whether or not an
/// account has that phone, so a lockout never tells which phones exist) and refuses sign-in to a
/// phone that received <see cref="SignInLockoutOptions.MaxFailures"/> within the window, for a
/// period that doubles with each further lockout up to <see cref="SignInLockoutOptions.MaxLockout"/>.
/// Thread-safe; one instance per process. Time comes from the <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// The state lives in memory: it is lost on restart and not shared between instances, so in the
/// scale-out setup each instance counts on its own (an attacker spread over N instances gets N
/// times the guesses). That is the embedded single-node default's trade-off for needing no schema
/// change; the per-client rate limit still bounds every instance.
/// An attempt is counted as a failure when it is admitted and forgotten when its password is
/// right, so that many guesses sent at once cannot all pass before the first one fails.
/// </remarks>
public sealed class SignInLockout(SignInLockoutOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, PhoneRecord> _phones = new(StringComparer.Ordinal);

    /// <summary>The phones currently tracked (for tests and diagnostics).</summary>
    public int TrackedPhones => _phones.Count;

    /// <summary>
    /// Admits one sign-in attempt against <paramref name="phoneLookupHash"/> and counts it as a
    /// failure until <see cref="Succeeded"/> is called; or, when the phone is locked out, returns
    /// how long until it may be tried again (the attempt is then not counted).
    /// </summary>
    public TimeSpan? TryAdmit(byte[] phoneLookupHash)
    {
        var now = time.GetUtcNow();
        var key = Convert.ToBase64String(phoneLookupHash);
        var record = _phones.GetOrAdd(key, _ => new PhoneRecord());
        TimeSpan? retryAfter;
        lock (record)
        {
            retryAfter = record.TryAdmit(now, options);
        }

        if (_phones.Count > options.MaxTrackedPhones)
        {
            Prune(now);
        }

        return retryAfter;
    }

    /// <summary>The password was right: the phone's failures and back-off are forgotten.</summary>
    public void Succeeded(byte[] phoneLookupHash) => _phones.TryRemove(Convert.ToBase64String(phoneLookupHash), out _);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, record) in _phones)
        {
            lock (record)
            {
                if (now - record.LastFailure > options.Memory && now >= record.LockedUntil)
                {
                    _phones.TryRemove(key, out _);
                }
            }
        }

        var excess = _phones.Count - (options.MaxTrackedPhones * 9 / 10);
        if (excess <= 0)
        {
            return;
        }

        // Still full (many phones targeted at once): forget the quietest ones that are not locked out.
        var quietest = _phones
            .Select(pair => (pair.Key, pair.Value.LastFailure, Locked: pair.Value.LockedUntil > now))
            .Where(entry => !entry.Locked)
            .OrderBy(entry => entry.LastFailure)
            .Take(excess)
            .Select(entry => entry.Key)
            .ToList();
        foreach (var key in quietest)
        {
            _phones.TryRemove(key, out _);
        }
    }

    /// <summary>One phone's recent failures and lockouts. Guarded by locking the instance.</summary>
    private sealed class PhoneRecord
    {
        private readonly Queue<DateTimeOffset> _failures = new();
        private int _lockouts;

        public DateTimeOffset LastFailure { get; private set; } = DateTimeOffset.MinValue;

        public DateTimeOffset LockedUntil { get; private set; } = DateTimeOffset.MinValue;

        public TimeSpan? TryAdmit(DateTimeOffset now, SignInLockoutOptions options)
        {
            if (now < LockedUntil)
            {
                return LockedUntil - now;
            }

            if (now - LastFailure > options.Memory)
            {
                _lockouts = 0;
            }

            while (_failures.Count > 0 && now - _failures.Peek() >= options.Window)
            {
                _failures.Dequeue();
            }

            _failures.Enqueue(now);
            LastFailure = now;
            if (_failures.Count >= options.MaxFailures)
            {
                // This attempt is still admitted; the ones after it wait.
                var factor = Math.Pow(2, Math.Min(_lockouts, 30));
                var lockout = TimeSpan.FromTicks((long)Math.Min(options.FirstLockout.Ticks * factor, options.MaxLockout.Ticks));
                LockedUntil = now + lockout;
                _lockouts++;
                _failures.Clear();
            }

            return null;
        }
    }
}
