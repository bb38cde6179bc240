using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Listings.Cvs;
using DongNai.Domain.Listings.Jobs;
using DongNai.Domain.People;
using DongNai.Identity;
using DongNai.Identity.Cvs;
using DongNai.Identity.Verification;
using DongNai.Domain.Messaging;
using DongNai.Messaging.Notifications;
using DongNai.Search.Api.Accounts;
using DongNai.Search.Api.Hosting;
using DongNai.Search.Api.IdentityVerification;
using DongNai.Search.Api.Parameters;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Search.Api.Cvs;

/// <summary>The identity fields of a CV, from the owner's verified card. Personal data: to the owner, and to the employer of a job the owner applied to.</summary>
public sealed record CvIdentityResponse(string FullName, DateOnly DateOfBirth, string Address)
{
    public static CvIdentityResponse? From(CvIdentityFields? fields) => fields is null ? null : new(fields.FullName, fields.DateOfBirth, fields.Address);
}

/// <summary>A CV in full: the public part, the summary and education detail, and the identity fields (null while the owner's identity is not verified).</summary>
public sealed record CvDetailResponse(CvResponse Cv, string Summary, string? EducationDetail, CvIdentityResponse? Identity)
{
    public static CvDetailResponse From(Cv cv, bool ownerVerified, CvIdentityFields? identity) =>
        new(CvResponse.From(cv, new ListingOwner("", ownerVerified)), cv.Description, cv.EducationDetail, CvIdentityResponse.From(identity));
}

public sealed record ApplicationRequest(long? JobId, long? CvId);

public sealed record ApplicationStatusRequest(ApplicationStatus? Status, string? Reason);

/// <summary>An application as its applicant and the job's owner see it in lists.</summary>
public sealed record ApplicationResponse(long Id, long JobId, string JobTitle, long CvId, ApplicationStatus Status, string? Reason, DateTime CreatedAt, DateTime UpdatedAt, DateTime? DecidedAt);

/// <summary>One application with its CV in full (identity fields included) for the job's owner and the applicant.</summary>
public sealed record ApplicationDetailResponse(ApplicationResponse Application, CvDetailResponse Cv);

/// <summary>CVs (<c>GET /api/cvs/mine</c>; the rest are the generic listing routes of the <c>cvs</c> kind) and applications.</summary>
public static class CvEndpoints
{
    /// <summary>Without bounds, as the document had it before this operation read its parameters here: bounds added now would break generated clients (a major version).</summary>
    public static readonly QueryParameter ReceivedJobId = QueryParameter.WholeNumber("jobId", 1, long.MaxValue, "Only the applications to this job, one of the caller's own (another employer's is a 403, an unknown one a 404).", example: 1)
        with { Minimum = null, Maximum = null };

    public static readonly IReadOnlyList<QueryParameter> ReceivedParameters = [ReceivedJobId];

    public static void MapCvEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/cvs/mine", Mine).WithTags("Cv").WithName("MyCvs")
            .WithSummary("The signed-in worker's CVs in full, with the identity fields from the verified card")
            .RequireAuthorization();

        var applications = routes.MapGroup("/api/applications").WithTags("Applications");
        applications.MapPost("/", Apply).WithName("Apply").WithSummary("Apply to a job with one of your CVs (workers with a verified identity)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(policy => policy.RequireRole(RoleNames.Worker)).RequireRateLimiting(HostingExtensions.WriteRateLimit);
        applications.MapGet("/mine", MyApplications).WithName("MyApplications").WithSummary("The signed-in worker's applications and their status")
            .RequireAuthorization();
        applications.MapGet("/received", Received).WithName("ReceivedApplications")
            .WithSummary("Applications to the signed-in account's own jobs (optionally one job); another employer's job is a 403")
            .WithParameters(ReceivedParameters)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(policy => policy.RequireRole(RoleNames.Employer, RoleNames.Admin));
        applications.MapGet("/{id:long}", Get).WithName("GetApplication")
            .WithSummary("One application with its CV in full (the applicant and the job's owner alone); the owner's first look marks it viewed")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization();
        applications.MapPost("/{id:long}/status", Move).WithName("MoveApplication")
            .WithSummary("Move an application to another status (the job's owner alone)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization().RequireRateLimiting(HostingExtensions.WriteRateLimit);
    }

    private static async Task<Ok<List<CvDetailResponse>>> Mine(HttpContext http, AppDbContext db, CvIdentity identity, CancellationToken cancellationToken)
    {
        var owner = http.User.Id();
        var cvs = await db.Set<Cv>().AsNoTracking().Where(c => c.OwnerId == owner).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var fields = await identity.ReadAsync(owner, cancellationToken);
        return TypedResults.Ok(cvs.Select(cv => CvDetailResponse.From(cv, fields is not null, fields)).ToList());
    }

    private static async Task<Results<Created<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> Apply(
        ApplicationRequest request, HttpContext http, ApplicationService applications, VerificationGate verification, AppDbContext db, CancellationToken cancellationToken)
    {
        var caller = http.User.Id();
        if (!await verification.AllowsAsync(TrustedActions.Apply, caller, cancellationToken))
        {
            return VerificationProblems.Required(TrustedActions.Apply);
        }

        var errors = new Domain.Validation.FieldErrors();
        errors.Range(request.JobId, "jobId", 1, long.MaxValue);
        errors.Range(request.CvId, "cvId", 1, long.MaxValue);
        if (!errors.IsEmpty)
        {
            return Invalid(errors.ToDictionary());
        }

        switch (await applications.ApplyAsync(caller, request.JobId!.Value, request.CvId!.Value, cancellationToken))
        {
            case ApplyResult.Applied applied:
                var answer = (await DescribeAsync(db, [applied.Application], cancellationToken))[0];
                return TypedResults.Created($"/api/applications/{answer.Id}", answer);
            case ApplyResult.Invalid invalid:
                return Invalid(new Dictionary<string, string[]> { [invalid.Field] = [invalid.Message] });
            case ApplyResult.AlreadyApplied already:
                return TypedResults.Problem(
                    title: "You already applied to this job.", statusCode: StatusCodes.Status409Conflict,
                    extensions: new Dictionary<string, object?> { ["field"] = "jobId", ["applicationId"] = already.ApplicationId });
            default:
                throw new InvalidOperationException("Unknown outcome of applying.");
        }
    }

    private static async Task<Ok<List<ApplicationResponse>>> MyApplications(HttpContext http, ApplicationService applications, AppDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await DescribeAsync(db, await applications.MineAsync(http.User.Id(), cancellationToken), cancellationToken));

    private static async Task<Results<Ok<List<ApplicationResponse>>, ValidationProblem, ProblemHttpResult>> Received(
        HttpContext http, ApplicationService applications, AppDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Domain.Validation.FieldErrors();
        var reader = new QueryReader(http.Request.Query, errors);
        var jobId = reader.RejectUnknown(ReceivedParameters) ? reader.WholeNumber(ReceivedJobId) : null;
        if (!errors.IsEmpty)
        {
            return Invalid(errors.ToDictionary());
        }

        var caller = http.User.Id();
        if (jobId is { } id)
        {
            var job = await db.Set<JobPosting>().AsNoTracking().Where(j => j.Id == id).Select(j => new { j.OwnerId }).SingleOrDefaultAsync(cancellationToken);
            if (job is null)
            {
                // A well-formed id of no job: not a parameter error, a missing resource.
                return TypedResults.Problem(
                    title: "No such job.", statusCode: StatusCodes.Status404NotFound,
                    extensions: new Dictionary<string, object?> { ["field"] = ReceivedJobId.Name });
            }

            if (job.OwnerId != caller)
            {
                return TypedResults.Problem(title: "This job is another employer's: its applicants are theirs alone.", statusCode: StatusCodes.Status403Forbidden);
            }
        }

        return TypedResults.Ok(await DescribeAsync(db, await applications.ReceivedAsync(caller, jobId, cancellationToken), cancellationToken));
    }

    private static async Task<Results<Ok<ApplicationDetailResponse>, ProblemHttpResult>> Get(
        long id, HttpContext http, ApplicationService applications, AppDbContext db, CvIdentity identity, CancellationToken cancellationToken)
    {
        var application = await applications.ViewAsync(id, http.User.Id(), cancellationToken);
        if (application is null)
        {
            return NoSuchApplication();
        }

        var cv = await db.Set<Cv>().AsNoTracking().SingleAsync(c => c.Id == application.CvId, cancellationToken);
        var fields = await identity.ReadAsync(cv.OwnerId, cancellationToken);
        var described = (await DescribeAsync(db, [application], cancellationToken))[0];
        return TypedResults.Ok(new ApplicationDetailResponse(described, CvDetailResponse.From(cv, fields is not null, fields)));
    }

    /// <summary>
    /// Tells the applicant the employer's decision through the inbox (and a push where they allow it):
    /// the job and the new status only; the employer's reason stays in the application.
    /// </summary>
    private static async Task<ApplicationResponse> NotifyAsync(Notifier notifier, long applicantId, ApplicationResponse application, CancellationToken cancellationToken)
    {
        var words = application.Status switch
        {
            ApplicationStatus.Viewed => "đã được nhà tuyển dụng xem",
            ApplicationStatus.Shortlisted => "đã vào danh sách phỏng vấn",
            ApplicationStatus.Hired => "đã được nhận",
            ApplicationStatus.Rejected => "chưa phù hợp lần này",
            _ => "đã được cập nhật",
        };
        await notifier.NotifyAsync(
            new NotificationRequest(
                applicantId,
                NotificationType.ApplicationStatus,
                $"Hồ sơ ứng tuyển {words}",
                $"{application.JobTitle}: hồ sơ của bạn {words}.",
                "/applications/" + application.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            cancellationToken);
        return application;
    }

    private static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> Move(
        long id, ApplicationStatusRequest request, HttpContext http, ApplicationService applications, AppDbContext db, Notifier notifier, CancellationToken cancellationToken)
    {
        var errors = new Domain.Validation.FieldErrors();
        errors.When(request.Status is null, "status", "Required.");
        errors.Defined(request.Status, "status");
        errors.When(request.Status == ApplicationStatus.Submitted, "status", "An application cannot be moved back to submitted.");
        errors.Text(request.Reason, "reason", 0, JobApplication.MaxReasonLength, required: false);
        if (!errors.IsEmpty)
        {
            return Invalid(errors.ToDictionary());
        }

        var (outcome, application) = await applications.MoveAsync(id, http.User.Id(), request.Status!.Value, request.Reason, cancellationToken);
        return outcome switch
        {
            StatusChange.Changed => TypedResults.Ok(await NotifyAsync(notifier, application!.ApplicantId, (await DescribeAsync(db, [application], cancellationToken))[0], cancellationToken)),
            StatusChange.NotFound => NoSuchApplication(),
            StatusChange.Forbidden => TypedResults.Problem(title: "Only the job's owner moves its applications.", statusCode: StatusCodes.Status403Forbidden),
            _ => TypedResults.Problem(
                title: "This move is not allowed from the application's status.",
                detail: $"From {application!.Status} it may go to: {string.Join(", ", ApplicationService.AllowedFrom[application.Status])}.",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["field"] = "status" }),
        };
    }

    private static async Task<List<ApplicationResponse>> DescribeAsync(AppDbContext db, IReadOnlyList<JobApplication> applications, CancellationToken cancellationToken)
    {
        var jobIds = applications.Select(a => a.JobId).Distinct().ToList();
        var titles = await db.Set<JobPosting>().AsNoTracking().Where(j => jobIds.Contains(j.Id)).ToDictionaryAsync(j => j.Id, j => j.Title, cancellationToken);
        return applications.Select(a => new ApplicationResponse(
            a.Id, a.JobId, titles.GetValueOrDefault(a.JobId, ""), a.CvId, a.Status, a.Reason, a.CreatedAt, a.UpdatedAt, a.DecidedAt)).ToList();
    }

    private static ProblemHttpResult NoSuchApplication() =>
        TypedResults.Problem(title: "No such application.", statusCode: StatusCodes.Status404NotFound);

    private static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "One or more fields are invalid.");
}
