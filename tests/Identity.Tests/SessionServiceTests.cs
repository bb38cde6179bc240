using DongNai.Domain;
using DongNai.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace DongNai.Identity.Tests;

/// <summary>Refresh-token rotation, reuse detection and sign-out over a real SQLite file, each call through its own context as a request would.</summary>
public sealed class SessionServiceTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    private readonly TempSqliteDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly AuthOptions _options = new() { AccessTokenLifetime = TimeSpan.FromMinutes(15), RefreshTokenLifetime = TimeSpan.FromDays(30) };
    private readonly SecretKeys _keys = new(Key(1), Key(2), Key(3), Key(4));

    [Fact]
    public async Task Refresh_ExchangesTheTokenForANewPairOfTheSameFamily_AndMarksItUsed()
    {
        var account = await AddAccountAsync(Role.Worker);
        var first = await WithSessionsAsync(s => s.StartAsync(account, CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(20));

        var result = await WithSessionsAsync(s => s.RefreshAsync(first.RefreshToken, CancellationToken.None));

        var refreshed = Assert.IsType<RefreshResult.Refreshed>(result);
        var now = Start.UtcDateTime + TimeSpan.FromMinutes(20);
        Assert.NotEqual(first.RefreshToken, refreshed.Tokens.RefreshToken);
        Assert.Equal(now + TimeSpan.FromMinutes(15), refreshed.Tokens.AccessTokenExpiresAt);
        Assert.Equal(now + TimeSpan.FromDays(30), refreshed.Tokens.RefreshTokenExpiresAt);
        var tokens = await TokensAsync();
        Assert.Equal(2, tokens.Count);
        Assert.Single(tokens.Select(t => t.FamilyId).Distinct());
        Assert.Equal(now, tokens.Single(t => t.TokenHash.SequenceEqual(SessionService.Hash(first.RefreshToken))).UsedAt);
        Assert.Null(tokens.Single(t => t.TokenHash.SequenceEqual(SessionService.Hash(refreshed.Tokens.RefreshToken))).UsedAt);
    }

    [Fact]
    public async Task Refresh_RevokesTheWholeFamily_WhenAUsedTokenIsPresentedAgain_ButNotTheAccountsOtherSessions()
    {
        var account = await AddAccountAsync(Role.Worker);
        var phone = await WithSessionsAsync(s => s.StartAsync(account, CancellationToken.None));
        var laptop = await WithSessionsAsync(s => s.StartAsync(account, CancellationToken.None));
        var next = Assert.IsType<RefreshResult.Refreshed>(await WithSessionsAsync(s => s.RefreshAsync(phone.RefreshToken, CancellationToken.None)));

        var replay = await WithSessionsAsync(s => s.RefreshAsync(phone.RefreshToken, CancellationToken.None));
        var successor = await WithSessionsAsync(s => s.RefreshAsync(next.Tokens.RefreshToken, CancellationToken.None));
        var otherSession = await WithSessionsAsync(s => s.RefreshAsync(laptop.RefreshToken, CancellationToken.None));

        Assert.IsType<RefreshResult.Reused>(replay);
        Assert.IsType<RefreshResult.Refused>(successor);
        Assert.IsType<RefreshResult.Refreshed>(otherSession);
    }

    [Fact]
    public async Task Refresh_Refuses_OnceTheRefreshTokenExpired()
    {
        var account = await AddAccountAsync(Role.Worker);
        var tokens = await WithSessionsAsync(s => s.StartAsync(account, CancellationToken.None));

        _clock.Advance(TimeSpan.FromDays(30));
        var result = await WithSessionsAsync(s => s.RefreshAsync(tokens.RefreshToken, CancellationToken.None));

        Assert.IsType<RefreshResult.Refused>(result);
    }

    [Theory]
    [InlineData("khong-phai-ma-lam-moi")]
    [InlineData("")]
    public async Task Refresh_Refuses_AnUnknownToken(string token)
    {
        var account = await AddAccountAsync(Role.Worker);
        await WithSessionsAsync(s => s.StartAsync(account, CancellationToken.None));

        var result = await WithSessionsAsync(s => s.RefreshAsync(token, CancellationToken.None));

        Assert.IsType<RefreshResult.Refused>(result);
    }

    [Fact]
    public async Task Refresh_IssuesTheAccountsCurrentRoleAndStamp()
    {
        var account = await AddAccountAsync(Role.Employer);
        var tokens = await WithSessionsAsync(s => s.StartAsync(account, CancellationToken.None));
        await using (var db = _database.NewContext())
        {
            var stored = await db.Accounts.SingleAsync();
            stored.Role = Role.Worker;
            stored.SecurityStamp = "tem-moi";
            await db.SaveChangesAsync();
        }

        var refreshed = Assert.IsType<RefreshResult.Refreshed>(await WithSessionsAsync(s => s.RefreshAsync(tokens.RefreshToken, CancellationToken.None)));

        var access = new JsonWebToken(refreshed.Tokens.AccessToken);
        Assert.Equal(RoleNames.Worker, access.GetClaim(RoleNames.ClaimType).Value);
        Assert.Equal("tem-moi", access.GetClaim(SecurityStamps.ClaimType).Value);
    }

    [Fact]
    public async Task SignOut_RevokesTheTokensFamily_AndNoOtherSession()
    {
        var account = await AddAccountAsync(Role.Worker);
        var phone = await WithSessionsAsync(s => s.StartAsync(account, CancellationToken.None));
        var laptop = await WithSessionsAsync(s => s.StartAsync(account, CancellationToken.None));
        var next = Assert.IsType<RefreshResult.Refreshed>(await WithSessionsAsync(s => s.RefreshAsync(phone.RefreshToken, CancellationToken.None)));

        await WithSessionsAsync(async s =>
        {
            await s.SignOutAsync(next.Tokens.RefreshToken, CancellationToken.None);
            return true;
        });

        var tokens = await TokensAsync();
        var phoneFamily = FamilyOf(tokens, phone.RefreshToken);
        Assert.Equal(2, tokens.Count(t => t.FamilyId == phoneFamily));
        Assert.All(tokens.Where(t => t.FamilyId == phoneFamily), t => Assert.Equal(Start.UtcDateTime, t.RevokedAt));
        Assert.Null(tokens.Single(t => t.FamilyId == FamilyOf(tokens, laptop.RefreshToken)).RevokedAt);
        Assert.IsType<RefreshResult.Refused>(await WithSessionsAsync(s => s.RefreshAsync(next.Tokens.RefreshToken, CancellationToken.None)));
    }

    [Fact]
    public async Task EndAll_RevokesEveryRefreshTokenOfTheAccount_AndReplacesItsStamp()
    {
        var account = await AddAccountAsync(Role.Worker);
        var other = await AddAccountAsync(Role.Worker);
        var phone = await WithSessionsAsync(s => s.StartAsync(account, CancellationToken.None));
        var laptop = await WithSessionsAsync(s => s.StartAsync(account, CancellationToken.None));
        var others = await WithSessionsAsync(s => s.StartAsync(other, CancellationToken.None));

        var ended = await WithSessionsAsync(s => s.EndAllAsync(account.Id, CancellationToken.None));

        Assert.True(ended);
        Assert.IsType<RefreshResult.Refused>(await WithSessionsAsync(s => s.RefreshAsync(phone.RefreshToken, CancellationToken.None)));
        Assert.IsType<RefreshResult.Refused>(await WithSessionsAsync(s => s.RefreshAsync(laptop.RefreshToken, CancellationToken.None)));
        Assert.IsType<RefreshResult.Refreshed>(await WithSessionsAsync(s => s.RefreshAsync(others.RefreshToken, CancellationToken.None)));
        await using var db = _database.NewContext();
        Assert.NotEqual(account.SecurityStamp, (await db.Accounts.SingleAsync(a => a.Id == account.Id)).SecurityStamp);
        Assert.Equal(other.SecurityStamp, (await db.Accounts.SingleAsync(a => a.Id == other.Id)).SecurityStamp);
    }

    public void Dispose() => _database.Dispose();

    private static Guid FamilyOf(List<RefreshToken> tokens, string refreshToken) =>
        tokens.Single(t => t.TokenHash.SequenceEqual(SessionService.Hash(refreshToken))).FamilyId;

    private async Task<Account> AddAccountAsync(Role role)
    {
        await using var db = _database.NewContext();
        var account = new Account
        {
            PhoneLookupHash = Guid.NewGuid().ToByteArray(),
            PhoneCiphertext = [1, 2, 3],
            PasswordHash = "not-used-here",
            Role = role,
            SecurityStamp = SecurityStamps.New(),
            CreatedAt = Start.UtcDateTime,
        };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account;
    }

    private async Task<List<RefreshToken>> TokensAsync()
    {
        await using var db = _database.NewContext();
        return await db.RefreshTokens.AsNoTracking().ToListAsync();
    }

    private async Task<T> WithSessionsAsync<T>(Func<SessionService, Task<T>> call)
    {
        await using AppDbContext db = _database.NewContext();
        var sessions = new SessionService(db, new TokenIssuer(_options, _keys, _clock), _options, _clock, NullLogger<SessionService>.Instance);
        return await call(sessions);
    }

    private static byte[] Key(byte seed) => [.. Enumerable.Range(0, 32).Select(i => (byte)((i * 11) + seed))];
}
