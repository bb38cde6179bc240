using DongNai.Domain;
using DongNai.Domain.People;
using DongNai.Domain.Validation;
using DongNai.Identity;
using DongNai.Identity.Cccd;
using DongNai.Identity.PersonalData;
using DongNai.Identity.Verification;
using DongNai.Indexers;
using DongNai.Search.Api.Accounts;
using DongNai.Search.Api.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;

namespace DongNai.Search.Api.IdentityVerification;

public sealed record CccdQrRequest(string? Text);

/// <summary>The QR text, and <paramref name="Consent"/>: true to consent to the profile-autofill purpose, which filling records.</summary>
public sealed record CccdFillRequest(string? Text, bool? Consent);

/// <summary>The fields of a CCCD card. Personal data: answered to the card's owner alone.</summary>
public sealed record CccdFieldsResponse(
    string CccdNumber,
    string? OldIdNumber,
    string FullName,
    DateOnly DateOfBirth,
    Gender Gender,
    string Address,
    DateOnly IssueDate)
{
    public static CccdFieldsResponse From(CccdCard card) =>
        new(card.CccdNumber, card.OldIdNumber, card.FullName, card.DateOfBirth, card.Gender, card.Address, card.IssueDate);
}

/// <summary>Where the verification stands; <paramref name="Reason"/> and <paramref name="DecidedAt"/> once decided.</summary>
public sealed record VerificationResponse(VerificationStatus Status, string? Reason, DateTime? DecidedAt)
{
    public static VerificationResponse From(Profile profile) => new(profile.Verification, profile.VerificationReason, profile.VerificationDecidedAt);
}

/// <summary>The signed-in person's identity: the card filled from its QR code (null until then) and the verification.</summary>
public sealed record IdentityResponse(CccdFieldsResponse? Card, VerificationResponse Verification);

/// <summary>A submission waiting for review: the card's name and date of birth to compare with the photos, and only the last four digits of its number.</summary>
public sealed record ReviewItemResponse(long Id, DateTime SubmittedAt, string FullName, DateOnly DateOfBirth, Gender Gender, string CccdNumberEnding);

public sealed record RejectRequest(string? Reason);

public sealed record ApproveRequest(string? Reason);

public sealed record ConsentRequest(ConsentPurpose? Purpose);

public sealed record ConsentResponse(ConsentPurpose Purpose, bool Granted, DateTime? GrantedAt, DateTime? WithdrawnAt)
{
    public static ConsentResponse From(ConsentState state) => new(state.Purpose, state.Granted, state.GrantedAt, state.WithdrawnAt);
}

/// <summary>
/// Identity and personal data (issue 10): the CCCD QR code read and filled into the profile, the
/// verification workflow (the person submits photos, agency staff review them), consent per
/// purpose, and the person's own data to export or erase. Card fields are answered to their owner
/// alone; reviewers see the photos and a card's name, birth date and last four digits while the
/// submission waits, and nothing after the decision.
/// </summary>
public static class IdentityEndpoints
{
    /// <summary>The largest verification upload: two images of <see cref="VerificationPhotos.MaxBytes"/> and the multipart framing.</summary>
    public const long MaxSubmissionBytes = (2 * VerificationPhotos.MaxBytes) + (64 * 1024);

    public static void MapIdentityEndpoints(this IEndpointRouteBuilder routes)
    {
        var identity = routes.MapGroup("/api/identity").WithTags("Identity").RequireAuthorization();
        identity.MapPost("/cccd-qr/parse", Parse).WithName("ParseCccdQr")
            .WithSummary("Read the QR code of a CCCD chip card and check every field; stores nothing")
            .WithDescription("Answers the card's fields, or a 400 problem whose errors are keyed by the field names (text when it is not seven fields). Rate limited per account with the writes.")
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        identity.MapPost("/cccd-qr", Fill).WithName("FillProfileFromCccdQr")
            .WithSummary("Fill the signed-in person's identity from the QR code of their CCCD card")
            .WithDescription("Needs consent: true (recorded as the profileAutofill consent). The number is stored only as a keyed hash and ciphertext; 409 when another account holds the card, or when a verification is pending and the number differs. Another number than the verified one makes the profile unverified again.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        identity.MapPost("/verification", Submit).WithName("SubmitVerification")
            .WithSummary("Submit an ID card photo and a selfie for verification (multipart: idPhoto, selfie)")
            .WithDescription($"JPEG or PNG, at most {VerificationPhotos.MaxBytes / (1024 * 1024)} MiB each. Needs the CCCD card filled first (409 otherwise), and no verification pending or done (409). The photos are stored encrypted, shown to reviewers only and deleted with the decision. After a rejection, submit again.")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = PhotoUpload();
                return Task.CompletedTask;
            })
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithMetadata(new RequestSizeLimitAttribute(MaxSubmissionBytes))
            .DisableAntiforgery()
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);

        var review = identity.MapGroup("/verification").RequireAuthorization(policy => policy.RequireRole(RoleNames.AgencyStaff, RoleNames.Admin));
        review.MapGet("/queue", Queue).WithName("VerificationQueue")
            .WithSummary($"The oldest {VerificationService.QueuePageSize} verification submissions waiting for review (agency staff and admins)");
        review.MapGet("/{id:long}/id-photo", IdPhoto).WithName("VerificationIdPhoto")
            .WithSummary("The ID card photo of a waiting submission (agency staff and admins)")
            .Produces(StatusCodes.Status200OK, contentType: VerificationPhotos.Jpeg, additionalContentTypes: [VerificationPhotos.Png]);
        review.MapGet("/{id:long}/selfie", Selfie).WithName("VerificationSelfie")
            .WithSummary("The selfie of a waiting submission (agency staff and admins)")
            .Produces(StatusCodes.Status200OK, contentType: VerificationPhotos.Jpeg, additionalContentTypes: [VerificationPhotos.Png]);
        review.MapPost("/{id:long}/approve", Approve).WithName("ApproveVerification")
            .WithSummary("Approve a waiting submission: the person is verified and the photos are deleted (agency staff and admins)")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        review.MapPost("/{id:long}/reject", Reject).WithName("RejectVerification")
            .WithSummary("Reject a waiting submission with a reason: the photos are deleted and the person may submit again (agency staff and admins)")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);

        var me = routes.MapGroup("/api/me").WithTags("Identity").RequireAuthorization();
        me.MapGet("/identity", GetIdentity).WithName("GetMyIdentity")
            .WithSummary("The signed-in person's CCCD card fields (to them alone) and verification status");
        me.MapGet("/consents", Consents).WithName("MyConsents").WithSummary("Consent per purpose: profileAutofill, cvSharing, personalQr");
        me.MapPost("/consents/grant", Grant).WithName("GrantConsent").WithSummary("Consent to a purpose (recorded with the time)")
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        me.MapPost("/consents/withdraw", Withdraw).WithName("WithdrawConsent")
            .WithSummary("Withdraw consent to a purpose; withdrawing profileAutofill also erases the stored CCCD card, pending photos and the verification")
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        me.MapGet("/data", Export).WithName("ExportMyData")
            .WithSummary("Everything the service stores about the signed-in person, decrypted, as JSON")
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        me.MapDelete("/", Erase).WithName("DeleteMyAccount")
            .WithSummary("Delete the signed-in account and everything keyed by it: profile, identity, photos, consents, sessions, events, companies and listings (removed from search too)")
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
    }

    /// <summary>
    /// The upload as one flat object of two required binary fields: the framework's own description
    /// (an allOf of one object per file parameter) lost all but the last file in the generated client.
    /// </summary>
    private static OpenApiRequestBody PhotoUpload() => new()
    {
        Required = true,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string>(StringComparer.Ordinal) { "idPhoto", "selfie" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["idPhoto"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "A photo of the front of the CCCD card: JPEG or PNG." },
                        ["selfie"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "A photo of the person's face, taken now: JPEG or PNG." },
                    },
                },
            },
        },
    };

    private static Results<Ok<CccdFieldsResponse>, ValidationProblem> Parse(CccdQrRequest request, CccdQrParser parser) =>
        parser.Parse(request.Text) switch
        {
            CccdQrResult.Parsed parsed => TypedResults.Ok(CccdFieldsResponse.From(parsed.Card)),
            CccdQrResult.Invalid invalid => Invalid(invalid.Errors),
            _ => throw new InvalidOperationException("Unknown parse result."),
        };

    private static async Task<Results<Ok<IdentityResponse>, ValidationProblem, ProblemHttpResult>> Fill(
        CccdFillRequest request, HttpContext http, CccdQrParser parser, IdentityCardService cards, CancellationToken cancellationToken)
    {
        var parsed = parser.Parse(request.Text);
        var errors = parsed is CccdQrResult.Invalid invalid ? invalid.Errors : new FieldErrors();
        errors.When(request.Consent != true, "consent", "Must be true: filling the profile from the card needs your consent to the profileAutofill purpose.");
        if (!errors.IsEmpty)
        {
            return Invalid(errors);
        }

        var card = ((CccdQrResult.Parsed)parsed).Card;
        return await cards.FillAsync(http.User.Id(), card, cancellationToken) switch
        {
            CardFillResult.Filled filled => TypedResults.Ok(new IdentityResponse(CccdFieldsResponse.From(filled.Card), new VerificationResponse(filled.Verification, null, null))),
            CardFillResult.HeldByAnotherAccount => TypedResults.Problem(
                title: "This CCCD card belongs to another account.",
                detail: "One account per CCCD card. If this is your card and you did not register the other account, contact agency staff.",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["field"] = "cccdNumber" }),
            CardFillResult.VerificationPending => TypedResults.Problem(
                title: "A verification of your current card is pending.",
                detail: "Wait for its decision before filling another card.",
                statusCode: StatusCodes.Status409Conflict),
            _ => AccountGone(),
        };
    }

    private static async Task<Results<Ok<IdentityResponse>, ProblemHttpResult>> GetIdentity(
        HttpContext http, AppDbContext db, IdentityCardService cards, CancellationToken cancellationToken)
    {
        var id = http.User.Id();
        var profile = await db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.AccountId == id, cancellationToken);
        if (profile is null)
        {
            return AccountGone();
        }

        var card = await cards.RevealAsync(id, cancellationToken);
        return TypedResults.Ok(new IdentityResponse(card is null ? null : CccdFieldsResponse.From(card), VerificationResponse.From(profile)));
    }

    private static async Task<Results<Ok<VerificationResponse>, ValidationProblem, ProblemHttpResult>> Submit(
        IFormFile? idPhoto, IFormFile? selfie, HttpContext http, VerificationService verification, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var id = await ReadPhotoAsync(idPhoto, "idPhoto", errors, cancellationToken);
        var face = await ReadPhotoAsync(selfie, "selfie", errors, cancellationToken);
        if (!errors.IsEmpty)
        {
            return Invalid(errors);
        }

        return await verification.SubmitAsync(http.User.Id(), id!, face!, cancellationToken) switch
        {
            SubmissionResult.Submitted submitted => TypedResults.Ok(new VerificationResponse(submitted.Status, null, null)),
            SubmissionResult.NoCard => Conflict("Fill your identity from your CCCD card first.", "POST /api/identity/cccd-qr with the text of the card's QR code, then submit the photos."),
            SubmissionResult.AlreadyPending => Conflict("A verification is already pending.", "Wait for its decision."),
            SubmissionResult.AlreadyVerified => Conflict("Your identity is already verified.", null),
            _ => AccountGone(),
        };
    }

    private static async Task<Ok<List<ReviewItemResponse>>> Queue(VerificationService verification, CancellationToken cancellationToken)
    {
        var items = await verification.QueueAsync(cancellationToken);
        return TypedResults.Ok(items.ConvertAll(i => new ReviewItemResponse(i.Id, i.SubmittedAt, i.FullName, i.DateOfBirth, i.Gender, i.CccdNumberEnding)));
    }

    private static Task<Results<FileContentHttpResult, NotFound>> IdPhoto(long id, HttpContext http, VerificationService verification, CancellationToken cancellationToken) =>
        PhotoAsync(id, selfie: false, http, verification, cancellationToken);

    private static Task<Results<FileContentHttpResult, NotFound>> Selfie(long id, HttpContext http, VerificationService verification, CancellationToken cancellationToken) =>
        PhotoAsync(id, selfie: true, http, verification, cancellationToken);

    private static async Task<Results<NoContent, ValidationProblem, NotFound, ProblemHttpResult>> Approve(
        long id, ApproveRequest request, HttpContext http, VerificationService verification, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Text(request.Reason, "reason", 0, Profile.MaxVerificationReasonLength, required: false);
        return errors.IsEmpty ? Decided(await verification.DecideAsync(id, http.User.Id(), approve: true, request.Reason, cancellationToken)) : Invalid(errors);
    }

    private static async Task<Results<NoContent, ValidationProblem, NotFound, ProblemHttpResult>> Reject(
        long id, RejectRequest request, HttpContext http, VerificationService verification, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Text(request.Reason, "reason", 3, Profile.MaxVerificationReasonLength);
        return errors.IsEmpty ? Decided(await verification.DecideAsync(id, http.User.Id(), approve: false, request.Reason, cancellationToken)) : Invalid(errors);
    }

    private static async Task<Ok<List<ConsentResponse>>> Consents(HttpContext http, ConsentService consents, CancellationToken cancellationToken) =>
        TypedResults.Ok((await consents.StatesAsync(http.User.Id(), cancellationToken)).ConvertAll(ConsentResponse.From));

    private static async Task<Results<Ok<ConsentResponse>, ValidationProblem>> Grant(
        ConsentRequest request, HttpContext http, ConsentService consents, CancellationToken cancellationToken)
    {
        if (RequirePurpose(request) is { } invalid)
        {
            return invalid;
        }

        var id = http.User.Id();
        await consents.GrantAsync(id, request.Purpose!.Value, save: true, cancellationToken);
        return TypedResults.Ok(await StateAsync(consents, id, request.Purpose.Value, cancellationToken));
    }

    private static async Task<Results<Ok<ConsentResponse>, ValidationProblem>> Withdraw(
        ConsentRequest request, HttpContext http, ConsentService consents, CancellationToken cancellationToken)
    {
        if (RequirePurpose(request) is { } invalid)
        {
            return invalid;
        }

        var id = http.User.Id();
        await consents.WithdrawAsync(id, request.Purpose!.Value, cancellationToken);
        return TypedResults.Ok(await StateAsync(consents, id, request.Purpose.Value, cancellationToken));
    }

    private static async Task<Results<Ok<PersonalDataBundle>, ProblemHttpResult>> Export(
        HttpContext http, PersonalDataExport export, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "no-store";
        return await export.ExportAsync(http.User.Id(), cancellationToken) is { } bundle ? TypedResults.Ok(bundle) : AccountGone();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Erase(
        HttpContext http, AccountErasure erasure, IndexingTrigger indexing, CancellationToken cancellationToken)
    {
        if (!await erasure.EraseAsync(http.User.Id(), cancellationToken))
        {
            return AccountGone();
        }

        indexing.Poke();
        return TypedResults.NoContent();
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> PhotoAsync(
        long id, bool selfie, HttpContext http, VerificationService verification, CancellationToken cancellationToken)
    {
        if (await verification.PhotoAsync(id, selfie, cancellationToken) is not { } photo)
        {
            return TypedResults.NotFound();
        }

        // Personal data: no cache on the way may keep a copy.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(photo.Content, photo.ContentType);
    }

    private static async Task<VerificationPhoto?> ReadPhotoAsync(IFormFile? file, string field, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (VerificationPhotos.Problem(file?.ContentType, file?.Length ?? 0) is { } problem)
        {
            errors.Add(field, problem);
            return null;
        }

        using var buffer = new MemoryStream((int)file!.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        return errors.When(!VerificationPhotos.LooksLike(content, file.ContentType), field, $"The content is not a {file.ContentType} image.")
            ? null
            : new VerificationPhoto(content, file.ContentType);
    }

    private static Results<NoContent, ValidationProblem, NotFound, ProblemHttpResult> Decided(DecisionResult result) => result switch
    {
        DecisionResult.Decided => TypedResults.NoContent(),
        DecisionResult.OwnSubmission => TypedResults.Problem(
            title: "You cannot decide your own verification.",
            detail: "Another reviewer must decide it.",
            statusCode: StatusCodes.Status403Forbidden),
        _ => TypedResults.NotFound(),
    };

    private static async Task<ConsentResponse> StateAsync(ConsentService consents, long accountId, ConsentPurpose purpose, CancellationToken cancellationToken) =>
        ConsentResponse.From((await consents.StatesAsync(accountId, cancellationToken)).Single(s => s.Purpose == purpose));

    private static ValidationProblem? RequirePurpose(ConsentRequest request)
    {
        var errors = new FieldErrors();
        errors.Defined(request.Purpose, "purpose");
        return errors.IsEmpty ? null : Invalid(errors);
    }

    private static ProblemHttpResult Conflict(string title, string? detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);

    private static ValidationProblem Invalid(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more fields are invalid.");

    /// <summary>The token was valid but its account is gone (deleted between the check and the handler).</summary>
    private static ProblemHttpResult AccountGone() =>
        TypedResults.Problem(title: "The account no longer exists.", statusCode: StatusCodes.Status401Unauthorized);
}
