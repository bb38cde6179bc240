using DongNai.Domain;
using DongNai.Domain.People;
using DongNai.Domain.Validation;
using DongNai.Search.Api.Accounts;
using DongNai.Search.Api.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DongNai.Search.Api.Events;

/// <summary>
/// Records what people do with listings (impressions with their positions, clicks, saves,
/// applications, claims, contact taps) for the re-ranker to learn from. Batched, idempotent by
/// client event id per caller (see <see cref="InteractionLog"/>), open to anonymous apps that send
/// their device id.
/// </summary>
public static class EventEndpoints
{
    public static void MapEventEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/events", Record).WithTags("Events").WithName("RecordEvents")
            .WithSummary("Record a batch of 1 to 100 interactions; a retried batch is stored once (anonymous callers send deviceId)")
            .RequireRateLimiting(HostingExtensions.EventRateLimit);
    }

    private static async Task<Results<Ok<EventBatchResponse>, ValidationProblem, UnauthorizedHttpResult>> Record(
        EventBatchRequest? request, HttpContext http, AppDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var signedIn = http.User.Identity?.IsAuthenticated == true;

        // A token that failed validation (expired, say) must not quietly turn a signed-in person's
        // events into anonymous ones: the app refreshes the token and retries, which is safe.
        if (!signedIn && http.Request.Headers.Authorization.Count > 0)
        {
            return TypedResults.Unauthorized();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var errors = new FieldErrors();
        if (request is null)
        {
            errors.Add("body", "Send a JSON object: { \"deviceId\": \"…\", \"events\": [ … ] }.");
        }
        else
        {
            request.Validate(errors, signedIn, now);
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more fields are invalid.");
        }

        var events = request!.ToEntities(signedIn ? http.User.Id() : null, now);
        var accepted = await InteractionLog.AppendAsync(db, events, cancellationToken);
        return TypedResults.Ok(new EventBatchResponse(accepted, events.Count - accepted));
    }
}
