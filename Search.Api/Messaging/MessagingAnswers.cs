using System.Globalization;
using DongNai.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DongNai.Search.Api.Messaging;

/// <summary>The HTTP answer of each <see cref="Outcome{T}"/> case, the same on every messaging operation.</summary>
internal static class MessagingAnswers
{
    public const string SlowedProblemType = "urn:dongnai:problem:messaging-slowed";

    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> Answer<T>(Outcome<T> outcome, HttpContext http) => outcome switch
    {
        Outcome<T>.Done done => TypedResults.Ok(done.Value),
        Outcome<T>.Invalid invalid => Invalid(invalid),
        _ => Problem(outcome, http),
    };

    /// <summary>201 for a message stored now, 200 for a retry that found it stored already.</summary>
    public static Results<Created<T>, Ok<T>, ValidationProblem, ProblemHttpResult> Sent<T>(Outcome<T> outcome, HttpContext http, Func<T, string> location) => outcome switch
    {
        Outcome<T>.Done { Created: true } done => TypedResults.Created(location(done.Value), done.Value),
        Outcome<T>.Done done => TypedResults.Ok(done.Value),
        Outcome<T>.Invalid invalid => Invalid(invalid),
        _ => Problem(outcome, http),
    };

    public static Results<NoContent, ValidationProblem, ProblemHttpResult> Empty<T>(Outcome<T> outcome, HttpContext http) => outcome switch
    {
        Outcome<T>.Done => TypedResults.NoContent(),
        Outcome<T>.Invalid invalid => Invalid(invalid),
        _ => Problem(outcome, http),
    };

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "One or more fields are invalid.");

    private static ValidationProblem Invalid<T>(Outcome<T>.Invalid invalid) => Invalid(invalid.Errors.ToDictionary());

    private static ProblemHttpResult Problem<T>(Outcome<T> outcome, HttpContext http)
    {
        switch (outcome)
        {
            case Outcome<T>.Blocked:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Không thể nhắn tin: một trong hai người đã chặn người kia.",
                    detail: "A block between the two people stops both from starting a conversation or sending in one.");
            case Outcome<T>.Conflict conflict:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "This value is taken.",
                    detail: "Someone else uses it already; choose another.",
                    extensions: new Dictionary<string, object?> { ["field"] = conflict.Field });
            case Outcome<T>.Slowed slowed:
                var seconds = Math.Max(1, (int)Math.Ceiling(slowed.RetryAfter.TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests.",
                    detail: "The same text went to many people in a short time: this account may send one message at a time for a while; try again after the seconds in Retry-After.",
                    type: SlowedProblemType);
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: "There is no such conversation, message or person for this account.");
        }
    }
}
