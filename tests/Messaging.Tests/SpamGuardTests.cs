using Microsoft.Extensions.Time.Testing;

namespace DongNai.Messaging.Tests;

public sealed class SpamGuardTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
    private readonly MessagingOptions _options = new() { SpamRecipients = 3, SpamWindow = TimeSpan.FromMinutes(10), SlowDownFor = TimeSpan.FromMinutes(10), SlowDownInterval = TimeSpan.FromSeconds(30) };

    [Fact]
    public void TryAdmit_RefusesTheSameText_ToOneMorePersonThanAllowed()
    {
        var guard = new SpamGuard(_options, _clock);

        var admitted = Enumerable.Range(1, 3).Select(recipient => guard.TryAdmit(1, recipient, "Bán sim số đẹp", out _)).ToList();
        var fourth = guard.TryAdmit(1, 4, "  BÁN SIM   số đẹp ", out var retryAfter);

        Assert.All(admitted, Assert.True);
        Assert.False(fourth);
        Assert.Equal(TimeSpan.FromSeconds(30), retryAfter);
    }

    [Theory]
    [InlineData("\ufffe")]
    [InlineData("xin chào \ud800")]
    public void TryAdmit_CountsTextThatStringNormalizeRefuses_InsteadOfThrowing(string text)
    {
        var guard = new SpamGuard(_options, _clock);

        var admitted = Enumerable.Range(1, 4).Select(recipient => guard.TryAdmit(1, recipient, text, out _)).ToList();

        Assert.Equal([true, true, true, false], admitted);
    }

    [Fact]
    public void TryAdmit_AdmitsManyMessages_ToTheSamePerson()
    {
        var guard = new SpamGuard(_options, _clock);

        var admitted = Enumerable.Range(1, 20).Count(i => guard.TryAdmit(1, 2, "Alo", out _));

        Assert.Equal(20, admitted);
    }

    [Fact]
    public void TryAdmit_LetsASlowedSenderSendOneMessagePerInterval()
    {
        var guard = new SpamGuard(_options, _clock);
        for (var recipient = 1; recipient <= 4; recipient++)
        {
            guard.TryAdmit(1, recipient, "Bán sim số đẹp", out _);
        }

        var tooSoon = guard.TryAdmit(1, 1, "Xin lỗi", out var wait);
        _clock.Advance(wait);
        var afterInterval = guard.TryAdmit(1, 1, "Xin lỗi", out _);
        var rightAfter = guard.TryAdmit(1, 1, "Xin lỗi lần nữa", out _);
        _clock.Advance(TimeSpan.FromMinutes(11));
        var afterSlowDown = guard.TryAdmit(1, 1, "Chào", out _) && guard.TryAdmit(1, 1, "Chào lần nữa", out _);

        Assert.False(tooSoon);
        Assert.True(afterInterval);
        Assert.False(rightAfter);
        Assert.True(afterSlowDown);
    }

    [Fact]
    public void TryAdmit_ForgetsTexts_OlderThanTheWindow()
    {
        var guard = new SpamGuard(_options, _clock);
        for (var recipient = 1; recipient <= 3; recipient++)
        {
            guard.TryAdmit(1, recipient, "Tuyển gấp công nhân", out _);
        }

        _clock.Advance(TimeSpan.FromMinutes(11));

        Assert.True(guard.TryAdmit(1, 4, "Tuyển gấp công nhân", out _));
    }

    [Fact]
    public void TryAdmit_CountsEachSenderApart()
    {
        var guard = new SpamGuard(_options, _clock);
        for (var recipient = 1; recipient <= 3; recipient++)
        {
            guard.TryAdmit(1, recipient, "Chúc mừng năm mới", out _);
        }

        Assert.True(guard.TryAdmit(2, 4, "Chúc mừng năm mới", out _));
    }
}
