using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DongNai.Domain.Text;

namespace DongNai.Messaging;

/// <summary>
/// The spam signal: the same text (compared after Unicode normalisation, lower case and collapsed
/// white space) sent to more than <see cref="MessagingOptions.SpamRecipients"/> different people
/// within <see cref="MessagingOptions.SpamWindow"/> slows its sender down for
/// <see cref="MessagingOptions.SlowDownFor"/>: one message per <see cref="MessagingOptions.SlowDownInterval"/>,
/// whatever the text. The message that fires the signal is refused.
/// </summary>
/// <remarks>
/// Kept in memory, per instance: a restart forgets it, and several instances each count their
/// own share (a shared store such as Redis would be needed to count across them). Only hashes of
/// texts are kept, never the texts. Thread-safe.
/// </remarks>
public sealed class SpamGuard(MessagingOptions options, TimeProvider time)
{
    private const int SweepAbove = 10_000;
    private const int MaxEntriesPerSender = 500;
    private readonly Dictionary<long, SenderState> _senders = [];
    private readonly Lock _gate = new();

    /// <summary>Admits (and remembers) a text from <paramref name="sender"/> to <paramref name="recipient"/>, or says how long the sender must wait.</summary>
    public bool TryAdmit(long sender, long recipient, string text, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        var hash = Fingerprint(text);
        lock (_gate)
        {
            if (_senders.Count > SweepAbove)
            {
                Sweep(now);
            }

            if (!_senders.TryGetValue(sender, out var state))
            {
                state = new SenderState();
                _senders[sender] = state;
            }

            state.Sent.RemoveAll(entry => entry.At <= now - options.SpamWindow);
            if (state.SlowedUntil > now && state.LastAdmitted + options.SlowDownInterval > now)
            {
                retryAfter = state.LastAdmitted + options.SlowDownInterval - now;
                return false;
            }

            var recipients = state.Sent.Where(entry => entry.Hash == hash).Select(entry => entry.Recipient).Append(recipient).Distinct().Count();
            if (recipients > options.SpamRecipients)
            {
                state.SlowedUntil = now + options.SlowDownFor;
                state.LastAdmitted = now;
                retryAfter = options.SlowDownInterval;
                return false;
            }

            if (state.Sent.Count >= MaxEntriesPerSender)
            {
                state.Sent.RemoveAt(0);
            }

            state.Sent.Add(new SentText(hash, recipient, now));
            state.LastAdmitted = now;
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (sender, state) in _senders.ToList())
        {
            if (state.SlowedUntil <= now && state.Sent.All(entry => entry.At <= now - options.SpamWindow))
            {
                _senders.Remove(sender);
            }
        }
    }

    private static ulong Fingerprint(string text)
    {
        var canonical = string.Join(' ', VietnameseText.Compose(text).ToLower(CultureInfo.InvariantCulture)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(canonical), digest);
        return BitConverter.ToUInt64(digest);
    }

    private sealed class SenderState
    {
        public List<SentText> Sent { get; } = [];

        public DateTimeOffset SlowedUntil { get; set; }

        public DateTimeOffset LastAdmitted { get; set; }
    }

    private readonly record struct SentText(ulong Hash, long Recipient, DateTimeOffset At);
}
