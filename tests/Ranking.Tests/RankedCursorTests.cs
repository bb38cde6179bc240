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

        var decoded = RankedCursor.Decode(cursor.Encode(), ListingKind.Job);

        Assert.Equal(cursor, decoded);
    }

    [Fact]
    public void Decode_RefusesAWindowSizeAboveAPage()
    {
        var text = new WindowCursor(null, SearchQuery.MaxSize + 1, 0, new RankKey(1, ListingKind.Job, 1)).Encode();

        Assert.Throws<InvalidCursorException>(() => RankedCursor.Decode(text, kind: null));
    }

    [Theory]
    [InlineData(ListingKind.Rental, ListingKind.Classified)]
    [InlineData(ListingKind.Rental, null)]
    [InlineData(null, ListingKind.Rental)]
    public void Decode_RefusesAWindowCursor_OfAnotherKindsSearch(ListingKind? issuedFor, ListingKind? usedFor)
    {
        var text = new WindowCursor(issuedFor, 50, 0, new RankKey(1, ListingKind.Rental, 1)).Encode();

        Assert.Equal(issuedFor, ((WindowCursor)RankedCursor.Decode(text, issuedFor)).Kind);
        Assert.Throws<InvalidCursorException>(() => RankedCursor.Decode(text, usedFor));
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
