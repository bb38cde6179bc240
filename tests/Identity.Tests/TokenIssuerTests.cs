using DongNai.Domain.People;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DongNai.Identity.Tests;

public sealed class TokenIssuerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly AuthOptions _options = new() { Issuer = "test-issuer", Audience = "test-app", AccessTokenLifetime = TimeSpan.FromMinutes(15) };
    private readonly SecretKeys _keys = new(Key(1), Key(2), Key(3), Key(4));

    [Fact]
    public void Issue_PutsTheAccountIdInSubTheRoleInRoleAndTheStampInStamp()
    {
        var issuer = new TokenIssuer(_options, _keys, _clock);

        var issued = issuer.Issue(new Account { Id = 4217, Role = Role.Employer, SecurityStamp = "tem-bao-mat-1" });

        var token = new JsonWebToken(issued.AccessToken);
        Assert.Equal("4217", token.Subject);
        Assert.Equal("employer", token.GetClaim(RoleNames.ClaimType).Value);
        Assert.Equal("tem-bao-mat-1", token.GetClaim(SecurityStamps.ClaimType).Value);
        Assert.Equal("test-issuer", token.Issuer);
        Assert.Equal(["test-app"], token.Audiences);
        Assert.Equal(SecurityAlgorithms.HmacSha256, token.Alg);
    }

    [Fact]
    public void Issue_Refuses_WhenTheAccountHasNoSecurityStamp()
    {
        var issuer = new TokenIssuer(_options, _keys, _clock);

        Assert.Throws<InvalidOperationException>(() => issuer.Issue(new Account { Id = 1, Role = Role.Worker }));
    }

    [Fact]
    public void Issue_ExpiresTheAccessTokenLifetimeAfterTheInjectedClocksNow()
    {
        _clock.Advance(TimeSpan.FromMinutes(17));
        var issuer = new TokenIssuer(_options, _keys, _clock);

        var issued = issuer.Issue(Worker());

        var token = new JsonWebToken(issued.AccessToken);
        var now = Start.AddMinutes(17).UtcDateTime;
        Assert.Equal(now + TimeSpan.FromMinutes(15), issued.ExpiresAt);
        Assert.Equal(now + TimeSpan.FromMinutes(15), token.ValidTo);
        Assert.Equal(now, token.IssuedAt);
        Assert.Equal(now, token.ValidFrom);
    }

    [Fact]
    public async Task Issue_SignsWithTheSigningKey_SoAValidatorWithAnotherKeyRefusesIt()
    {
        var issued = new TokenIssuer(_options, _keys, _clock).Issue(Worker());
        var handler = new JsonWebTokenHandler();

        var withSigningKey = await handler.ValidateTokenAsync(issued.AccessToken, ServiceValidation(_keys));
        var withOtherKey = await handler.ValidateTokenAsync(issued.AccessToken, ServiceValidation(_keys with { Signing = _keys.PersonalData }));

        Assert.True(withSigningKey.IsValid, withSigningKey.Exception?.Message);
        Assert.False(withOtherKey.IsValid);
        Assert.IsType<SecurityTokenSignatureKeyNotFoundException>(withOtherKey.Exception, exactMatch: false);
    }

    [Fact]
    public async Task ServiceValidation_JudgesLifetimeByTheInjectedClock_NotTheWallClock()
    {
        // Issued in November 2026: by the wall clock of the day this test runs it is not yet valid, or long expired.
        var issued = new TokenIssuer(_options, _keys, _clock).Issue(Worker());
        var handler = new JsonWebTokenHandler();
        var validation = ServiceValidation(_keys);

        _clock.Advance(TimeSpan.FromMinutes(15));
        var atExpiry = await handler.ValidateTokenAsync(issued.AccessToken, validation);
        _clock.Advance(AccessTokenValidation.ClockSkew + TimeSpan.FromSeconds(1));
        var pastSkew = await handler.ValidateTokenAsync(issued.AccessToken, validation);

        Assert.True(atExpiry.IsValid, atExpiry.Exception?.Message);
        Assert.False(pastSkew.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(pastSkew.Exception);
    }

    [Fact]
    public async Task ServiceValidation_RefusesATokenNotValidYet_ByTheInjectedClock()
    {
        var issuersClock = new FakeTimeProvider(Start + TimeSpan.FromMinutes(5));
        var issued = new TokenIssuer(_options, _keys, issuersClock).Issue(Worker());
        var handler = new JsonWebTokenHandler();

        var early = await handler.ValidateTokenAsync(issued.AccessToken, ServiceValidation(_keys));

        Assert.False(early.IsValid);
        Assert.IsType<SecurityTokenNotYetValidException>(early.Exception);
    }

    /// <summary>The parameters the service's bearer authentication validates with.</summary>
    private TokenValidationParameters ServiceValidation(SecretKeys keys)
    {
        var bearer = new JwtBearerOptions();
        AccessTokenValidation.Configure(bearer, _options, keys, _clock);
        return bearer.TokenValidationParameters;
    }

    private static Account Worker() => new() { Id = 1, Role = Role.Worker, SecurityStamp = SecurityStamps.New() };

    private static byte[] Key(byte seed) => [.. Enumerable.Range(0, 32).Select(i => (byte)((i * 7) + seed))];
}
