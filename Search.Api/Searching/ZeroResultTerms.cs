using System.Text.RegularExpressions;
using DongNai.Domain.Text;

namespace DongNai.Search.Api.Searching;

/// <summary>A search text that found nothing, as the admin sees it: how often and by how many people.</summary>
public sealed record ZeroResultTerm(string Text, long Searches, int People, DateTimeOffset LastSearched);

/// <summary>
/// The terms people could not find (searches whose total was 0), kept in memory per instance for 48
/// hours, so the team learns which words and places the catalogue or the synonyms miss. Query text
/// may hold personal data, so a term is kept only when it does not look like any (no run of 6 or more
/// digits, as in a phone or CCCD number, no e-mail address), and shown only once at least
/// <see cref="MinimumPeople"/> different people searched it (a term only one person typed, such as a
/// name, never shows). People are told apart by account, else by IP address, through a salted hash
/// that never leaves memory. Bounded to <see cref="Capacity"/> terms (the least recent are dropped).
/// Thread-safe singleton.
/// </summary>
public sealed partial class ZeroResultTerms(TimeProvider time)
{
    /// <summary>Different people who must have searched a term before an admin sees it.</summary>
    public const int MinimumPeople = 3;

    public const int Capacity = 5_000;

    private const int MaximumLength = 80;

    private static readonly TimeSpan Kept = TimeSpan.FromHours(48);

    private readonly Dictionary<string, Entry> _terms = new(StringComparer.Ordinal);
    private readonly int _salt = Random.Shared.Next();
    private readonly Lock _lock = new();

    /// <summary>Notes a search that found nothing; text that may be personal, or too long to be a term, is not kept.</summary>
    public void Record(string? text, string person)
    {
        var shown = VietnameseText.Compose(text).Trim().ToLowerInvariant();
        if (shown.Length is 0 or > MaximumLength || LooksPersonal().IsMatch(shown))
        {
            return;
        }

        shown = Spaces().Replace(shown, " ");
        var key = VietnameseText.FoldKey(shown);
        if (key.Length == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var who = HashCode.Combine(_salt, person);
        lock (_lock)
        {
            if (!_terms.TryGetValue(key, out var entry))
            {
                if (_terms.Count >= Capacity)
                {
                    Prune(now);
                }

                entry = new Entry(shown);
                _terms[key] = entry;
            }

            entry.Searches++;
            entry.LastSearched = now;
            if (entry.People.Count < MinimumPeople)
            {
                entry.People.Add(who);
            }
        }
    }

    /// <summary>The terms at least <see cref="MinimumPeople"/> people searched in the last 48 hours, the most searched first.</summary>
    public IReadOnlyList<ZeroResultTerm> Top(int count)
    {
        var since = time.GetUtcNow() - Kept;
        lock (_lock)
        {
            return [.. _terms.Values
                .Where(e => e.LastSearched >= since && e.People.Count >= MinimumPeople)
                .OrderByDescending(e => e.Searches).ThenByDescending(e => e.LastSearched)
                .Take(count)
                .Select(e => new ZeroResultTerm(e.Text, e.Searches, e.People.Count, e.LastSearched))];
        }
    }

    /// <summary>Drops terms older than 48 hours, then, if still full, the least recently searched tenth.</summary>
    private void Prune(DateTimeOffset now)
    {
        foreach (var stale in _terms.Where(t => t.Value.LastSearched < now - Kept).Select(t => t.Key).ToList())
        {
            _terms.Remove(stale);
        }

        if (_terms.Count >= Capacity)
        {
            foreach (var old in _terms.OrderBy(t => t.Value.LastSearched).Take(Capacity / 10).Select(t => t.Key).ToList())
            {
                _terms.Remove(old);
            }
        }
    }

    // A phone or ID number (six digits or more, spaces, dots or dashes between them allowed) or an e-mail address.
    [GeneratedRegex(@"\d(?:[\s.\-]?\d){5,}|@")]
    private static partial Regex LooksPersonal();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private sealed class Entry(string text)
    {
        public string Text { get; } = text;

        public long Searches { get; set; }

        public DateTimeOffset LastSearched { get; set; }

        /// <summary>Salted hashes of who searched, up to <see cref="MinimumPeople"/>: enough to know the term is shared.</summary>
        public HashSet<int> People { get; } = [];
    }
}
