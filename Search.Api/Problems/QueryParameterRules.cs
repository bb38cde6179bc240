namespace DongNai.Search.Api.Problems;

/// <summary>
/// Unknown query parameters are errors, not ignored (ARCHITECTURE.md): a typo such as
/// <c>?comune=</c> must not silently return everything.
/// </summary>
public static class QueryParameterRules
{
    /// <summary>Answers 400 naming each query parameter not in <paramref name="allowed"/>, and documents that 400.</summary>
    public static RouteHandlerBuilder AllowQuery(this RouteHandlerBuilder route, params string[] allowed)
    {
        var known = new HashSet<string>(allowed, StringComparer.Ordinal);
        var hint = allowed.Length == 0 ? "This operation takes no query parameters." : $"Allowed: {string.Join(", ", allowed)}.";
        return route
            .AddEndpointFilter(async (context, next) =>
            {
                var unknown = context.HttpContext.Request.Query.Keys.Where(key => !known.Contains(key)).ToList();
                if (unknown.Count == 0)
                {
                    return await next(context);
                }

                return TypedResults.ValidationProblem(
                    unknown.ToDictionary(key => key, _ => new[] { $"Unknown parameter. {hint}" }),
                    title: "One or more parameters are invalid.");
            })
            .ProducesValidationProblem();
    }
}
