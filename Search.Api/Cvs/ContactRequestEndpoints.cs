using DongNai.Domain.People;
using DongNai.Domain.Validation;
using DongNai.Identity;
using DongNai.Identity.Cvs;
using DongNai.Messaging;
using DongNai.Search.Api.Accounts;
using DongNai.Search.Api.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DongNai.Search.Api.Cvs;

/// <summary>The job the employer wants to talk about (one of its own) and a short note.</summary>
public sealed record ContactCandidateRequest(long? JobId, string? Message);

/// <summary>
/// A contact request: about which CV and job, from whom (the employer's public handle and display
/// name), the note, where it stands, and the conversation once accepted. Never the worker's name,
/// identity or phone.
/// </summary>
public sealed record ContactRequestResponse(
    long Id,
    long CvId,
    long JobId,
    string JobTitle,
    string EmployerHandle,
    string EmployerDisplayName,
    string? Message,
    ContactRequestStatus Status,
    DateTime CreatedAt,
    DateTime? DecidedAt,
    long? ConversationId)
{
    public static ContactRequestResponse From(ContactRequestView view) => new(
        view.Id, view.CvId, view.JobId, view.JobTitle, view.EmployerHandle, view.EmployerDisplayName, view.Message, view.Status, view.CreatedAt, view.DecidedAt, view.ConversationId);
}

/// <summary>
/// Contact without the phone number (issue 10, item 6): an employer asks, through the app, to talk
/// with the worker behind a CV found by candidate search; the worker accepts, which opens a
/// conversation carrying the job (the Messaging conversation service), or declines. The phone stays
/// the worker's until they share it in the conversation (<c>share-phone</c>).
/// </summary>
public static class ContactRequestEndpoints
{
    public static void MapContactRequestEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/candidates/{id:long}/contact", Contact).WithTags("Candidates").WithName("ContactCandidate")
            .WithSummary("Ask to talk with the worker behind a discoverable CV about one of your jobs (employers and admins); the worker accepts or declines")
            .WithDescription("Neither the request nor its answers carry the worker's name, identity or phone. One request per employer and CV: a second is a 409, even after a refusal. 404 for a CV that is not discoverable, or a job that does not exist; 403 for another employer's job.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(policy => policy.RequireRole(RoleNames.Employer, RoleNames.Admin))
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);

        var requests = routes.MapGroup("/api/contact-requests").WithTags("Candidates").RequireAuthorization();
        requests.MapGet("/sent", Sent).WithName("SentContactRequests")
            .WithSummary("The contact requests the signed-in employer sent, the newest first, with the conversation of each accepted one (employers and admins)")
            .RequireAuthorization(policy => policy.RequireRole(RoleNames.Employer, RoleNames.Admin));
        requests.MapGet("/received", Received).WithName("ReceivedContactRequests")
            .WithSummary("The contact requests to the signed-in worker's CVs, the newest first");
        requests.MapPost("/{id:long}/accept", Accept).WithName("AcceptContactRequest")
            .WithSummary("Accept a contact request to one of your CVs: a conversation with the employer opens, carrying the job; your phone is not shared")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        requests.MapPost("/{id:long}/decline", Decline).WithName("DeclineContactRequest")
            .WithSummary("Decline a contact request to one of your CVs; the employer cannot ask again about that CV")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
    }

    private static async Task<Results<Created<ContactRequestResponse>, ValidationProblem, ProblemHttpResult>> Contact(
        long id, ContactCandidateRequest request, HttpContext http, ContactRequestService contacts, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Range(request.JobId, "jobId", 1, long.MaxValue);
        errors.Text(request.Message, "message", 0, ContactRequest.MaxMessageLength, required: false);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more fields are invalid.");
        }

        return await contacts.SendAsync(http.User.Id(), id, request.JobId!.Value, request.Message, cancellationToken) switch
        {
            ContactSendResult.Sent sent => TypedResults.Created("/api/contact-requests/sent", ContactRequestResponse.From(sent.Request)),
            ContactSendResult.NoSuchCv => Problem(StatusCodes.Status404NotFound, "No such discoverable CV.", null),
            ContactSendResult.NoSuchJob => Problem(StatusCodes.Status404NotFound, "No such job.", "jobId"),
            ContactSendResult.NotYourJob => Problem(StatusCodes.Status403Forbidden, "Candidates are contacted about one of your own jobs.", "jobId"),
            _ => Problem(StatusCodes.Status409Conflict, "You already asked to contact this candidate.", null),
        };
    }

    private static async Task<Ok<List<ContactRequestResponse>>> Sent(HttpContext http, ContactRequestService contacts, CancellationToken cancellationToken) =>
        TypedResults.Ok((await contacts.SentAsync(http.User.Id(), cancellationToken)).ConvertAll(ContactRequestResponse.From));

    private static async Task<Ok<List<ContactRequestResponse>>> Received(HttpContext http, ContactRequestService contacts, CancellationToken cancellationToken) =>
        TypedResults.Ok((await contacts.ReceivedAsync(http.User.Id(), cancellationToken)).ConvertAll(ContactRequestResponse.From));

    private static async Task<Results<Ok<ContactRequestResponse>, ProblemHttpResult>> Accept(
        long id, HttpContext http, ContactRequestService contacts, ConversationService conversations, CancellationToken cancellationToken)
    {
        var worker = http.User.Id();
        if (await contacts.OfWorkerAsync(worker, id, cancellationToken) is not { } request)
        {
            return NoSuchRequest();
        }

        if (request.Status != ContactRequestStatus.Pending)
        {
            return AlreadyDecided(request.Status);
        }

        // From the worker's side, about the job: the conversation is with the job's owner and carries the job.
        var opened = await conversations.StartAsync(worker, null, null, "jobs", request.JobId, cancellationToken);
        if (opened is not Outcome<ConversationView>.Done done)
        {
            return opened is Outcome<ConversationView>.Blocked
                ? Problem(StatusCodes.Status409Conflict, "One of you blocked the other: no conversation can open.", null)
                : NoSuchRequest();
        }

        return await contacts.MarkAcceptedAsync(id, done.Value.Id, cancellationToken)
            ? TypedResults.Ok(ContactRequestResponse.From(await contacts.ViewAsync(id, cancellationToken)))
            : AlreadyDecided(null);
    }

    private static async Task<Results<Ok<ContactRequestResponse>, ProblemHttpResult>> Decline(
        long id, HttpContext http, ContactRequestService contacts, CancellationToken cancellationToken)
    {
        if (await contacts.OfWorkerAsync(http.User.Id(), id, cancellationToken) is not { } request)
        {
            return NoSuchRequest();
        }

        return request.Status == ContactRequestStatus.Pending && await contacts.MarkDeclinedAsync(id, cancellationToken)
            ? TypedResults.Ok(ContactRequestResponse.From(await contacts.ViewAsync(id, cancellationToken)))
            : AlreadyDecided(request.Status == ContactRequestStatus.Pending ? null : request.Status);
    }

    /// <summary>Not one of the caller's (as if it did not exist: a request names an employer's interest in the caller alone).</summary>
    private static ProblemHttpResult NoSuchRequest() => Problem(StatusCodes.Status404NotFound, "No such contact request of yours.", null);

    private static ProblemHttpResult AlreadyDecided(ContactRequestStatus? status) =>
        Problem(StatusCodes.Status409Conflict, status is { } known ? $"This request is already {known.ToString().ToLowerInvariant()}." : "This request was decided meanwhile.", null);

    private static ProblemHttpResult Problem(int status, string title, string? field) => TypedResults.Problem(
        title: title,
        statusCode: status,
        extensions: field is null ? null : new Dictionary<string, object?> { ["field"] = field });
}
