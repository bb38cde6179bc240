using DongNai.Domain.Listings;
using DongNai.Search;

namespace DongNai.Ranking.Tests;

public sealed class RankedCursorTests
{
    [Fact]
    public void WindowCursor_RoundTrips()
    {
        var cursor = new WindowCursor(ListingKind.Voucher, 100, 1_762_156_800_123, new RankKey(-0.4375, ListingKind.Voucher, 123_456_789_012));

        var decoded = RankedCursor.Decode(cursor.Encode(), ListingKind.Voucher);

        Assert.Equal(cursor, decoded);
    }

    [Fact]
    public void PastWindowCursor_RoundTrips_CarryingTheEnginesCursorAsIs()
    {
        var cursor = new PastWindowCursor("AQAAAAAAAPA_AgAAAAcAAAAAAAAAAJBTVJoBAAA9pW2w");

        var decoded = RankedCursor.Decode(cursor.Encode(), ListingKind.Rental);

        Assert.Equal(cursor, decoded);
    }

    [Fact]
    public void Decode_RefusesAWindowSizeAboveTheLargestWindow()
    {
        var text = new WindowCursor(ListingKind.Job, RankingOptions.MaxWindowSize + 1, 0, new RankKey(1, ListingKind.Job, 1)).Encode();

        Assert.Throws<InvalidCursorException>(() => RankedCursor.Decode(text, ListingKind.Job));
    }

    [Theory]
    [InlineData(ListingKind.Job, ListingKind.Rental)]
    [InlineData(ListingKind.Job, null)]
    [InlineData(null, ListingKind.Job)]
    public void Decode_RefusesAWindowCursor_OfASearchOfAnotherKind(ListingKind? issuedFor, ListingKind? sentTo)
    {
        // Found by SearchQueryPropertyTests: the window cursor was bound to no kind, so a key from one
        // kind's list paged another kind's list without any error.
        var text = new WindowCursor(issuedFor, 100, 1_762_156_800_123, new RankKey(1, ListingKind.Job, 7)).Encode();

        Assert.Throws<InvalidCursorException>(() => RankedCursor.Decode(text, sentTo));
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(253_402_300_800_000L)]
    [InlineData(long.MaxValue)]
    public void Decode_RefusesAScoringInstant_ADateTimeCannotHold(long scoringNowMs)
    {
        // Found by SearchQueryPropertyTests: a forged cursor with such an instant made the search throw (a 500).
        var text = new WindowCursor(ListingKind.Job, 100, scoringNowMs, new RankKey(1, ListingKind.Job, 7)).Encode();

        Assert.Throws<InvalidCursorException>(() => RankedCursor.Decode(text, ListingKind.Job));
    }

    [Fact]
    public void RankKey_OrdersByScoreDescending_ThenKind_ThenId()
    {
        RankKey[] keys =
        [
            new(1, ListingKind.Rental, 1),
            new(2, ListingKind.Rental, 9),
            new(1, ListingKind.Job, 7),
            new(2, ListingKind.Rental, 3),
        ];

        var ordered = keys.Order().ToList();

        Assert.Equal([keys[3], keys[1], keys[2], keys[0]], ordered);
    }
}
