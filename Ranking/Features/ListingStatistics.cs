using DongNai.Search;

namespace DongNai.Ranking.Features;

/// <summary>
/// Per-listing facts that the index does not carry, computed in bulk and swapped in whole: which
/// listings have an owner with a verified identity, and each listing's position-weighted
/// impressions (its examinations) for a click-through rate that does not reward listings for
/// having been shown first. Immutable; thread-safe.
/// </summary>
public sealed class ListingStatistics
{
    private readonly HashSet<ListingKey> _verified;
    private readonly Dictionary<ListingKey, float> _examinations;

    public ListingStatistics(IEnumerable<ListingKey> verifiedOwnerListings, IReadOnlyDictionary<ListingKey, float> examinations)
    {
        ArgumentNullException.ThrowIfNull(verifiedOwnerListings);
        ArgumentNullException.ThrowIfNull(examinations);
        _verified = [.. verifiedOwnerListings];
        _examinations = new Dictionary<ListingKey, float>(examinations);
    }

    /// <summary>No facts: no listing verified, click-through from raw impression counts.</summary>
    public static ListingStatistics Empty { get; } = new([], new Dictionary<ListingKey, float>());

    public int VerifiedCount => _verified.Count;

    /// <summary>How many listings have examinations.</summary>
    public int ExaminedCount => _examinations.Count;

    /// <summary>
    /// Statistics from impression events: each impression adds <see cref="PositionBias.Examination"/>
    /// of its position (1 when the position is unknown) to its listing's examinations.
    /// </summary>
    public static ListingStatistics FromEvents(IEnumerable<Domain.People.InteractionEvent> events, IEnumerable<ListingKey> verifiedOwnerListings)
    {
        ArgumentNullException.ThrowIfNull(events);
        var examinations = new Dictionary<ListingKey, float>();
        foreach (var interaction in events)
        {
            if (interaction.Type == Domain.People.InteractionType.Impression)
            {
                var key = new ListingKey(interaction.ListingKind, interaction.ListingId);
                examinations[key] = examinations.GetValueOrDefault(key) + (float)PositionBias.Examination(interaction.Position ?? -1);
            }
        }

        return new ListingStatistics(verifiedOwnerListings, examinations);
    }

    public bool IsOwnerVerified(ListingKey listing) => _verified.Contains(listing);

    /// <summary>The listing's examinations (impressions weighted by their position's examination chance), or null when unknown.</summary>
    public float? Examinations(ListingKey listing) => _examinations.TryGetValue(listing, out var value) ? value : null;
}

/// <summary>Holds the current <see cref="ListingStatistics"/>; a refresh swaps the reference atomically. Thread-safe.</summary>
public sealed class ListingStatisticsHolder
{
    private ListingStatistics _current = ListingStatistics.Empty;

    public ListingStatistics Current => Volatile.Read(ref _current);

    public void Swap(ListingStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        Volatile.Write(ref _current, statistics);
    }
}
