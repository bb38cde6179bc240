namespace DongNai.Messaging.Tests;

public sealed class PageCursorsTests
{
    private static readonly PageCursors Cursors = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void TryDecode_ReadsBackWhatEncodeWrote_ForTheSameKindAndScope()
    {
        var text = Cursors.Encode(CursorKind.Conversations, 42, 638_000_000_000_000_000, 7);

        var ok = Cursors.TryDecode(text, CursorKind.Conversations, 42, out var first, out var second);

        Assert.True(ok);
        Assert.Equal(638_000_000_000_000_000, first);
        Assert.Equal(7, second);
    }

    [Theory]
    [InlineData(CursorKind.OlderMessages, 42)]
    [InlineData(CursorKind.NewerMessages, 43)]
    public void TryDecode_RefusesACursor_IssuedForAnotherKindOrScope(CursorKind kind, long scope)
    {
        var text = Cursors.Encode(CursorKind.NewerMessages, 42, 100);

        Assert.False(Cursors.TryDecode(text, kind, scope, out _, out _));
    }

    [Fact]
    public void TryDecode_RefusesACursor_WithAnyCharacterChanged()
    {
        var text = Cursors.Encode(CursorKind.Notifications, 5, 100);

        var refused = Enumerable.Range(0, text.Length)
            .Select(i => text[..i] + (text[i] == 'A' ? 'B' : 'A') + text[(i + 1)..])
            .Count(edited => !Cursors.TryDecode(edited, CursorKind.Notifications, 5, out _, out _));

        Assert.Equal(text.Length, refused);
    }

    [Fact]
    public void TryDecode_RefusesACursor_SignedWithAnotherKey()
    {
        var other = new PageCursors(new byte[32]);

        var text = other.Encode(CursorKind.Notifications, 5, 100);

        Assert.False(Cursors.TryDecode(text, CursorKind.Notifications, 5, out _, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void TryDecode_RefusesText_ThatIsNoCursor(string text) =>
        Assert.False(Cursors.TryDecode(text, CursorKind.Notifications, 5, out _, out _));
}
