using System.Globalization;
using System.Security.Claims;
using DongNai.Identity;

namespace DongNai.Search.Api.Accounts;

/// <summary>Reads who is calling from the validated bearer token.</summary>
public static class CurrentUser
{
    /// <summary>The signed-in account's id. Only call on endpoints that require authorization.</summary>
    public static long Id(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue("sub") ?? throw new InvalidOperationException("No subject claim."), CultureInfo.InvariantCulture);

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(RoleNames.Admin);
}
