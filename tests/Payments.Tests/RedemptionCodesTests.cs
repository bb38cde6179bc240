using System.Security.Cryptography;
using DongNai.Payments.Vouchers;

namespace DongNai.Payments.Tests;

public sealed class RedemptionCodesTests
{
    private static readonly byte[] Nonce = [.. Enumerable.Range(1, 16).Select(i => (byte)i)];

    private readonly RedemptionCodes _codes = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void For_MakesTheClaimIdADashAndSixteenBase32Characters()
    {
        var code = _codes.For(4711, Nonce);

        Assert.Matches("^4711-[A-Z2-7]{16}$", code);
        Assert.Equal(4711, RedemptionCodes.ClaimIdOf(code));
    }

    [Fact]
    public void Verify_AcceptsTheCodeInAnyCase_AndRefusesEveryOneCharacterChange()
    {
        var code = _codes.For(4711, Nonce);
        var changed = Enumerable.Range(5, 16).Select(i => code[..i] + (code[i] == 'Q' ? 'R' : 'Q') + code[(i + 1)..]).ToList();

        Assert.True(_codes.Verify(" " + code.ToLowerInvariant() + " ", 4711, Nonce));
        Assert.All(changed, c => Assert.False(_codes.Verify(c, 4711, Nonce)));
        Assert.False(_codes.Verify(code, 4712, Nonce));
        Assert.False(_codes.Verify(code, 4711, [.. Nonce.Reverse()]));
    }

    [Fact]
    public void Verify_RefusesACodeMadeWithAnotherKey()
    {
        var other = new RedemptionCodes(RandomNumberGenerator.GetBytes(32));

        var code = other.For(4711, Nonce);

        Assert.False(_codes.Verify(code, 4711, Nonce));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("4711")]
    [InlineData("-ABCDEFGHIJKLMNOP")]
    [InlineData("0-ABCDEFGHIJKLMNOP")]
    [InlineData("4711-ABCDEFGHIJKLMNO")]
    [InlineData("+4711-ABCDEFGHIJKLMNOP")]
    public void ClaimIdOf_IsNull_ForTextWithoutTheShapeOfACode(string? text)
    {
        var id = RedemptionCodes.ClaimIdOf(text);

        Assert.Null(id);
    }
}
