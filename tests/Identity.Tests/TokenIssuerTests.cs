using DongNai.Domain.People;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DongNai.Identity.Tests;

public sealed class TokenIssuerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly AuthOptions _options = new() { Issuer = "test-issuer", Audience = "test-app", TokenLifetime = TimeSpan.FromHours(2) };
    private readonly SecretKeys _keys = new(Key(1), Key(2), Key(3), Key(4));

    [Fact]
    public void Issue_PutsTheAccountIdInSubAndTheRoleInRole()
    {
        var issuer = new TokenIssuer(_options, _keys, _clock);

        var issued = issuer.Issue(new Account { Id = 4217, Role = Role.Employer });

        var token = new JsonWebToken(issued.AccessToken);
        Assert.Equal("4217", token.Subject);
        Assert.Equal("employer", token.GetClaim(RoleNames.ClaimType).Value);
        Assert.Equal("test-issuer", token.Issuer);
        Assert.Equal(["test-app"], token.Audiences);
        Assert.Equal(SecurityAlgorithms.HmacSha256, token.Alg);
    }

    [Fact]
    public void Issue_ExpiresTheConfiguredLifetimeAfterTheInjectedClocksNow()
    {
        _clock.Advance(TimeSpan.FromMinutes(17));
        var issuer = new TokenIssuer(_options, _keys, _clock);

        var issued = issuer.Issue(new Account { Id = 1, Role = Role.Worker });

        var token = new JsonWebToken(issued.AccessToken);
        var now = Start.AddMinutes(17).UtcDateTime;
        Assert.Equal(now + TimeSpan.FromHours(2), issued.ExpiresAt);
        Assert.Equal(now + TimeSpan.FromHours(2), token.ValidTo);
        Assert.Equal(now, token.IssuedAt);
        Assert.Equal(now, token.ValidFrom);
    }

    [Fact]
    public async Task Issue_SignsWithTheSigningKey_SoAValidatorWithAnotherKeyRefusesIt()
    {
        var issued = new TokenIssuer(_options, _keys, _clock).Issue(new Account { Id = 1, Role = Role.Worker });
        var handler = new JsonWebTokenHandler();

        var withSigningKey = await handler.ValidateTokenAsync(issued.AccessToken, Validation(_keys.Signing));
        var withOtherKey = await handler.ValidateTokenAsync(issued.AccessToken, Validation(_keys.PersonalData));

        Assert.True(withSigningKey.IsValid, withSigningKey.Exception?.Message);
        Assert.False(withOtherKey.IsValid);
        Assert.IsType<SecurityTokenSignatureKeyNotFoundException>(withOtherKey.Exception, exactMatch: false);
    }

    private TokenValidationParameters Validation(byte[] key) => new()
    {
        ValidIssuer = _options.Issuer,
        ValidAudience = _options.Audience,
        IssuerSigningKey = new SymmetricSecurityKey(key),

        // The validator reads the wall clock (its TimeProvider is not public); lifetime is checked above, on the claims.
        ValidateLifetime = false,
    };

    private static byte[] Key(byte seed) => [.. Enumerable.Range(0, 32).Select(i => (byte)((i * 7) + seed))];
}
