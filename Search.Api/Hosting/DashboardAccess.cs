using System.Globalization;
using System.Security.Claims;
using DongNai.Domain;
using DongNai.Domain.People;
using DongNai.Identity;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DongNai.Search.Api.Hosting;

/// <summary>
/// Who may open the job dashboard (<c>/hangfire</c>) and how: an admin, whatever address the
/// request comes from. A browser cannot send the bearer token, so an admin first calls
/// <c>POST /api/admin/dashboard-session</c> with it and receives a short-lived cookie valid only
/// under <c>/hangfire</c> (HttpOnly, SameSite=Strict, Secure over HTTPS); the dashboard's own
/// POST actions also need its antiforgery token. See docs/decisions/0008.
/// </summary>
public static class DashboardAccess
{
    public const string DashboardPath = "/hangfire";

    /// <summary>The cookie authentication scheme of dashboard sessions; never the default scheme.</summary>
    public const string SessionScheme = "DashboardSession";

    public const string SessionCookie = "dongnai.dashboard";

    public const string AntiforgeryCookie = "dongnai.dashboard.antiforgery";

    /// <summary>How long a dashboard session lasts; it is not extended by use.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromMinutes(30);

    /// <summary>The dashboard session cookie, antiforgery for the dashboard's POST actions, and forwarded headers from <paramref name="proxies"/> only.</summary>
    public static void AddDashboardAccess(this IServiceCollection services, ProxyOptions proxies)
    {
        services.AddAuthentication()
            .AddCookie(SessionScheme, cookie =>
            {
                cookie.Cookie.Name = SessionCookie;
                cookie.Cookie.Path = DashboardPath;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = SessionLifetime;
                cookie.SlidingExpiration = false;

                // Never redirect to a login page: there is none; the dashboard answers 401 or 403.
                cookie.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
            });

        // Hangfire's dashboard checks the token on every POST when antiforgery is registered, and
        // writes it into its pages for its own scripts to send back.
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = AntiforgeryCookie;
            antiforgery.Cookie.Path = DashboardPath;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            // The framework trusts loopback by default, and everyone when both lists are empty
            // (ASPNETCORE_FORWARDEDHEADERS_ENABLED): neither may choose the address limits key on.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            if (!proxies.Any)
            {
                forwarded.ForwardedHeaders = ForwardedHeaders.None;
                return;
            }

            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies.KnownProxies)
            {
                forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }

            foreach (var network in proxies.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
    }

    /// <summary>Takes the client address and scheme from configured proxies' forwarded headers; does nothing when none is configured. Call first.</summary>
    public static void UseForwardedHeadersFromProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.Any)
        {
            app.UseForwardedHeaders();
        }
    }

    /// <summary>
    /// Under <c>/hangfire</c>, a request without a bearer token is authenticated by its dashboard
    /// session cookie. This runs before the dashboard builds its page, so the antiforgery token it
    /// writes is bound to the same user as the POST that sends it back. Call after UseAuthentication.
    /// </summary>
    public static void UseDashboardSession(this WebApplication app) => app.Use(async (http, next) =>
    {
        if (http.Request.Path.StartsWithSegments(DashboardPath) && http.User.Identity?.IsAuthenticated != true)
        {
            var session = await http.AuthenticateAsync(SessionScheme);
            if (session.Succeeded)
            {
                http.User = session.Principal;
            }
        }

        await next(http);
    });

    /// <summary>The dashboard, for admins only (from any address), and the endpoints that open and close a dashboard session.</summary>
    public static void MapJobDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            // Replaces Hangfire's default, which lets in anything from loopback, a reverse proxy included.
            Authorization = [],
            AsyncAuthorization = [new AdminDashboardAuthorization()],
            DisplayStorageConnectionString = false,
        });

        var admin = app.MapGroup("/api/admin/dashboard-session").WithTags("Admin")
            .RequireAuthorization(policy => policy.RequireRole(RoleNames.Admin));
        admin.MapPost("/", OpenSessionAsync).WithName("OpenDashboardSession")
            .WithSummary("Open a 30-minute job dashboard session in this browser: a cookie for /hangfire only (admins only)");
        admin.MapDelete("/", CloseSessionAsync).WithName("CloseDashboardSession")
            .WithSummary("Close this browser's job dashboard session (admins only)");
    }

    private static async Task<NoContent> OpenSessionAsync(HttpContext http, TimeProvider time, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var identity = new ClaimsIdentity(
            [
                new Claim("sub", http.User.FindFirstValue("sub")!),
                new Claim(RoleNames.ClaimType, RoleNames.Admin),
                new Claim(SecurityStamps.ClaimType, http.User.FindFirstValue(SecurityStamps.ClaimType)!),
            ],
            SessionScheme,
            "sub",
            RoleNames.ClaimType);
        var now = time.GetUtcNow();
        await http.SignInAsync(SessionScheme, new ClaimsPrincipal(identity), new AuthenticationProperties
        {
            IssuedUtc = now,
            ExpiresUtc = now + SessionLifetime,
            AllowRefresh = false,
        });
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> CloseSessionAsync(HttpContext http, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await http.SignOutAsync(SessionScheme);
        return TypedResults.NoContent();
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Lets in an admin only: the request's user (bearer token or dashboard session) must carry the
    /// admin role, and the account must still be an admin in the database with the security stamp
    /// the token or session was opened with, so demoting an admin, changing their password or
    /// signing them out everywhere closes the dashboard at once, not when the session ends.
    /// Hangfire answers 401 to an anonymous request and 403 to a signed-in one that this refuses.
    /// </summary>
    private sealed class AdminDashboardAuthorization : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            if (!http.User.IsInRole(RoleNames.Admin)
                || !long.TryParse(http.User.FindFirstValue("sub"), NumberStyles.None, CultureInfo.InvariantCulture, out var accountId)
                || http.User.FindFirstValue(SecurityStamps.ClaimType) is not { Length: > 0 } stamp)
            {
                return false;
            }

            var db = http.RequestServices.GetRequiredService<AppDbContext>();
            return await db.Accounts.AnyAsync(a => a.Id == accountId && a.Role == Role.Admin && a.SecurityStamp == stamp, http.RequestAborted);
        }
    }
}
