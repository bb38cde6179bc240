using DongNai.Domain.Listings;
using DongNai.Ranking.Feed;

namespace DongNai.Ranking.Tests.Feed;

public sealed class FeedBlenderTests
{
    private static readonly FeedBlendRules NoExploration = new(MaxRunOfKind: 2, MaxPerOwnerPerPage: 2, ExplorationEvery: 0);

    [Fact]
    public void Blend_NeverPutsMoreThanTheMaxRunOfOneKindInARow_WhenOneKindScoresBest()
    {
        var candidates = Many(ListingKind.Job, 20, score: 10, owners: 20)
            .Concat(Many(ListingKind.Rental, 10, score: 1, owners: 10, firstId: 100))
            .ToList();

        var (page, _) = FeedBlender.Blend(candidates, BlendState.Start, NoExploration, 15);

        Assert.Equal(15, page.Count);
        Assert.True(LongestRun(page.Select(item => item.Candidate.Kind)) <= 2, string.Join(",", page.Select(item => item.Candidate.Kind)));
        Assert.Contains(page, item => item.Candidate.Kind == ListingKind.Rental);
    }

    [Fact]
    public void Blend_CarriesTheRunOfAKindAcrossPages()
    {
        var candidates = Many(ListingKind.Job, 6, score: 10, owners: 6).Concat(Many(ListingKind.Rental, 6, score: 1, owners: 6, firstId: 100)).ToList();

        var (first, state) = FeedBlender.Blend(candidates, BlendState.Start, NoExploration, 2);
        var rest = candidates.Where(c => !first.Any(item => item.Candidate == c)).ToList();
        var (second, _) = FeedBlender.Blend(rest, state, NoExploration, 1);

        Assert.All(first, item => Assert.Equal(ListingKind.Job, item.Candidate.Kind));
        Assert.Equal(ListingKind.Rental, second[0].Candidate.Kind);
    }

    [Fact]
    public void Blend_CapsOneOwnerPerPage_WhenTheOwnerHoldsTheBestListings()
    {
        var wall = Many(ListingKind.Job, 10, score: 10, owners: 1);
        var others = Many(ListingKind.Rental, 10, score: 1, owners: 10, firstId: 100);

        var (page, _) = FeedBlender.Blend([.. wall, .. others], BlendState.Start, NoExploration, 10);

        Assert.Equal(2, page.Count(item => item.Candidate.OwnerId == 1));
    }

    [Fact]
    public void Blend_KeepsKindsMixed_WhenEveryOwnerIsAtItsCap()
    {
        var rentals = Many(ListingKind.Rental, 8, score: 10, owners: 2);
        var classifieds = Many(ListingKind.Classified, 8, score: 1, owners: 2, firstId: 100);

        var (page, _) = FeedBlender.Blend([.. rentals, .. classifieds], BlendState.Start, NoExploration, 10);

        Assert.True(LongestRun(page.Select(item => item.Candidate.Kind)) <= 2, string.Join(",", page.Select(item => item.Candidate.Kind)));
    }

    [Fact]
    public void Blend_FillsThePageAnyway_WhenOnlyOneKindAndOwnerIsLeft()
    {
        var (page, _) = FeedBlender.Blend(Many(ListingKind.Voucher, 8, score: 1, owners: 1), BlendState.Start, NoExploration, 5);

        Assert.Equal(5, page.Count);
    }

    [Fact]
    public void Blend_GivesEveryTenthPositionToAnExplorableListing_EvenWithALowScore()
    {
        var established = Many(ListingKind.Job, 10, score: 10, owners: 10).Concat(Many(ListingKind.Rental, 10, score: 9, owners: 10, firstId: 100));
        var newcomer = new FeedCandidate(ListingKind.Classified, 500, OwnerId: 999, Score: 0.001, Explorable: true, ExplorationKey: 42);

        var (page, _) = FeedBlender.Blend([.. established, newcomer], BlendState.Start, new FeedBlendRules(ExplorationEvery: 10), 10);

        Assert.Equal(newcomer, page[9].Candidate);
        Assert.True(page[9].Exploration);
        Assert.Equal(1, page.Count(item => item.Exploration));
    }

    [Fact]
    public void Blend_PicksExplorationSlotsByPosition_InTheWholeFeed()
    {
        var established = Many(ListingKind.Job, 10, score: 10, owners: 10).Concat(Many(ListingKind.Rental, 10, score: 9, owners: 10, firstId: 100));
        var newcomer = new FeedCandidate(ListingKind.Classified, 500, OwnerId: 999, Score: 0.001, Explorable: true, ExplorationKey: 42);

        var (page, _) = FeedBlender.Blend([.. established, newcomer], new BlendState(5, ListingKind.Job, 1), new FeedBlendRules(ExplorationEvery: 10), 10);

        Assert.Equal(newcomer, page[4].Candidate);
    }

    [Fact]
    public void Blend_IsTheSame_WhateverOrderTheCandidatesComeIn()
    {
        var candidates = Many(ListingKind.Job, 12, score: 3, owners: 4)
            .Concat(Many(ListingKind.Rental, 12, score: 3, owners: 3, firstId: 100))
            .Concat([new FeedCandidate(ListingKind.Voucher, 7, 50, 0.5, true, 9), new FeedCandidate(ListingKind.Voucher, 8, 51, 0.5, true, 3)])
            .ToList();
        var shuffled = candidates.OrderBy(c => (c.Id * 7919) % 31).ToList();

        var (a, stateA) = FeedBlender.Blend(candidates, BlendState.Start, new FeedBlendRules(), 20);
        var (b, stateB) = FeedBlender.Blend(shuffled, BlendState.Start, new FeedBlendRules(), 20);

        Assert.Equal(a, b);
        Assert.Equal(stateA, stateB);
    }

    [Fact]
    public void Blend_NeverReturnsACandidateTwice()
    {
        var candidates = Many(ListingKind.Job, 30, score: 5, owners: 3).Concat(Many(ListingKind.BusRoute, 5, score: 1, owners: 1, firstId: 100)).ToList();

        var (page, _) = FeedBlender.Blend(candidates, BlendState.Start, new FeedBlendRules(), 35);

        Assert.Equal(35, page.Count);
        Assert.Equal(35, page.Select(item => (item.Candidate.Kind, item.Candidate.Id)).Distinct().Count());
    }

    /// <summary><paramref name="count"/> candidates of one kind, scores falling from <paramref name="score"/>, owners 1..<paramref name="owners"/> in turn.</summary>
    private static List<FeedCandidate> Many(ListingKind kind, int count, double score, int owners, long firstId = 1) =>
        Enumerable.Range(0, count)
            .Select(i => new FeedCandidate(kind, firstId + i, OwnerId: 1 + (i % owners), Score: score - (i * 0.01), Explorable: false, ExplorationKey: 0))
            .ToList();

    private static int LongestRun(IEnumerable<ListingKind> kinds)
    {
        int longest = 0, run = 0;
        ListingKind? last = null;
        foreach (var kind in kinds)
        {
            run = kind == last ? run + 1 : 1;
            last = kind;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
