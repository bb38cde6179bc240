using DongNai.Domain.Listings;

namespace DongNai.Ranking.Feed;

/// <summary>One listing the feed may show, with what the blender needs to place it.</summary>
/// <param name="Kind">The listing's kind.</param>
/// <param name="Id">The listing's id.</param>
/// <param name="OwnerId">The account that owns it: the per-owner cap counts these.</param>
/// <param name="Score">The feed score (ranker rank, freshness, interest near the park); higher first.</param>
/// <param name="Explorable">New with few impressions: may take an exploration slot.</param>
/// <param name="ExplorationKey">The order among explorable listings in exploration slots (a hash of the user, the day and the listing), smallest first.</param>
public sealed record FeedCandidate(ListingKind Kind, long Id, long OwnerId, double Score, bool Explorable, ulong ExplorationKey);

/// <summary>Where a feed stands between pages: how many items were shown, and the run of one kind at the end.</summary>
/// <param name="Position">Items shown on earlier pages (the next item's 0-based position in the feed).</param>
/// <param name="LastKind">The kind of the last item shown; null before the first.</param>
/// <param name="RunLength">How many items of <paramref name="LastKind"/> ended the last page in a row.</param>
public readonly record struct BlendState(int Position, ListingKind? LastKind, int RunLength)
{
    public static BlendState Start { get; } = new(0, null, 0);
}

/// <summary>A placed item: the candidate and whether it came through an exploration slot.</summary>
public readonly record struct BlendedItem(FeedCandidate Candidate, bool Exploration);

/// <summary>The rules of <see cref="FeedBlender"/>. Immutable.</summary>
/// <param name="MaxRunOfKind">At most this many items of one kind in a row (across page boundaries).</param>
/// <param name="MaxPerOwnerPerPage">At most this many items of one owner on one page.</param>
/// <param name="ExplorationEvery">Every this many positions of the feed, one is an exploration slot (0: none).</param>
public sealed record FeedBlendRules(int MaxRunOfKind = 2, int MaxPerOwnerPerPage = 2, int ExplorationEvery = 10);

/// <summary>
/// Turns scored candidates into one page of a feed: best score first, but never more than
/// <see cref="FeedBlendRules.MaxRunOfKind"/> of one kind in a row nor more than
/// <see cref="FeedBlendRules.MaxPerOwnerPerPage"/> of one owner on a page, and every
/// <see cref="FeedBlendRules.ExplorationEvery"/>-th position of the feed given to a new listing with
/// few impressions (the smallest <see cref="FeedCandidate.ExplorationKey"/> among them).
/// </summary>
/// <remarks>
/// <para>
/// Greedy: each slot takes the best candidate that keeps both rules. When none does, the best that
/// keeps the owner rule, else the best that keeps the kind rule (every owner left is at its cap),
/// else the best: a page is short only when candidates run out, as a feed with little left is
/// better full and uneven than empty.
/// </para>
/// <para>
/// Pure and deterministic: the same candidates (in any order), state and rules give the same page.
/// Ties of score break by kind, then id. Thread-safe (no state).
/// </para>
/// </remarks>
public static class FeedBlender
{
    /// <summary>Up to <paramref name="size"/> items, and the state the next page starts from.</summary>
    public static (IReadOnlyList<BlendedItem> Page, BlendState Next) Blend(
        IReadOnlyList<FeedCandidate> candidates, BlendState state, FeedBlendRules rules, int size)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(rules.MaxRunOfKind, 1, nameof(rules.MaxRunOfKind));
        ArgumentOutOfRangeException.ThrowIfLessThan(rules.MaxPerOwnerPerPage, 1, nameof(rules.MaxPerOwnerPerPage));
        ArgumentOutOfRangeException.ThrowIfLessThan(rules.ExplorationEvery, 0, nameof(rules.ExplorationEvery));

        var remaining = candidates
            .OrderByDescending(c => c.Score)
            .ThenBy(c => (int)c.Kind)
            .ThenBy(c => c.Id)
            .ToList();
        var explorable = remaining
            .Where(c => c.Explorable)
            .OrderBy(c => c.ExplorationKey)
            .ThenBy(c => (int)c.Kind)
            .ThenBy(c => c.Id)
            .ToList();
        var perOwner = new Dictionary<long, int>();
        var page = new List<BlendedItem>(Math.Min(size, remaining.Count));
        var (position, lastKind, run) = (state.Position, state.LastKind, state.RunLength);

        while (page.Count < size && remaining.Count > 0)
        {
            bool KindAllowed(FeedCandidate c) => c.Kind != lastKind || run < rules.MaxRunOfKind;
            bool OwnerAllowed(FeedCandidate c) => perOwner.GetValueOrDefault(c.OwnerId) < rules.MaxPerOwnerPerPage;

            var exploring = rules.ExplorationEvery > 0 && position % rules.ExplorationEvery == rules.ExplorationEvery - 1;
            FeedCandidate? pick = null;
            if (exploring)
            {
                pick = explorable.FirstOrDefault(c => KindAllowed(c) && OwnerAllowed(c));
            }

            var explored = pick is not null;
            pick ??= remaining.FirstOrDefault(c => KindAllowed(c) && OwnerAllowed(c))
                ?? remaining.FirstOrDefault(OwnerAllowed)
                ?? remaining.FirstOrDefault(KindAllowed)
                ?? remaining[0];

            remaining.Remove(pick);
            explorable.Remove(pick);
            perOwner[pick.OwnerId] = perOwner.GetValueOrDefault(pick.OwnerId) + 1;
            run = pick.Kind == lastKind ? run + 1 : 1;
            lastKind = pick.Kind;
            position++;
            page.Add(new BlendedItem(pick, explored));
        }

        return (page, new BlendState(position, lastKind, run));
    }
}
