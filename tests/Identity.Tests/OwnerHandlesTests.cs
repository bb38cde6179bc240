using System.Security.Cryptography;

namespace DongNai.Identity.Tests;

public sealed class OwnerHandlesTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Of_IsStable_AndUrlSafeText_ThatDoesNotContainTheId()
    {
        var handles = new OwnerHandles(Key);

        var first = handles.Of(1234);
        var again = new OwnerHandles(Key).Of(1234);

        Assert.Equal(first, again);
        Assert.Matches("^[A-Za-z0-9_-]{16}$", first);
        Assert.DoesNotContain("1234", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_GivesEveryAccountItsOwnHandle()
    {
        var handles = new OwnerHandles(Key);

        var distinct = Enumerable.Range(1, 10_000).Select(id => handles.Of(id)).Distinct(StringComparer.Ordinal).Count();

        Assert.Equal(10_000, distinct);
    }

    [Fact]
    public void Of_DependsOnTheKey_SoHandlesCannotBeComputedWithoutIt()
    {
        var otherKey = RandomNumberGenerator.GetBytes(32);

        var ours = new OwnerHandles(Key).Of(42);
        var theirs = new OwnerHandles(otherKey).Of(42);

        Assert.NotEqual(ours, theirs);
    }

    [Fact]
    public void Constructor_RefusesAShortKey() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OwnerHandles(new byte[16]));
}
