using DongNai.Domain.Validation;

namespace DongNai.Search.Api.Parameters;

/// <summary>The parameters an endpoint takes, as endpoint metadata that the OpenAPI document reads.</summary>
public sealed record QueryParameterMetadata(IReadOnlyList<QueryParameter> Parameters);

public static class QueryParameterEndpoints
{
    /// <summary>
    /// Documents <paramref name="parameters"/> as the operation's parameters; the handler reads
    /// them with a <see cref="QueryReader"/> and refuses unknown ones itself.
    /// </summary>
    public static RouteHandlerBuilder WithParameters(this RouteHandlerBuilder route, IReadOnlyList<QueryParameter> parameters) =>
        route.WithMetadata(new QueryParameterMetadata(parameters)).ProducesValidationProblem();

    /// <summary>
    /// Documents <paramref name="parameters"/> and answers 400, naming them, to a request with a
    /// query parameter not among them or a single-valued one given twice. For handlers that bind
    /// their parameters themselves.
    /// </summary>
    public static RouteHandlerBuilder AllowQuery(this RouteHandlerBuilder route, params QueryParameter[] parameters) =>
        route
            .AddEndpointFilter(async (context, next) =>
            {
                var errors = new FieldErrors();
                return new QueryReader(context.HttpContext.Request.Query, errors).RejectUnknown(parameters)
                    ? await next(context)
                    : TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more parameters are invalid.");
            })
            .WithParameters(parameters);
}
