using DongNai.Civic.PublicServices;
using DongNai.Domain.Civic.PublicServices;
using DongNai.Domain.Messaging;
using DongNai.Domain.Validation;
using DongNai.Identity;
using DongNai.Messaging.Notifications;
using DongNai.Search.Api.Accounts;
using DongNai.Search.Api.Hosting;
using DongNai.Search.Api.Parameters;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace DongNai.Search.Api.Civic.PublicServices;

/// <summary>A staff move: the state to go to and a note (required for needsMoreInformation and refused).</summary>
public sealed record ApplicationMoveRequest(ApplicationStatus? To, string? Note);

/// <summary>
/// Applications for the public services that take them here (issue 13, decision 0020). The
/// catalogue itself is the <c>public-services</c> kind (<c>/api/public-services</c>,
/// <c>/api/search/public-services</c>). The applicant, identity verified, reads the form filled
/// from their CCCD card, submits the typed rest, attaches files and follows the state by its
/// tracking code; agency staff and admins work the queue and move applications, never their own.
/// Every state change notifies the applicant. A procedure with a fee gets a fee order at
/// submission, which the applicant pays through the order checkout; staff take the application up
/// only once it is paid. Personal data: answers carry <c>Cache-Control: no-store</c>.
/// </summary>
public static class PublicServiceEndpoints
{
    /// <summary>The largest attachment upload: one file and the multipart framing.</summary>
    public const long MaxUploadBytes = AttachmentRules.MaxBytes + (64 * 1024);

    private static readonly QueryParameter FormParameter = QueryParameter.Choice(
        "form", "ApplicationFormCode", [.. Enum.GetValues<ApplicationForm>().Select(Code)], "Only applications of this procedure.");

    private static readonly QueryParameter CommuneParameter = QueryParameter.Text(
        "commune", 10, "Only applications handled by this commune or ward (GSO code, see GET /api/places/communes).", "26734");

    private static readonly QueryParameter StatusParameter = QueryParameter.Choice(
        "status", "ApplicationStatusCode", [.. Enum.GetValues<ApplicationStatus>().Select(PublicServiceApplications.Code)], "Only applications in this state; without it, the open ones (not done or refused).");

    public static void MapPublicServiceEndpoints(this IEndpointRouteBuilder routes)
    {
        var citizen = routes.MapGroup("/api").WithTags("PublicServiceApplications").RequireAuthorization();
        citizen.MapGet("/public-services/{id:long}/form", Form).WithName("PublicServiceForm")
            .WithSummary("The application form of a public service, its applicant fields filled from the signed-in person's verified CCCD card and locked")
            .WithDescription("403 until the identity is verified; 404 when the service takes no application here (it links out instead).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        citizen.MapPost("/civic/applications", Submit).WithName("SubmitPublicServiceApplication")
            .WithSummary("Submit an application; the answer carries its tracking code")
            .WithDescription("The applicant fields (fullName, dateOfBirth, cccdNumber, permanentAddress) come from the verified CCCD card: sending any of them is refused with a 400 naming it. Send the typed form of the service's procedure (diplomaCopy, maritalStatus or birthRegistration) and the commune whose office handles it. 403 until the identity is verified. The applicant is notified. When the procedure has a fee (feeVnd > 0), the answer's fee names the fee order made with the application (for that amount, the applicant's own): pay it through POST /api/me/orders/{fee.orderId}/checkout; staff take the application up once it is paid. Without a fee, fee is null.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        citizen.MapGet("/me/civic/applications", Mine).WithName("MyPublicServiceApplications")
            .WithSummary("The signed-in person's applications, newest first");
        citizen.MapGet("/civic/applications/{id:long}", Track).WithName("TrackPublicServiceApplication")
            .WithSummary("One of the signed-in person's applications by its tracking code: state, history with notes and who made each change, attachments, fee")
            .WithDescription("Another person's tracking code answers 404, as if it did not exist.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        citizen.MapPost("/civic/applications/{id:long}/attachments", Attach).WithName("AttachToPublicServiceApplication")
            .WithSummary("Attach a file to one's own application (multipart: file, label)")
            .WithDescription($"PDF, JPEG or PNG as its first bytes show (a stated type that disagrees is refused), at most {AttachmentRules.MaxBytes / (1024 * 1024)} MiB, {AttachmentRules.MaxPerApplication} per application; stored encrypted. Only while the application is received or needs more information (409 otherwise).")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = Upload();
                return Task.CompletedTask;
            })
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes))
            .DisableAntiforgery()
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        citizen.MapPost("/civic/applications/{id:long}/fee-order", NewFeeOrder).WithName("NewPublicServiceFeeOrder")
            .WithSummary("A new fee order for one's own application, when the last one expired, failed, was cancelled or refunded unpaid")
            .WithDescription("201 with the fee (state awaitingPayment, the new orderId; Location: the order) for the fee at submission, whatever the catalogue says now; pay it through POST /api/me/orders/{orderId}/checkout. 409 with reason noFee, feePaid, feeOrderOpen (the open order is still payable) or applicationClosed (done or refused). Another person's tracking code answers 404.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);

        var staff = routes.MapGroup("/api/civic").WithTags("PublicServiceApplications")
            .RequireAuthorization(policy => policy.RequireRole(RoleNames.AgencyStaff, RoleNames.Admin));
        staff.MapGet("/queue", Queue).WithName("PublicServiceQueue")
            .WithSummary($"The staff queue: the oldest {PublicServiceApplications.QueuePageSize} applications, by procedure, commune and state (agency staff and admins)")
            .AllowQuery(FormParameter, CommuneParameter, StatusParameter);
        staff.MapGet("/queue/{id:long}", ForStaff).WithName("GetPublicServiceApplicationForStaff")
            .WithSummary("An application by its tracking code, with the applicant's fields and form (agency staff and admins)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPost("/queue/{id:long}/transitions", Move).WithName("MovePublicServiceApplication")
            .WithSummary("Move an application to its next state with a note (agency staff and admins, never on their own application)")
            .WithDescription("received → processing | refused; processing → needsMoreInformation | done | refused; needsMoreInformation → processing | refused. A note is required for needsMoreInformation and refused. Another move answers 409; so does received → processing while the application's fee is unpaid (reason feeUnpaid). Refusing an application cancels its open fee order. The applicant is notified of each move.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        staff.MapPut("/staff/{id:long}/communes", SetStaffCommunes).WithName("SetPublicServiceStaffCommunes")
            .WithSummary("Limit an agency staff account to the applications of some communes; an empty list lifts the limit (admins)")
            .WithDescription("A staff member limited to communes sees and moves only their applications (another commune's answers 404); one without communes, and every admin, works the whole province.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(policy => policy.RequireRole(RoleNames.Admin))
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        staff.MapGet("/attachments/{id:long}", Attachment).WithName("GetPublicServiceAttachment")
            .WithSummary("An attached file, decrypted (agency staff and admins)")
            .Produces(StatusCodes.Status200OK, contentType: AttachmentRules.Pdf, additionalContentTypes: [AttachmentRules.Jpeg, AttachmentRules.Png])
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<PrefilledForm>, ProblemHttpResult, NotFound>> Form(
        long id, HttpContext http, PublicServiceApplications applications, CancellationToken cancellationToken)
    {
        var (form, refusal) = await applications.PrefillAsync(http.User.Id(), id, cancellationToken);
        NoStore(http);
        return refusal switch
        {
            null => TypedResults.Ok(form!),
            ApplicationResult.NotVerified => NotVerified(),
            _ => TypedResults.NotFound(),
        };
    }

    private static async Task<Results<Created<ApplicationView>, ValidationProblem, ProblemHttpResult>> Submit(
        ApplicationRequest request, HttpContext http, PublicServiceApplications applications, Notifier notifier, CancellationToken cancellationToken)
    {
        var result = await applications.SubmitAsync(http.User.Id(), request, cancellationToken);
        NoStore(http);
        switch (result)
        {
            case ApplicationResult.Ok ok:
                await NotifyAsync(notifier, ok, cancellationToken);
                return TypedResults.Created($"/api/civic/applications/{ok.Application.TrackingCode}", ok.Application);
            case ApplicationResult.Invalid invalid:
                return Invalid(invalid.Errors);
            case ApplicationResult.NotVerified:
                return NotVerified();
            default:
                throw new InvalidOperationException($"Unexpected submission result {result}.");
        }
    }

    private static async Task<Ok<List<ApplicationSummary>>> Mine(HttpContext http, PublicServiceApplications applications, CancellationToken cancellationToken)
    {
        NoStore(http);
        return TypedResults.Ok(await applications.MineAsync(http.User.Id(), cancellationToken));
    }

    private static async Task<Results<Ok<ApplicationView>, NotFound>> Track(
        long id, HttpContext http, PublicServiceApplications applications, CancellationToken cancellationToken)
    {
        NoStore(http);
        return await applications.OwnAsync(http.User.Id(), id, cancellationToken) is ApplicationResult.Ok ok
            ? TypedResults.Ok(ok.Application)
            : TypedResults.NotFound();
    }

    private static async Task<Results<Created<ApplicationView>, ValidationProblem, NotFound, ProblemHttpResult>> Attach(
        long id, IFormFile? file, [FromForm] string? label, HttpContext http, PublicServiceApplications applications, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Text(label, "label", 2, ApplicationAttachment.MaxLabelLength);
        byte[]? content = null;
        if (AttachmentRules.SizeProblem(file?.Length ?? 0) is { } sizeProblem)
        {
            errors.Add("file", sizeProblem);
        }
        else
        {
            using var buffer = new MemoryStream((int)file!.Length);
            await file.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
            if (AttachmentRules.ContentProblem(content, file.ContentType) is { } contentProblem)
            {
                errors.Add("file", contentProblem);
            }
        }

        if (!errors.IsEmpty)
        {
            return Invalid(errors);
        }

        NoStore(http);
        return await applications.AttachAsync(http.User.Id(), id, label!.Trim(), AttachmentRules.Sniff(content)!, content!, cancellationToken) switch
        {
            ApplicationResult.Ok ok => TypedResults.Created($"/api/civic/applications/{id}", ok.Application),
            ApplicationResult.Conflict conflict => Conflict(conflict),
            _ => TypedResults.NotFound(),
        };
    }

    private static async Task<Results<Created<ApplicationFee>, NotFound, ProblemHttpResult>> NewFeeOrder(
        long id, HttpContext http, PublicServiceApplications applications, CancellationToken cancellationToken)
    {
        var result = await applications.NewFeeOrderAsync(http.User.Id(), id, cancellationToken);
        NoStore(http);
        return result switch
        {
            ApplicationResult.FeeOrdered ordered => TypedResults.Created(
                $"/api/me/orders/{ordered.Fee.OrderId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}", ordered.Fee),
            ApplicationResult.Conflict conflict => Conflict(conflict),
            _ => TypedResults.NotFound(),
        };
    }

    private static async Task<Results<Ok<List<ApplicationSummary>>, ValidationProblem>> Queue(
        HttpContext http, PublicServiceApplications applications, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var reader = new QueryReader(http.Request.Query, errors);
        var form = reader.Choice(FormParameter);
        var commune = reader.Text(CommuneParameter);
        var status = reader.Choice(StatusParameter);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more parameters are invalid.");
        }

        NoStore(http);
        var communes = await applications.StaffCommunesAsync(http.User.Id(), http.User.IsAdmin(), cancellationToken);
        return TypedResults.Ok(await applications.QueueAsync(
            form is null ? null : Enum.GetValues<ApplicationForm>().Single(f => Code(f) == form),
            commune,
            status is null ? null : Enum.GetValues<ApplicationStatus>().Single(s => PublicServiceApplications.Code(s) == status),
            communes,
            cancellationToken));
    }

    private static async Task<Results<Ok<ApplicationView>, NotFound>> ForStaff(
        long id, HttpContext http, PublicServiceApplications applications, CancellationToken cancellationToken)
    {
        NoStore(http);
        var communes = await applications.StaffCommunesAsync(http.User.Id(), http.User.IsAdmin(), cancellationToken);
        return await applications.ForStaffAsync(id, communes, cancellationToken) is ApplicationResult.Ok ok ? TypedResults.Ok(ok.Application) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<ApplicationView>, ValidationProblem, NotFound, ProblemHttpResult>> Move(
        long id, ApplicationMoveRequest request, HttpContext http, PublicServiceApplications applications, Notifier notifier, CancellationToken cancellationToken)
    {
        var communes = await applications.StaffCommunesAsync(http.User.Id(), http.User.IsAdmin(), cancellationToken);
        var result = await applications.MoveAsync(http.User.Id(), id, request.To, request.Note, communes, cancellationToken);
        NoStore(http);
        switch (result)
        {
            case ApplicationResult.Ok ok:
                await NotifyAsync(notifier, ok, cancellationToken);
                return TypedResults.Ok(ok.Application);
            case ApplicationResult.Invalid invalid:
                return Invalid(invalid.Errors);
            case ApplicationResult.OwnApplication:
                return TypedResults.Problem(
                    title: "You cannot move your own application.",
                    detail: "Another member of staff must handle it.",
                    statusCode: StatusCodes.Status403Forbidden);
            case ApplicationResult.Conflict conflict:
                return Conflict(conflict);
            default:
                return TypedResults.NotFound();
        }
    }

    private static async Task<Results<Ok<StaffCommunesView>, ValidationProblem, NotFound>> SetStaffCommunes(
        long id, StaffCommunesRequest request, PublicServiceApplications applications, CancellationToken cancellationToken)
    {
        var (found, errors, communes) = await applications.SetStaffCommunesAsync(id, request.CommuneCodes, cancellationToken);
        if (!found)
        {
            return TypedResults.NotFound();
        }

        return errors.IsEmpty ? TypedResults.Ok(new StaffCommunesView(id, communes)) : Invalid(errors);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> Attachment(
        long id, HttpContext http, PublicServiceApplications applications, CancellationToken cancellationToken)
    {
        var communes = await applications.StaffCommunesAsync(http.User.Id(), http.User.IsAdmin(), cancellationToken);
        if (await applications.AttachmentAsync(id, communes, cancellationToken) is not { } file)
        {
            return TypedResults.NotFound();
        }

        NoStore(http);
        return TypedResults.File(file.Content, file.ContentType);
    }

    /// <summary>Tells the applicant where their application stands: the state and the tracking code only (the note, personal perhaps, stays in the application).</summary>
    private static async Task NotifyAsync(Notifier notifier, ApplicationResult.Ok ok, CancellationToken cancellationToken)
    {
        var application = ok.Application;
        await notifier.NotifyAsync(
            new NotificationRequest(
                ok.ApplicantId,
                NotificationType.PublicServiceStatus,
                $"Hồ sơ {application.TrackingCode} {ApplicationWorkflow.Words(application.Status)}",
                $"{application.ServiceTitle}: hồ sơ của bạn {ApplicationWorkflow.Words(application.Status)}. Mở hồ sơ để xem ghi chú.",
                $"/civic/applications/{application.TrackingCode}"),
            cancellationToken);
    }

    private static string Code(ApplicationForm form)
    {
        var name = form.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";

    /// <summary>A 409 problem; with the conflict's reason code (<c>feeUnpaid</c>, …) as the <c>reason</c> member when it has one.</summary>
    private static ProblemHttpResult Conflict(ApplicationResult.Conflict conflict) => TypedResults.Problem(
        title: conflict.Title,
        detail: conflict.Detail,
        statusCode: StatusCodes.Status409Conflict,
        extensions: conflict.Reason is null ? null : new Dictionary<string, object?> { ["reason"] = conflict.Reason });

    private static ProblemHttpResult NotVerified() => TypedResults.Problem(
        title: "Your identity is not verified.",
        detail: "Applications are filled from a verified CCCD card: fill your identity from the card's QR code (POST /api/identity/cccd-qr) and have it verified first.",
        statusCode: StatusCodes.Status403Forbidden);

    private static ValidationProblem Invalid(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more fields are invalid.");

    private static OpenApiRequestBody Upload() => new()
    {
        Required = true,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string>(StringComparer.Ordinal) { "file", "label" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The document: PDF, JPEG or PNG." },
                        ["label"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What it is (\"Giấy chứng sinh\"), 2 to 100 characters." },
                    },
                },
            },
        },
    };
}

/// <summary>The communes whose applications an agency staff account works; an empty list for every commune.</summary>
public sealed record StaffCommunesRequest(IReadOnlyList<string?>? CommuneCodes);

/// <summary>An agency staff account's communes after the change; empty: the whole province.</summary>
public sealed record StaffCommunesView(long AccountId, IReadOnlyList<string> CommuneCodes);
