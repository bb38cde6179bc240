using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.People;
using DongNai.Domain.Validation;
using DongNai.Identity;
using DongNai.Search.Api.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Search.Api.Accounts;

public sealed record RegisterRequest(string? Phone, string? Password, string? DisplayName, Role? Role);

public sealed record SignInRequest(string? Phone, string? Password);

/// <summary>
/// A session's tokens: the access token (sent as <c>Authorization: Bearer</c>) expiring at
/// <paramref name="ExpiresAt"/>, and the refresh token that <c>POST /api/accounts/refresh</c>
/// exchanges, once, for the next pair until <paramref name="RefreshTokenExpiresAt"/>.
/// </summary>
public sealed record TokenResponse(long AccountId, string AccessToken, DateTime ExpiresAt, string Role, string RefreshToken, DateTime RefreshTokenExpiresAt);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record PasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record ProfileRequest(string? DisplayName, string? HomeCommuneCode, string? IndustrialParkCode);

/// <summary>
/// The signed-in person's own account. The phone is shown here, to its owner, and nowhere else;
/// <paramref name="Handle"/> is how this account appears as the owner of what it publishes.
/// </summary>
public sealed record MeResponse(
    long AccountId,
    string Handle,
    string Phone,
    string Role,
    string DisplayName,
    string? HomeCommuneCode,
    string? IndustrialParkCode,
    bool IdentityVerified);

public sealed record RoleRequest(Role? Role);

public static class AccountEndpoints
{
    /// <summary>The problem <c>type</c> of a sign-in or password change refused because the phone is locked out, as opposed to the client's own rate limit.</summary>
    public const string LockedOutProblemType = "urn:dongnai:problem:sign-in-locked-out";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        var accounts = routes.MapGroup("/api/accounts").WithTags("Accounts");
        accounts.MapPost("/register", Register).WithName("Register").WithSummary("Register with a Vietnamese mobile number and a password")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireRateLimiting(HostingExtensions.AuthRateLimit);
        accounts.MapPost("/sign-in", SignIn).WithName("SignIn").WithSummary("Sign in and receive an access token and a refresh token")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .RequireRateLimiting(HostingExtensions.AuthRateLimit);
        accounts.MapPost("/refresh", Refresh).WithName("RefreshTokens")
            .WithSummary("Exchange a refresh token, once, for a new access token and refresh token")
            .WithDescription("A refresh token that was already exchanged revokes every token of its sign-in (401): a copy of it is in other hands. Send each refresh token once, and one refresh at a time.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .RequireRateLimiting(HostingExtensions.RefreshRateLimit);
        accounts.MapPost("/sign-out", SignOut).WithName("SignOut")
            .WithSummary("Sign out this device: revoke its refresh token and every token of the same sign-in")
            .WithDescription("Answers 204 also for an unknown or already revoked token. Access tokens already issued stay valid until they expire (at most Auth:AccessTokenLifetime); sign out everywhere to end them at once.")
            .RequireRateLimiting(HostingExtensions.RefreshRateLimit);
        accounts.MapPost("/sign-out-everywhere", SignOutEverywhere).WithName("SignOutEverywhere")
            .WithSummary("Sign out on every device: revoke every refresh token and access token of the account")
            .RequireAuthorization().RequireRateLimiting(HostingExtensions.WriteRateLimit);
        accounts.MapGet("/me", GetMe).WithName("GetMe").WithSummary("The signed-in account, with its phone number").RequireAuthorization();
        accounts.MapPut("/me/profile", UpdateProfile).WithName("UpdateProfile").WithSummary("Change display name, home commune and industrial park")
            .RequireAuthorization().RequireRateLimiting(HostingExtensions.WriteRateLimit);
        accounts.MapPut("/me/password", ChangePassword).WithName("ChangePassword")
            .WithSummary("Change the password: every session of the account ends, and a new one starts with the tokens returned")
            .WithDescription("A wrong currentPassword is a 400 naming it and counts towards the phone number's sign-in lockout (then 429 with Retry-After).")
            .RequireAuthorization().RequireRateLimiting(HostingExtensions.WriteRateLimit);

        routes.MapPut("/api/admin/accounts/{id:long}/role", ChangeRole).WithTags("Admin").WithName("ChangeRole")
            .WithSummary("Appoint agency staff or change an account's role (admins only)")
            .WithDescription("A changed role revokes the account's access tokens at once (they carry the old role); its refresh tokens stay valid and give tokens with the new role.")
            .RequireAuthorization(policy => policy.RequireRole(RoleNames.Admin));
    }

    private static async Task<Results<Created<TokenResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, AccountService accounts, CancellationToken cancellationToken)
    {
        var result = await accounts.RegisterAsync(new Registration(request.Phone, request.Password, request.DisplayName, request.Role), cancellationToken);
        return result switch
        {
            RegistrationResult.Registered registered => TypedResults.Created("/api/accounts/me", ToToken(registered.Account, registered.Tokens)),
            RegistrationResult.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors.ToDictionary(), title: "One or more fields are invalid."),
            _ => TypedResults.Problem(
                title: "This phone number is already registered.",
                detail: "Sign in instead, or register with another number.",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["field"] = "phone" }),
        };
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> SignIn(
        SignInRequest request, HttpContext http, AccountService accounts, CancellationToken cancellationToken)
    {
        var result = await accounts.SignInAsync(request.Phone, request.Password, cancellationToken);
        switch (result)
        {
            case SignInResult.SignedIn signedIn:
                return TypedResults.Ok(ToToken(signedIn.Account, signedIn.Tokens));
            case SignInResult.LockedOut lockedOut:
                return LockedOut(http, lockedOut.RetryAfter);
            default:
                return TypedResults.Problem(title: "Wrong phone number or password.", statusCode: StatusCodes.Status401Unauthorized);
        }
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> Refresh(
        RefreshRequest request, SessionService sessions, CancellationToken cancellationToken)
    {
        if (RequireRefreshToken(request.RefreshToken) is { } invalid)
        {
            return invalid;
        }

        return await sessions.RefreshAsync(request.RefreshToken!, cancellationToken) switch
        {
            RefreshResult.Refreshed refreshed => TypedResults.Ok(ToToken(refreshed.Account, refreshed.Tokens)),
            RefreshResult.Reused => TypedResults.Problem(
                title: "The refresh token is not valid.",
                detail: "It was already used, so every token of this sign-in is revoked now. Sign in again.",
                statusCode: StatusCodes.Status401Unauthorized),
            _ => TypedResults.Problem(
                title: "The refresh token is not valid.",
                detail: "It is unknown, expired or revoked. Sign in again.",
                statusCode: StatusCodes.Status401Unauthorized),
        };
    }

    private static async Task<Results<NoContent, ValidationProblem>> SignOut(
        RefreshRequest request, SessionService sessions, CancellationToken cancellationToken)
    {
        if (RequireRefreshToken(request.RefreshToken) is { } invalid)
        {
            return invalid;
        }

        await sessions.SignOutAsync(request.RefreshToken!, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SignOutEverywhere(
        HttpContext http, SessionService sessions, CancellationToken cancellationToken) =>
        await sessions.EndAllAsync(http.User.Id(), cancellationToken) ? TypedResults.NoContent() : AccountGone();

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> ChangePassword(
        PasswordRequest request, HttpContext http, AccountService accounts, CancellationToken cancellationToken)
    {
        var result = await accounts.ChangePasswordAsync(http.User.Id(), request.CurrentPassword, request.NewPassword, cancellationToken);
        return result switch
        {
            PasswordChangeResult.Changed changed => TypedResults.Ok(ToToken(changed.Account, changed.Tokens)),
            PasswordChangeResult.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors.ToDictionary(), title: "One or more fields are invalid."),
            PasswordChangeResult.LockedOut lockedOut => LockedOut(http, lockedOut.RetryAfter),
            _ => AccountGone(),
        };
    }

    private static async Task<Results<Ok<MeResponse>, NotFound>> GetMe(
        HttpContext http, AppDbContext db, AccountService accounts, OwnerHandles handles, CancellationToken cancellationToken)
    {
        var id = http.User.Id();
        var account = await db.Accounts.Include(a => a.Profile).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (account is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(ToMe(account, accounts, handles));
    }

    private static async Task<Results<Ok<MeResponse>, ValidationProblem, NotFound>> UpdateProfile(
        ProfileRequest request, HttpContext http, AppDbContext db, AccountService accounts, OwnerHandles handles, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Text(request.DisplayName, "displayName", 2, 100);
        await ReferenceChecks.CheckCommuneAsync(db, request.HomeCommuneCode, "homeCommuneCode", errors, cancellationToken);
        await ReferenceChecks.CheckParkAsync(db, request.IndustrialParkCode, "industrialParkCode", errors, cancellationToken);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more fields are invalid.");
        }

        var id = http.User.Id();
        var account = await db.Accounts.Include(a => a.Profile).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (account is null)
        {
            return TypedResults.NotFound();
        }

        account.Profile ??= new Profile { AccountId = account.Id };
        account.Profile.DisplayName = request.DisplayName!.Trim();
        account.Profile.HomeCommuneCode = request.HomeCommuneCode;
        account.Profile.IndustrialParkCode = request.IndustrialParkCode;
        account.Profile.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToMe(account, accounts, handles));
    }

    private static async Task<Results<NoContent, ValidationProblem, NotFound>> ChangeRole(
        long id, RoleRequest request, AccountService accounts, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Defined(request.Role, "role");
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more fields are invalid.");
        }

        return await accounts.ChangeRoleAsync(id, request.Role!.Value, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    private static ValidationProblem? RequireRefreshToken(string? refreshToken)
    {
        var errors = new FieldErrors();
        errors.When(string.IsNullOrWhiteSpace(refreshToken), "refreshToken", "Required.");
        return errors.IsEmpty ? null : TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more fields are invalid.");
    }

    /// <summary>A 429 for a phone locked out after wrong passwords (sign-in and password change), apart from the client's own rate limit by its type.</summary>
    private static ProblemHttpResult LockedOut(HttpContext http, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            title: "Too many wrong passwords for this phone number.",
            detail: "Sign-in and password changes for this number are paused; try again after the seconds in Retry-After.",
            statusCode: StatusCodes.Status429TooManyRequests,
            type: LockedOutProblemType);
    }

    /// <summary>The token was valid but its account is gone (deleted between the check and the handler).</summary>
    private static ProblemHttpResult AccountGone() =>
        TypedResults.Problem(title: "The account no longer exists.", statusCode: StatusCodes.Status401Unauthorized);

    private static TokenResponse ToToken(Account account, SessionTokens tokens) =>
        new(account.Id, tokens.AccessToken, tokens.AccessTokenExpiresAt, RoleNames.Of(account.Role), tokens.RefreshToken, tokens.RefreshTokenExpiresAt);

    private static MeResponse ToMe(Account account, AccountService accounts, OwnerHandles handles) => new(
        account.Id,
        handles.Of(account.Id),
        accounts.RevealPhone(account),
        RoleNames.Of(account.Role),
        account.Profile?.DisplayName ?? "",
        account.Profile?.HomeCommuneCode,
        account.Profile?.IndustrialParkCode,
        account.Profile?.IdentityVerified ?? false);
}
