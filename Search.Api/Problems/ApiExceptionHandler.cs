using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace DongNai.Search.Api.Problems;

/// <summary>
/// Turns exceptions into RFC 9457 problem responses, in one place. Bad input (unreadable JSON, an
/// unknown field, a query value of the wrong type, a missing body) becomes a 400 naming the field
/// (<c>body</c> for a missing one); a body in a character set no encoding has a 415; a lost race
/// on a listing's version a 409; a database another writer holds locked past the request's short
/// busy timeout a 503 with <c>Retry-After</c>; anything else a 500 that reveals nothing and is logged.
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

            // The framework's JSON reader throws this for a Content-Type charset no encoding has.
            InvalidOperationException when HasUnknownCharset(httpContext.Request) => (StatusCodes.Status415UnsupportedMediaType, new ProblemDetails
            {
                Title = "The request body's character set is not supported.",
                Detail = "Send JSON in UTF-8: Content-Type: application/json; charset=utf-8.",
            }),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, new ProblemDetails
            {
                Title = "The listing was changed by another request.",
                Detail = "Read it again and repeat your change.",
            }),
            _ when DatabaseBusy.IsBusy(exception) => (StatusCodes.Status503ServiceUnavailable, new ProblemDetails
            {
                Title = "The database is busy.",
                Detail = "Another write holds the database; nothing was changed. Try again after the seconds in Retry-After.",
            }),
            _ => (StatusCodes.Status500InternalServerError, new ProblemDetails { Title = "An unexpected error occurred." }),
        };

        if (status == StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }
        else if (status == StatusCodes.Status503ServiceUnavailable)
        {
            LogBusy(logger, httpContext.Request.Method, httpContext.Request.Path);
            httpContext.Response.Headers.RetryAfter = DatabaseBusy.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
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

        // "Implicit body inferred for parameter … but no body was provided" (an empty body) and
        // "Required parameter … was not provided from body" (the JSON literal null).
        if (exception.Message.Contains("no body was provided", StringComparison.Ordinal)
            || exception.Message.Contains("was not provided from body", StringComparison.Ordinal))
        {
            return MissingBody();
        }

        var parameter = ParameterName().Match(exception.Message);
        return parameter.Success
            ? Validation(parameter.Groups[1].Value, exception.Message)
            : Validation("body", exception.Message);
    }

    private static bool HasUnknownCharset(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || StringSegment.IsNullOrEmpty(type.Charset))
        {
            return false;
        }

        try
        {
            _ = Encoding.GetEncoding(type.Charset.Value!.Trim('"'));
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary>The 400 for an empty body or the JSON literal <c>null</c> where an object is expected.</summary>
    public static HttpValidationProblemDetails MissingBody() =>
        Validation("body", "Send a JSON object in the request body.");

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database was busy past the request's timeout on {Method} {Path}; answered 503")]
    private static partial void LogBusy(ILogger logger, string method, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}

/// <summary>Thrown where a value is found wrong deep in a call (e.g. a malformed cursor); becomes a 400 naming <see cref="Field"/>.</summary>
public sealed class FieldException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
