using DongNai.Domain.Listings;
using DongNai.Ranking.Feed;

namespace DongNai.Ranking.Tests.Feed;

public sealed class FeedCursorTests
{
    private static readonly FeedCursorCodec Codec = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void Cursor_RoundTrips_WithItsShownListings()
    {
        var cursor = new FeedCursor(77, 1_762_156_800_123, new BlendState(40, ListingKind.Rental, 2), [1u, 2u, uint.MaxValue]);

        var decoded = Codec.Decode(Codec.Encode(cursor), 77);

        Assert.NotNull(decoded);
        Assert.Equal(cursor.ScoringNowMs, decoded.ScoringNowMs);
        Assert.Equal(cursor.State, decoded.State);
        Assert.Equal(cursor.Shown, decoded.Shown);
    }

    [Fact]
    public void Decode_Refuses_ACursorOfAnotherScope()
    {
        var text = Codec.Encode(new FeedCursor(77, 1, BlendState.Start, [5u]));

        Assert.Null(Codec.Decode(text, 78));
    }

    [Fact]
    public void Decode_Refuses_ACursorWithAShownListingCutOut()
    {
        var text = Codec.Encode(new FeedCursor(77, 1, BlendState.Start, [5u, 6u]));
        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(text);

        // Drop the last fingerprint and fix the count: the signature no longer matches.
        var edited = bytes[..^20].Concat(bytes[^16..]).ToArray();
        edited[23] = 1;

        Assert.Null(Codec.Decode(System.Buffers.Text.Base64Url.EncodeToString(edited), 77));
    }

    [Fact]
    public void Decode_Refuses_ACursorSignedWithAnotherKey()
    {
        var other = new FeedCursorCodec(new byte[32]);

        Assert.Null(Codec.Decode(other.Encode(new FeedCursor(77, 1, BlendState.Start, [])), 77));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor")]
    [InlineData("AAAA")]
    public void Decode_Refuses_Garbage(string text) => Assert.Null(Codec.Decode(text, 77));

    [Fact]
    public void Distance_IsWrittenWithOneDecimalAndAVietnameseComma()
    {
        Assert.Equal("Cách KCN Amata 2,1 km", FeedReasons.Distance("KCN Amata", 2.149));
        Assert.Equal("0,0", FeedReasons.Kilometres(0.04));
        Assert.Equal("12,0", FeedReasons.Kilometres(11.96));
    }
}
