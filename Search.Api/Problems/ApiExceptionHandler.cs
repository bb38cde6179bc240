using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Search.Api.Problems;

/// <summary>
/// Turns exceptions into RFC 9457 problem responses, in one place. Bad input (unreadable JSON, an
/// unknown field, a query value of the wrong type) becomes a 400 naming the field; a lost race on a
/// listing's version a 409; anything else a 500 that reveals nothing and is logged.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, problem) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, new ProblemDetails
            {
                Title = "The request body is too large.",
                Detail = $"Send at most {Hosting.RequestBodyLimit.MaxBytes / 1024} KiB.",
            }),
            BadHttpRequestException bad => (StatusCodes.Status400BadRequest, FromBadRequest(bad)),
            FieldException field => (StatusCodes.Status400BadRequest, Validation(field.Field, field.Message)),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, new ProblemDetails
            {
                Title = "The listing was changed by another request.",
                Detail = "Read it again and repeat your change.",
            }),
            _ => (StatusCodes.Status500InternalServerError, new ProblemDetails { Title = "An unexpected error occurred." }),
        };

        if (status == StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        problem.Status = status;
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static HttpValidationProblemDetails FromBadRequest(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var unmapped = QuotedName().Match(json.Message);
            var path = json.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : "";
            if (json.Message.Contains("could not be mapped", StringComparison.Ordinal) && unmapped.Success)
            {
                var name = unmapped.Groups[1].Value;
                var field = path.EndsWith(name, StringComparison.Ordinal) ? path : path.Length > 0 ? $"{path}.{name}" : name;
                return Validation(field, "Unknown field.");
            }

            return Validation(path.Length > 0 ? path : "body", "Invalid value: check its type and spelling.");
        }

        var parameter = ParameterName().Match(exception.Message);
        return parameter.Success
            ? Validation(parameter.Groups[1].Value, exception.Message)
            : Validation("body", exception.Message);
    }

    private static HttpValidationProblemDetails Validation(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Title = "One or more fields are invalid.",
        };

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedName();

    // Minimal APIs name the parameter as "<type> <name>" or just "<name>" in quotes.
    [GeneratedRegex("parameter \"(?:[^\" ]+ )?([^\" ]+)\"")]
    private static partial Regex ParameterName();

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}

/// <summary>Thrown where a value is found wrong deep in a call (e.g. a malformed cursor); becomes a 400 naming <see cref="Field"/>.</summary>
public sealed class FieldException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
