using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using DongNai.Civic.Feedback;
using DongNai.Domain.Civic.Feedback;
using DongNai.Domain.Validation;
using DongNai.Identity;
using DongNai.Identity.Verification;
using DongNai.Indexers;
using DongNai.Search.Api.Accounts;
using DongNai.Search.Api.Hosting;
using DongNai.Search.Api.IdentityVerification;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DongNai.Search.Api.Civic.Feedback;

/// <summary>
/// Citizen feedback (issue 13, items 2–4): verified citizens post reports with photos and a place;
/// agency staff moderate them; approved reports are public (list, map, likes, shares) and routed to
/// the unit that must answer by a deadline; unit staff accept, answer or transfer; admins and the
/// IOC read the change feed. The author is never shown publicly. docs/civic-feedback.md.
/// </summary>
public static class FeedbackEndpoints
{
    /// <summary>The largest report: the photos at their limit, base64 in JSON (4/3), and the text.</summary>
    public const long MaxReportRequestBytes = (4L * 3 * 4 * 1024 * 1024 / 3) + (64 * 1024);

    public static void MapFeedbackEndpoints(this IEndpointRouteBuilder routes)
    {
        var feedback = routes.MapGroup("/api/feedback").WithTags("Feedback");

        // The public board
        feedback.MapGet("/reports", List).WithName("ListFeedbackReports")
            .WithSummary("Approved reports, newest first: filter by category, commune, status, and text (accents optional)")
            .WithDescription($"Only approved reports (routed, inProgress, answered) ever appear; pending, rejected, withdrawn and merged ones never do. Never names the author. {FeedbackService.PageSize} per page; pass nextCursor as cursor.");
        feedback.MapGet("/map", Map).WithName("FeedbackMap")
            .WithSummary("Approved reports as a GeoJSON FeatureCollection of points ([longitude, latitude]); the same filters as the list")
            .WithDescription($"A report given only a commune is drawn at the commune's centre (properties.approximate). At most {FeedbackService.MaxMapFeatures} reports, newest first.");
        feedback.MapGet("/reports/{id:long}", Get).WithName("GetFeedbackReport")
            .WithSummary("One approved report (404 for any other)");
        feedback.MapGet("/reports/{id:long}/page", Page).WithName("FeedbackReportSharePage")
            .WithSummary("A small HTML page of an approved report, for sharing links; every text is HTML-escaped")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        feedback.MapGet("/photos/{id:long}", Photo).WithName("GetFeedbackPhoto")
            .WithSummary("A photo of an approved report, re-encoded as JPEG without EXIF, GPS or any other metadata")
            .Produces(StatusCodes.Status200OK, contentType: FeedbackPhotos.Jpeg);
        feedback.MapPost("/reports/{id:long}/share", Share).WithName("ShareFeedbackReport")
            .WithSummary("Count a share of an approved report (the app shares the link)")
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);

        // The author
        var citizen = feedback.MapGroup("").RequireAuthorization();
        citizen.MapPost("/reports", Create).WithName("CreateFeedbackReport")
            .WithSummary("Post a report: title, text, category, a point or a commune, up to three photos (base64)")
            .WithDescription("Needs a verified identity (403 with type urn:dongnai:problem:verification-required). At most Feedback:ReportsPerDay reports in 24 hours (429 with Retry-After). Photos: JPEG, PNG or WebP, re-encoded as JPEG without metadata before anything is stored. The report waits for moderation.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithMetadata(new RequestSizeLimitAttribute(MaxReportRequestBytes))
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        citizen.MapGet("/reports/mine", Mine).WithName("MyFeedbackReports")
            .WithSummary("The signed-in person's own reports in every state, with rejection reasons");
        citizen.MapPost("/reports/{id:long}/withdraw", Withdraw).WithName("WithdrawFeedbackReport")
            .WithSummary("Withdraw one's own report while it waits for moderation (409 after)")
            .AddEndpointFilter(PokeIndexing)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        citizen.MapPost("/reports/{id:long}/like", Like).WithName("LikeFeedbackReport")
            .WithSummary("Like an approved report; one like per person (a second one changes nothing)")
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        citizen.MapDelete("/reports/{id:long}/like", Unlike).WithName("UnlikeFeedbackReport")
            .WithSummary("Take back one's like")
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);

        // Moderation
        var moderation = feedback.MapGroup("/moderation").RequireAuthorization(policy => policy.RequireRole(RoleNames.AgencyStaff, RoleNames.Admin))
            .AddEndpointFilter(PokeIndexing);
        moderation.MapGet("", Queue).WithName("FeedbackModerationQueue")
            .WithSummary("Reports waiting for moderation, oldest first, with their authors (agency staff and admins)");
        moderation.MapGet("/{id:long}/duplicates", Duplicates).WithName("FeedbackDuplicateCandidates")
            .WithSummary("Likely duplicates of a report: same category, close in space and time, similar words (agency staff and admins)");
        moderation.MapPost("/{id:long}/approve", Approve).WithName("ApproveFeedbackReport")
            .WithSummary("Approve a waiting report: it becomes public, is routed by the table and gets its deadline (not one's own report)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        moderation.MapPost("/{id:long}/reject", Reject).WithName("RejectFeedbackReport")
            .WithSummary("Reject a waiting report with a reason the author sees (not one's own report)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        moderation.MapPost("/{id:long}/merge", Merge).WithName("MergeFeedbackReport")
            .WithSummary("Merge a waiting report into an approved one about the same problem (not one's own report)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);

        // The unit desk
        var unit = feedback.MapGroup("/unit/reports").RequireAuthorization(policy => policy.RequireRole(RoleNames.AgencyStaff))
            .AddEndpointFilter(PokeIndexing);
        unit.MapGet("", UnitQueue).WithName("UnitFeedbackReports")
            .WithSummary("The reports of the caller's unit, earliest deadline first; the IOC's staff also see every overdue one (agency staff assigned to a unit)")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        unit.MapPost("/{id:long}/accept", Accept).WithName("AcceptFeedbackReport")
            .WithSummary("Accept a report routed to the caller's unit")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        unit.MapPost("/{id:long}/answer", AnswerReport).WithName("AnswerFeedbackReport")
            .WithSummary("Answer a report of the caller's unit publicly; it is closed")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        unit.MapPost("/{id:long}/transfer", Transfer).WithName("TransferFeedbackReport")
            .WithSummary($"Transfer a report of the caller's unit to another unit: the deadline is kept, but the new unit gets at least {FeedbackRouting.TransferMinimumWorkingDays} working days")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);

        // Routing and the IOC
        feedback.MapGet("/ioc/feed", Feed).WithName("IocFeedbackFeed")
            .WithSummary("Every change of every report since a cursor, oldest first: the export for the IOC (admins and the IOC's staff)")
            .WithDescription("Pass the returned cursor as after to continue; the same cursor always gives the same changes, and following cursors gives each change exactly once. Changes of the last Feedback:FeedSettleSeconds are held back. docs/civic-feedback.md describes the format.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(policy => policy.RequireRole(RoleNames.AgencyStaff, RoleNames.Admin));
        feedback.MapGet("/routing", Routing).WithName("FeedbackRoutingTable")
            .WithSummary("The units and the routing table: category × commune → unit and answer time in working days (agency staff and admins)")
            .RequireAuthorization(policy => policy.RequireRole(RoleNames.AgencyStaff, RoleNames.Admin));
        feedback.MapPut("/routing", SetRoute).WithName("SetFeedbackRoute")
            .WithSummary("Add or replace one row of the routing table; a null commune sets the category's default (admins)")
            .RequireAuthorization(policy => policy.RequireRole(RoleNames.Admin))
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        feedback.MapPut("/staff/{id:long}", AssignStaff).WithName("AssignFeedbackStaff")
            .WithSummary("Assign an agency staff account to a unit, or remove it with a null unitCode (admins)")
            .RequireAuthorization(policy => policy.RequireRole(RoleNames.Admin))
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
    }

    /// <summary>
    /// After a change of a report's state (its outbox entry is committed with it): wakes the index
    /// drain, so that an approved report is searchable, and a report that stopped being public is
    /// gone from search, without waiting for the drain's idle interval.
    /// </summary>
    private static async ValueTask<object?> PokeIndexing(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        context.HttpContext.RequestServices.GetRequiredService<IndexingTrigger>().Poke();
        return result;
    }

    // category: roads, environment, publicOrder, electricityAndWater, administrativeProcedures or other;
    // status: routed, inProgress or answered; q: words that must all occur, accents optional.
    private static async Task<Results<Ok<FeedbackReportPage>, ValidationProblem, NotFound, ProblemHttpResult>> List(
        string? category, string? communeCode, string? status, string? q, string? cursor, HttpContext http, FeedbackService service, CancellationToken cancellationToken) =>
        Filter(category, communeCode, status, q) is var (filter, errors) && errors is not null
            ? Invalid(new FeedbackOutcome<FeedbackReportPage>.Invalid(errors))
            : Answer(await service.ListAsync(filter!, cursor, cancellationToken), http);

    private static async Task<Results<Ok<FeedbackMap>, ValidationProblem, NotFound, ProblemHttpResult>> Map(
        string? category, string? communeCode, string? status, string? q, HttpContext http, FeedbackService service, CancellationToken cancellationToken) =>
        Filter(category, communeCode, status, q) is var (filter, errors) && errors is not null
            ? Invalid(new FeedbackOutcome<FeedbackMap>.Invalid(errors))
            : Answer(await service.MapAsync(filter!, cancellationToken), http);

    /// <summary>The filters from the query, enum names in camelCase as in JSON (any case is accepted, numbers are not).</summary>
    private static (FeedbackFilter? Filter, FieldErrors? Errors) Filter(string? category, string? communeCode, string? status, string? q)
    {
        var errors = new FieldErrors();
        var parsedCategory = ParseEnum<FeedbackCategory>(category, "category", errors);
        var parsedStatus = ParseEnum<FeedbackStatus>(status, "status", errors);
        return errors.IsEmpty ? (new FeedbackFilter(parsedCategory, communeCode, parsedStatus, q), null) : (null, errors);
    }

    private static T? ParseEnum<T>(string? value, string field, FieldErrors errors)
        where T : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        if (!value.Any(char.IsDigit) && Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        errors.Add(field, "Unknown value: " + string.Join(", ", Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName)) + ".");
        return null;
    }

    private static async Task<Results<Ok<FeedbackReportView>, NotFound>> Get(long id, FeedbackService service, CancellationToken cancellationToken) =>
        await service.GetPublicAsync(id, cancellationToken) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound();

    private static async Task<Results<ContentHttpResult, NotFound>> Page(long id, FeedbackService service, CancellationToken cancellationToken)
    {
        if (await service.GetPublicAsync(id, cancellationToken) is not { } report)
        {
            return TypedResults.NotFound();
        }

        var html = HtmlEncoder.Default;
        var answer = report.Answer is null ? "" : $"<h2>Trả lời của {html.Encode(report.UnitName ?? "")}</h2><p>{html.Encode(report.Answer)}</p>";
        var page = string.Create(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="vi"><head><meta charset="utf-8"><title>{html.Encode(report.Title)}</title>
            <meta property="og:title" content="{html.Encode(report.Title)}"></head>
            <body><h1>{html.Encode(report.Title)}</h1><p>{html.Encode(report.Text)}</p>{answer}
            <p>{report.LikeCount} lượt thích · {report.ShareCount} lượt chia sẻ</p></body></html>
            """);
        return TypedResults.Content(page, "text/html; charset=utf-8");
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> Photo(long id, FeedbackService service, CancellationToken cancellationToken) =>
        await service.PublicPhotoAsync(id, cancellationToken) is { } photo ? TypedResults.File(photo.Data, photo.ContentType) : TypedResults.NotFound();

    private static async Task<Results<Ok<FeedbackShareView>, ValidationProblem, NotFound, ProblemHttpResult>> Share(long id, HttpContext http, FeedbackService service, CancellationToken cancellationToken) =>
        Answer(await service.ShareAsync(id, cancellationToken), http);

    private static async Task<Results<Created<FeedbackReportView>, ValidationProblem, NotFound, ProblemHttpResult>> Create(
        CreateFeedbackReportRequest request, HttpContext http, FeedbackService service, CancellationToken cancellationToken)
    {
        var outcome = await service.CreateAsync(http.User.Id(), request, cancellationToken);
        return outcome switch
        {
            FeedbackOutcome<FeedbackReportView>.Done done => TypedResults.Created($"/api/feedback/reports/{done.Value.Id.ToString(CultureInfo.InvariantCulture)}", done.Value),
            FeedbackOutcome<FeedbackReportView>.Invalid invalid => Invalid(invalid),
            FeedbackOutcome<FeedbackReportView>.NotFound => TypedResults.NotFound(),
            _ => Problem(outcome, http),
        };
    }

    private static async Task<Ok<IReadOnlyList<FeedbackReportView>>> Mine(HttpContext http, FeedbackService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.MineAsync(http.User.Id(), cancellationToken));

    private static async Task<Results<NoContent, ValidationProblem, NotFound, ProblemHttpResult>> Withdraw(long id, HttpContext http, FeedbackService service, CancellationToken cancellationToken)
    {
        var outcome = await service.WithdrawAsync(http.User.Id(), id, cancellationToken);
        return outcome switch
        {
            FeedbackOutcome<bool>.Done => TypedResults.NoContent(),
            FeedbackOutcome<bool>.Invalid invalid => Invalid(invalid),
            FeedbackOutcome<bool>.NotFound => TypedResults.NotFound(),
            _ => Problem(outcome, http),
        };
    }

    private static async Task<Results<Ok<FeedbackLikeView>, ValidationProblem, NotFound, ProblemHttpResult>> Like(long id, HttpContext http, FeedbackService service, CancellationToken cancellationToken) =>
        Answer(await service.LikeAsync(http.User.Id(), id, cancellationToken), http);

    private static async Task<Results<Ok<FeedbackLikeView>, ValidationProblem, NotFound, ProblemHttpResult>> Unlike(long id, HttpContext http, FeedbackService service, CancellationToken cancellationToken) =>
        Answer(await service.UnlikeAsync(http.User.Id(), id, cancellationToken), http);

    private static async Task<Ok<IReadOnlyList<StaffFeedbackReportView>>> Queue(FeedbackService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ModerationQueueAsync(cancellationToken));

    private static async Task<Results<Ok<IReadOnlyList<FeedbackDuplicateView>>, ValidationProblem, NotFound, ProblemHttpResult>> Duplicates(
        long id, HttpContext http, FeedbackService service, CancellationToken cancellationToken) =>
        Answer(await service.DuplicatesAsync(id, cancellationToken), http);

    private static async Task<Results<Ok<FeedbackReportView>, ValidationProblem, NotFound, ProblemHttpResult>> Approve(long id, HttpContext http, FeedbackService service, CancellationToken cancellationToken) =>
        Answer(await service.ApproveAsync(http.User.Id(), id, cancellationToken), http);

    private static async Task<Results<Ok<FeedbackReportView>, ValidationProblem, NotFound, ProblemHttpResult>> Reject(
        long id, RejectFeedbackRequest request, HttpContext http, FeedbackService service, CancellationToken cancellationToken) =>
        Answer(await service.RejectAsync(http.User.Id(), id, request, cancellationToken), http);

    private static async Task<Results<Ok<FeedbackReportView>, ValidationProblem, NotFound, ProblemHttpResult>> Merge(
        long id, MergeFeedbackRequest request, HttpContext http, FeedbackService service, CancellationToken cancellationToken) =>
        Answer(await service.MergeAsync(http.User.Id(), id, request, cancellationToken), http);

    private static async Task<Results<Ok<IReadOnlyList<StaffFeedbackReportView>>, ValidationProblem, NotFound, ProblemHttpResult>> UnitQueue(
        HttpContext http, FeedbackService service, CancellationToken cancellationToken) =>
        Answer(await service.UnitQueueAsync(http.User.Id(), cancellationToken), http);

    private static async Task<Results<Ok<FeedbackReportView>, ValidationProblem, NotFound, ProblemHttpResult>> Accept(long id, HttpContext http, FeedbackService service, CancellationToken cancellationToken) =>
        Answer(await service.AcceptAsync(http.User.Id(), id, cancellationToken), http);

    private static async Task<Results<Ok<FeedbackReportView>, ValidationProblem, NotFound, ProblemHttpResult>> AnswerReport(
        long id, AnswerFeedbackRequest request, HttpContext http, FeedbackService service, CancellationToken cancellationToken) =>
        Answer(await service.AnswerAsync(http.User.Id(), id, request, cancellationToken), http);

    private static async Task<Results<Ok<FeedbackReportView>, ValidationProblem, NotFound, ProblemHttpResult>> Transfer(
        long id, TransferFeedbackRequest request, HttpContext http, FeedbackService service, CancellationToken cancellationToken) =>
        Answer(await service.TransferAsync(http.User.Id(), id, request, cancellationToken), http);

    private static async Task<Results<Ok<IocFeedPage>, ValidationProblem, NotFound, ProblemHttpResult>> Feed(
        string? after, int? limit, HttpContext http, FeedbackRouting routing, IocFeed feed, CancellationToken cancellationToken)
    {
        if (!http.User.IsAdmin() && await routing.UnitOfAsync(http.User.Id(), cancellationToken) is not { IsOperationsCentre: true })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Admins and the IOC's staff only.",
                detail: "The feed is the IOC's: an admin assigns staff to the IOC unit (PUT /api/feedback/staff/{id}).");
        }

        return Answer(await feed.PageAsync(after, limit, cancellationToken), http);
    }

    private static async Task<Ok<FeedbackRoutingTable>> Routing(FeedbackRouting routing, CancellationToken cancellationToken) =>
        TypedResults.Ok(await routing.TableAsync(cancellationToken));

    private static async Task<Results<Ok<FeedbackRouteView>, ValidationProblem, NotFound, ProblemHttpResult>> SetRoute(
        SetFeedbackRouteRequest request, HttpContext http, FeedbackRouting routing, CancellationToken cancellationToken) =>
        Answer(await routing.SetRouteAsync(request, cancellationToken), http);

    private static async Task<Results<Ok<FeedbackUnitView?>, ValidationProblem, NotFound, ProblemHttpResult>> AssignStaff(
        long id, AssignFeedbackStaffRequest request, HttpContext http, FeedbackRouting routing, CancellationToken cancellationToken) =>
        Answer(await routing.AssignStaffAsync(id, request, cancellationToken), http);

    private static Results<Ok<T>, ValidationProblem, NotFound, ProblemHttpResult> Answer<T>(FeedbackOutcome<T> outcome, HttpContext http) => outcome switch
    {
        FeedbackOutcome<T>.Done done => TypedResults.Ok(done.Value),
        FeedbackOutcome<T>.Invalid invalid => Invalid(invalid),
        FeedbackOutcome<T>.NotFound => TypedResults.NotFound(),
        _ => Problem(outcome, http),
    };

    private static ValidationProblem Invalid<T>(FeedbackOutcome<T>.Invalid invalid) =>
        TypedResults.ValidationProblem(invalid.Errors.ToDictionary(), title: "One or more fields are invalid.");

    private static ProblemHttpResult Problem<T>(FeedbackOutcome<T> outcome, HttpContext http)
    {
        switch (outcome)
        {
            case FeedbackOutcome<T>.VerificationRequired:
                return VerificationProblems.Required(TrustedActions.Feedback);
            case FeedbackOutcome<T>.Forbidden forbidden:
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed.", detail: forbidden.Detail);
            case FeedbackOutcome<T>.Conflict conflict:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not in a state that allows this.", detail: conflict.Detail);
            case FeedbackOutcome<T>.Slowed slowed:
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(slowed.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many reports.",
                    detail: "The limit of reports per person in 24 hours is reached; try again after Retry-After seconds.");
            default:
                throw new InvalidOperationException($"No answer for {outcome.GetType().Name}.");
        }
    }
}
