using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using DongNai.Domain;
using DongNai.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DongNai.Identity;

/// <summary>What presenting a refresh token came to.</summary>
public abstract record RefreshResult
{
    /// <summary>The token was exchanged: it is used now, and <paramref name="Tokens"/> carry its successor.</summary>
    public sealed record Refreshed(Account Account, SessionTokens Tokens) : RefreshResult;

    /// <summary>The token is unknown, expired or revoked.</summary>
    public sealed record Refused : RefreshResult;

    /// <summary>The token was already exchanged (or was being exchanged at the same moment): its whole family is revoked now.</summary>
    public sealed record Reused : RefreshResult;
}

/// <summary>
/// Sessions: the refresh tokens of an account and the security stamp that its access tokens carry.
/// A session starts at sign-in with a new token family; each refresh exchanges the presented token
/// for a new access token and a new refresh token of the same family, at most once: the exchange
/// marks the token used with a conditional update, so of two refreshes of one token exactly one
/// wins, and a used token presented again revokes its family (rotation with reuse detection, as
/// the OAuth 2.0 security best current practice describes). Refresh tokens are 256 random bits,
/// base64url, stored only as their SHA-256 hash. One instance per request (it holds the request's
/// <see cref="AppDbContext"/>). See docs/decisions/0009.
/// </summary>
public sealed partial class SessionService(AppDbContext db, TokenIssuer issuer, AuthOptions options, TimeProvider time, ILogger<SessionService> logger)
{
    /// <summary>Longer than any token this service issues (43 characters); longer input is refused without a lookup.</summary>
    private const int MaxTokenLength = 128;

    /// <summary>Starts a session for a stored account: a new token family, saved, and its first pair of tokens.</summary>
    public async Task<SessionTokens> StartAsync(Account account, CancellationToken cancellationToken)
    {
        var tokens = Issue(account, Guid.NewGuid());
        await db.SaveChangesAsync(cancellationToken);
        return tokens;
    }

    /// <summary>
    /// Exchanges <paramref name="refreshToken"/> for a new pair, carrying the account's current role
    /// and stamp. Refuses an unknown, expired or revoked token; revokes the token's family when it
    /// was already exchanged, including when another exchange of it wins at the same moment.
    /// </summary>
    public async Task<RefreshResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        if (refreshToken.Length > MaxTokenLength)
        {
            return new RefreshResult.Refused();
        }

        var hash = Hash(refreshToken);
        var stored = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (stored is null || stored.RevokedAt is not null)
        {
            return new RefreshResult.Refused();
        }

        if (stored.UsedAt is not null)
        {
            return await RevokeReusedAsync(stored, now, cancellationToken);
        }

        if (stored.ExpiresAt <= now)
        {
            return new RefreshResult.Refused();
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // The read above may be stale: only the update that finds the token still unused wins.
            var claimed = await db.RefreshTokens
                .Where(t => t.Id == stored.Id && t.UsedAt == null && t.RevokedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.UsedAt, now), cancellationToken);
            if (claimed == 1)
            {
                var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == stored.AccountId, cancellationToken);
                if (account is null)
                {
                    // Deleted between the read and the exchange (its tokens go with it).
                    return new RefreshResult.Refused();
                }

                var tokens = Issue(account, stored.FamilyId);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new RefreshResult.Refreshed(account, tokens);
            }
        }

        // Another exchange of the same token won (or a sign-out revoked it) in the meantime.
        return await RevokeReusedAsync(stored, now, cancellationToken);
    }

    /// <summary>Ends the session <paramref name="refreshToken"/> belongs to: its whole family is revoked. Unknown tokens are ignored.</summary>
    public async Task SignOutAsync(string refreshToken, CancellationToken cancellationToken)
    {
        if (refreshToken.Length > MaxTokenLength)
        {
            return;
        }

        var hash = Hash(refreshToken);
        var familyId = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId).SingleOrDefaultAsync(cancellationToken);
        if (familyId is { } family)
        {
            await RevokeFamilyAsync(family, time.GetUtcNow().UtcDateTime, cancellationToken);
        }
    }

    /// <summary>
    /// Ends every session of the account: all its refresh tokens are revoked and its stamp replaced,
    /// so its access tokens are refused from their next request. Returns false when there is no such account.
    /// </summary>
    public async Task<bool> EndAllAsync(long accountId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return false;
        }

        account.SecurityStamp = SecurityStamps.New();
        await RevokeAllAsync(accountId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Saves the account's pending changes (a new password), replaces its stamp, revokes all its
    /// refresh tokens and starts one new session, all in one transaction.
    /// </summary>
    public async Task<SessionTokens> RestartAllAsync(Account account, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        account.SecurityStamp = SecurityStamps.New();
        await RevokeAllAsync(account.Id, cancellationToken);
        var tokens = Issue(account, Guid.NewGuid());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return tokens;
    }

    /// <summary>The SHA-256 of a refresh token's text, as stored.</summary>
    public static byte[] Hash(string refreshToken) => SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken));

    /// <summary>Adds a new refresh token of <paramref name="familyId"/> to the context (saved by the caller) and issues the pair.</summary>
    private SessionTokens Issue(Account account, Guid familyId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var refreshToken = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var refreshExpires = now + options.RefreshTokenLifetime;
        db.RefreshTokens.Add(new RefreshToken
        {
            AccountId = account.Id,
            TokenHash = Hash(refreshToken),
            FamilyId = familyId,
            CreatedAt = now,
            ExpiresAt = refreshExpires,
        });
        var access = issuer.Issue(account);
        return new SessionTokens(access.AccessToken, access.ExpiresAt, refreshToken, refreshExpires);
    }

    private async Task<RefreshResult> RevokeReusedAsync(RefreshToken stored, DateTime now, CancellationToken cancellationToken)
    {
        var revoked = await RevokeFamilyAsync(stored.FamilyId, now, cancellationToken);
        LogReuse(logger, stored.AccountId, stored.FamilyId, revoked);
        return new RefreshResult.Reused();
    }

    private Task<int> RevokeFamilyAsync(Guid familyId, DateTime now, CancellationToken cancellationToken) =>
        db.RefreshTokens
            .Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), cancellationToken);

    private Task<int> RevokeAllAsync(long accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.RefreshTokens
            .Where(t => t.AccountId == accountId && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A used refresh token of account {AccountId} was presented again; its family {FamilyId} is revoked ({Revoked} tokens)")]
    private static partial void LogReuse(ILogger logger, long accountId, Guid familyId, int revoked);
}
