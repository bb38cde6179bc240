namespace DongNai.Messaging.Tests;

public sealed class UsernamesTests
{
    [Theory]
    [InlineData("Binh.Tran", "binh.tran")]
    [InlineData("  an_99 ", "an_99")]
    public void TryNormalize_GivesTheLowerCaseForm(string input, string expected)
    {
        Assert.True(Usernames.TryNormalize(input, out var username));

        Assert.Equal(expected, username);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ab")]
    [InlineData("9lives")]
    [InlineData("bình")]
    [InlineData("an toàn")]
    [InlineData("abcdefghijklmnopqrstuvwxyz12345")]
    public void TryNormalize_RefusesWhatIsNoUsername(string? input) =>
        Assert.False(Usernames.TryNormalize(input, out _));
}
