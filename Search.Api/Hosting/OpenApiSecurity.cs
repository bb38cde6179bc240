using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DongNai.Search.Api.Hosting;

/// <summary>
/// Declares the bearer scheme in the OpenAPI document and states on every operation who may call
/// it, read from the endpoint's own authorization metadata so the document cannot drift from the
/// routes: operations that need a token carry the bearer requirement and a 401 response, those
/// limited to roles name them and carry a 403 response; anonymous operations carry an empty
/// requirement, which says so explicitly.
/// </summary>
internal static class OpenApiSecurity
{
    public const string SchemeName = "bearer";

    public static void AddTo(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "The accessToken that POST /api/accounts/register, /sign-in or /refresh returns; short-lived (Auth:AccessTokenLifetime, 15 minutes by default), and refused at once after the account's role or password changes or it signs out everywhere.",
            };
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var policies = metadata.OfType<AuthorizationPolicy>().ToList();
            var authorize = metadata.OfType<IAuthorizeData>().ToList();
            if (metadata.OfType<IAllowAnonymous>().Any() || (policies.Count == 0 && authorize.Count == 0))
            {
                operation.Security = [];
                return Task.CompletedTask;
            }

            var roles = policies.SelectMany(p => p.Requirements.OfType<RolesAuthorizationRequirement>()).SelectMany(r => r.AllowedRoles)
                .Concat(authorize.SelectMany(a => (a.Roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] }];
            operation.Responses ??= new OpenApiResponses();
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No bearer token, or an invalid or expired one." });
            var who = roles.Count == 0 ? "any signed-in account" : "the roles " + string.Join(", ", roles);
            operation.Description = string.Join(" ", new[] { operation.Description, $"Requires a bearer token of {who}." }.Where(s => !string.IsNullOrEmpty(s)));
            if (roles.Count > 0)
            {
                DescribeForbidden(operation, $"The account is not one of: {string.Join(", ", roles)}.");
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Adds <paramref name="reason"/> to the operation's 403 response, creating it when absent: an
    /// operation may be forbidden for more than one reason (a role, an unverified identity), and
    /// each transformer that knows one adds it, in whatever order they run.
    /// </summary>
    public static void DescribeForbidden(OpenApiOperation operation, string reason)
    {
        ArgumentNullException.ThrowIfNull(operation);
        operation.Responses ??= new OpenApiResponses();
        if (!operation.Responses.TryGetValue("403", out var existing) || existing is not OpenApiResponse forbidden)
        {
            operation.Responses["403"] = new OpenApiResponse { Description = reason };
            return;
        }

        // "Forbidden" is the framework's placeholder for a ProducesProblem(403) without words of its own.
        forbidden.Description = string.IsNullOrEmpty(forbidden.Description) || forbidden.Description == "Forbidden" ? reason
            : forbidden.Description.Contains(reason, StringComparison.Ordinal) ? forbidden.Description
            : $"{reason} {forbidden.Description}";
    }
}
