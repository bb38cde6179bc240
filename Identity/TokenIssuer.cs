using System.Security.Claims;
using DongNai.Domain.People;
using Microsoft.IdentityModel.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;

namespace DongNai.Identity;

/// <summary>Issues signed JWT bearer tokens (HS256) carrying the account id (<c>sub</c>) and its role. Thread-safe.</summary>
public sealed class TokenIssuer(AuthOptions options, SecretKeys keys, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public SymmetricSecurityKey SigningKey { get; } = new(keys.Signing);

    public IssuedToken Issue(Account account)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var expires = now + options.TokenLifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(RoleNames.ClaimType, RoleNames.Of(account.Role)),
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

public sealed record IssuedToken(string AccessToken, DateTime ExpiresAt);

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
