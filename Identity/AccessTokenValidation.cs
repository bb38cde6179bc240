using System.Globalization;
using System.Security.Claims;
using DongNai.Domain;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace DongNai.Identity;

/// <summary>
/// How an access token is judged on every request: signature, issuer and audience; its lifetime by
/// the injected <see cref="TimeProvider"/> (the validator's own clock is the wall clock, and its
/// time provider cannot be set from here); then its security stamp, which must still be the
/// account's (one primary-key read per authenticated request, no cache), so a role change, a
/// password change or a sign-out everywhere revokes the token at once. The role the request acts
/// with is the account's current one, read in the same query, not the one the token was issued with.
/// </summary>
public static class AccessTokenValidation
{
    /// <summary>How far a token's times may be off the server's clock.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static void Configure(JwtBearerOptions bearer, AuthOptions options, SecretKeys keys, TimeProvider time)
    {
        bearer.MapInboundClaims = false;
        bearer.TimeProvider = time;
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            IssuerSigningKey = new SymmetricSecurityKey(keys.Signing),
            NameClaimType = "sub",
            RoleClaimType = RoleNames.ClaimType,
            ClockSkew = ClockSkew,
            LifetimeValidator = (notBefore, expires, _, parameters) => ValidateLifetime(time.GetUtcNow().UtcDateTime, notBefore, expires, parameters.ClockSkew),
        };
        bearer.Events = new JwtBearerEvents { OnTokenValidated = CheckSecurityStampAsync };
    }

    /// <summary>The validator's own lifetime rules (expiry required, both bounds with the skew), at <paramref name="now"/>.</summary>
    /// <exception cref="SecurityTokenException">The token has no expiry, is not valid yet, or has expired; the message becomes the 401's error description.</exception>
    public static bool ValidateLifetime(DateTime now, DateTime? notBefore, DateTime? expires, TimeSpan clockSkew)
    {
        if (expires is not { } expiry)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (notBefore is { } start && start > now + clockSkew)
        {
            throw new SecurityTokenNotYetValidException($"The token is not valid before '{start:O}'.") { NotBefore = start };
        }

        if (expiry < now - clockSkew)
        {
            throw new SecurityTokenExpiredException($"The token expired at '{expiry:O}'.") { Expires = expiry };
        }

        return true;
    }

    private static async Task CheckSecurityStampAsync(TokenValidatedContext context)
    {
        var principal = context.Principal;
        if (principal?.Identity is not ClaimsIdentity identity
            || !long.TryParse(principal.FindFirstValue("sub"), NumberStyles.None, CultureInfo.InvariantCulture, out var accountId)
            || principal.FindFirstValue(SecurityStamps.ClaimType) is not { Length: > 0 } stamp)
        {
            // Tokens issued before stamps existed carry none; they cannot be revoked, so they are refused.
            context.Fail("The token carries no account or security stamp.");
            return;
        }

        var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        var current = await db.Accounts.AsNoTracking()
            .Where(a => a.Id == accountId)
            .Select(a => new { a.SecurityStamp, a.Role })
            .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (current is null || !string.Equals(current.SecurityStamp, stamp, StringComparison.Ordinal))
        {
            context.Fail("The token was revoked: the account's role or password changed, or it signed out everywhere.");
            return;
        }

        foreach (var role in identity.FindAll(RoleNames.ClaimType).ToList())
        {
            identity.RemoveClaim(role);
        }

        identity.AddClaim(new Claim(RoleNames.ClaimType, RoleNames.Of(current.Role)));
    }
}
