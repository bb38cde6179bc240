using System.Globalization;
using System.Security.Claims;
using DongNai.Domain.People;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DongNai.Identity;

/// <summary>
/// Issues signed JWT access tokens (HS256) carrying the account id (<c>sub</c>), its role and its
/// security stamp, valid for <see cref="AuthOptions.AccessTokenLifetime"/>. Thread-safe.
/// </summary>
public sealed class TokenIssuer(AuthOptions options, SecretKeys keys, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public SymmetricSecurityKey SigningKey { get; } = new(keys.Signing);

    public IssuedToken Issue(Account account)
    {
        if (string.IsNullOrEmpty(account.SecurityStamp))
        {
            // A token without a stamp could never be revoked. (Demo accounts from Seeding have none, and no phone to sign in with.)
            throw new InvalidOperationException($"Account {account.Id} has no security stamp.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var expires = now + options.AccessTokenLifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, account.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(RoleNames.ClaimType, RoleNames.Of(account.Role)),
                new Claim(SecurityStamps.ClaimType, account.SecurityStamp),
            ]),
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, expires);
    }
}

/// <summary>A signed access token and when it expires.</summary>
public sealed record IssuedToken(string AccessToken, DateTime ExpiresAt);

/// <summary>What a sign-in, registration, refresh or password change hands the client: an access token and the refresh token that renews it.</summary>
public sealed record SessionTokens(string AccessToken, DateTime AccessTokenExpiresAt, string RefreshToken, DateTime RefreshTokenExpiresAt);

/// <summary>The role names used in tokens and authorization policies.</summary>
public static class RoleNames
{
    /// <summary>The JWT claim that carries the role.</summary>
    public const string ClaimType = "role";

    public const string Worker = "worker";
    public const string Employer = "employer";
    public const string AgencyStaff = "agencyStaff";
    public const string Admin = "admin";

    public static string Of(Role role) => role switch
    {
        Role.Worker => Worker,
        Role.Employer => Employer,
        Role.AgencyStaff => AgencyStaff,
        Role.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
