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

public sealed record TokenResponse(long AccountId, string AccessToken, DateTime ExpiresAt, string Role);

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
    /// <summary>The problem <c>type</c> of a sign-in refused because the phone is locked out, as opposed to the client's own rate limit.</summary>
    public const string LockedOutProblemType = "urn:dongnai:problem:sign-in-locked-out";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        var accounts = routes.MapGroup("/api/accounts").WithTags("Accounts");
        accounts.MapPost("/register", Register).WithName("Register").WithSummary("Register with a Vietnamese mobile number and a password")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireRateLimiting(HostingExtensions.AuthRateLimit);
        accounts.MapPost("/sign-in", SignIn).WithName("SignIn").WithSummary("Sign in and receive a bearer token")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .RequireRateLimiting(HostingExtensions.AuthRateLimit);
        accounts.MapGet("/me", GetMe).WithName("GetMe").WithSummary("The signed-in account, with its phone number").RequireAuthorization();
        accounts.MapPut("/me/profile", UpdateProfile).WithName("UpdateProfile").WithSummary("Change display name, home commune and industrial park")
            .RequireAuthorization().RequireRateLimiting(HostingExtensions.WriteRateLimit);

        routes.MapPut("/api/admin/accounts/{id:long}/role", ChangeRole).WithTags("Admin").WithName("ChangeRole")
            .WithSummary("Appoint agency staff or change an account's role (admins only)")
            .RequireAuthorization(policy => policy.RequireRole(RoleNames.Admin));
    }

    private static async Task<Results<Created<TokenResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, AccountService accounts, CancellationToken cancellationToken)
    {
        var result = await accounts.RegisterAsync(new Registration(request.Phone, request.Password, request.DisplayName, request.Role), cancellationToken);
        return result switch
        {
            RegistrationResult.Registered registered => TypedResults.Created("/api/accounts/me", ToToken(registered.Account, registered.Token)),
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
                return TypedResults.Ok(ToToken(signedIn.Account, signedIn.Token));
            case SignInResult.LockedOut lockedOut:
                var seconds = Math.Max(1, (int)Math.Ceiling(lockedOut.RetryAfter.TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(
                    title: "Too many wrong passwords for this phone number.",
                    detail: "Sign-in to this number is paused; try again after the seconds in Retry-After.",
                    statusCode: StatusCodes.Status429TooManyRequests,
                    type: LockedOutProblemType);
            default:
                return TypedResults.Problem(title: "Wrong phone number or password.", statusCode: StatusCodes.Status401Unauthorized);
        }
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
        long id, RoleRequest request, AppDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Defined(request.Role, "role");
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more fields are invalid.");
        }

        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (account is null)
        {
            return TypedResults.NotFound();
        }

        account.Role = request.Role!.Value;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static TokenResponse ToToken(Account account, IssuedToken token) =>
        new(account.Id, token.AccessToken, token.ExpiresAt, RoleNames.Of(account.Role));

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
