using System.Text.Json.Serialization;
using DongNai.Domain.People;
using DongNai.Domain.Validation;
using DongNai.Identity.Cccd;
using DongNai.Identity.PersonalQr;
using DongNai.Search.Api.Accounts;
using DongNai.Search.Api.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DongNai.Search.Api.IdentityVerification;

/// <summary>
/// The fields to share, for how long (<paramref name="ValidForHours"/>, 1 to 720, 24 when left out),
/// and <paramref name="Consent"/>: true to consent to the personalQr purpose, which making a code records.
/// </summary>
public sealed record CreatePersonalQrRequest(List<PersonalQrField>? Fields, int? ValidForHours, bool? Consent);

/// <summary>A personal QR code as its owner sees it; <paramref name="Token"/> is the text its image carries.</summary>
public sealed record PersonalQrResponse(long Id, string Token, IReadOnlyList<PersonalQrField> Fields, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt)
{
    public static PersonalQrResponse From(PersonalQrCodeView code) => new(code.Id, code.Token, code.Fields, code.CreatedAt, code.ExpiresAt, code.RevokedAt);
}

/// <summary>The text a scanner decoded from a personal QR code.</summary>
public sealed record ScanQrRequest(string? Text);

/// <summary>
/// The profile card a scan shows: the owner's verification badge and the fields the owner chose to
/// share (listed in <paramref name="SharedFields"/>); a field not shared is absent.
/// </summary>
public sealed record PersonalQrCardResponse(
    IReadOnlyList<PersonalQrField> SharedFields,
    bool IdentityVerified,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DisplayName = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FullName = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? DateOfBirth = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Gender? Gender = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? HomeCommuneCode = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? IndustrialParkCode = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Phone = null)
{
    public static PersonalQrCardResponse From(PersonalQrCard card) => new(
        card.SharedFields, card.IdentityVerified, card.DisplayName, card.FullName, card.DateOfBirth, card.Gender,
        card.HomeCommuneCode, card.IndustrialParkCode, card.Phone);
}

/// <summary>Who scanned one of the caller's codes (their public handle and display name), and when.</summary>
public sealed record PersonalQrScanResponse(long Id, long CodeId, string ScannerHandle, string ScannerDisplayName, DateTime ScannedAt);

/// <summary>
/// Personal QR codes (issue 10, item 4; decision 0023): the owner makes, shows, lists and revokes
/// them and sees who scanned them; any signed-in person scans one and sees the shared fields alone.
/// A rejected scan is a 400 problem naming <c>text</c>, its <c>type</c> telling an altered or
/// unknown code, an expired one and a revoked one apart.
/// </summary>
public static class PersonalQrEndpoints
{
    public const string InvalidType = "urn:dongnai:problem:personal-qr-invalid";
    public const string ExpiredType = "urn:dongnai:problem:personal-qr-expired";
    public const string RevokedType = "urn:dongnai:problem:personal-qr-revoked";

    private const int DefaultValidHours = 24;

    public static void MapPersonalQrEndpoints(this IEndpointRouteBuilder routes)
    {
        var mine = routes.MapGroup("/api/me/personal-qr").WithTags("Identity").RequireAuthorization();
        mine.MapPost("/", Create).WithName("CreatePersonalQr")
            .WithSummary("Make a personal QR code sharing the chosen profile fields until it expires")
            .WithDescription($"Fields: displayName, fullName, dateOfBirth, gender, homeCommune, industrialPark, phone. The card's fields (fullName, dateOfBirth, gender) need a verified identity. Needs consent: true (recorded as the personalQr consent); withdrawing that consent revokes every code. Valid 1 to {PersonalQrService.MaxValidHours} hours ({DefaultValidHours} when left out).")
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        mine.MapGet("/", List).WithName("MyPersonalQrCodes")
            .WithSummary("The signed-in person's personal QR codes, the newest first, revoked and expired ones included");
        mine.MapGet("/{id:long}/qr.png", Image).WithName("MyPersonalQrImage")
            .WithSummary("The PNG image of one of the signed-in person's personal QR codes, to show to a scanner")
            .WithDescription("404 for a code of someone else; 409 for a revoked or expired code, which no scan would accept.")
            .Produces(StatusCodes.Status200OK, contentType: "image/png");
        mine.MapPost("/{id:long}/revoke", Revoke).WithName("RevokePersonalQr")
            .WithSummary("Revoke one of the signed-in person's personal QR codes: scans of it are refused from now on")
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        mine.MapGet("/scans", Scans).WithName("MyPersonalQrScans")
            .WithSummary($"Who scanned the signed-in person's personal QR codes, and when: the latest {PersonalQrService.ScanListSize}");

        routes.MapPost("/api/qr/scan", Scan).WithName("ScanPersonalQr").WithTags("Identity").RequireAuthorization()
            .WithSummary("Show the profile card of a scanned personal QR code: only the fields its owner shares")
            .WithDescription("text is what the scanner decoded. A 400 problem naming text when the code is altered or unknown (type urn:dongnai:problem:personal-qr-invalid), expired (…-expired) or revoked (…-revoked). An accepted scan is recorded for the code's owner to see.")
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
    }

    private static async Task<Results<Created<PersonalQrResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreatePersonalQrRequest request, HttpContext http, PersonalQrService codes, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var fields = request.Fields ?? [];
        errors.When(fields.Count == 0, "fields", "Choose at least one field to share.");
        errors.When(fields.Any(f => !Enum.IsDefined(f)), "fields", "Unknown field: use displayName, fullName, dateOfBirth, gender, homeCommune, industrialPark or phone.");
        errors.When(fields.Count > Enum.GetValues<PersonalQrField>().Length, "fields", "Name each field once.");
        errors.Range(request.ValidForHours, "validForHours", 1, PersonalQrService.MaxValidHours, required: false);
        errors.When(request.Consent != true, "consent", "Must be true: a personal QR code shows your data to whoever scans it, which needs your consent to the personalQr purpose.");
        if (!errors.IsEmpty)
        {
            return Invalid(errors);
        }

        var validFor = TimeSpan.FromHours(request.ValidForHours ?? DefaultValidHours);
        return await codes.CreateAsync(http.User.Id(), [.. fields.Distinct()], validFor, cancellationToken) switch
        {
            PersonalQrCreation.Created created => TypedResults.Created($"/api/me/personal-qr/{created.Code.Id}/qr.png", PersonalQrResponse.From(created.Code)),
            PersonalQrCreation.NeedsVerifiedIdentity needs => Invalid(Error(
                "fields", $"'{JsonName(needs.Field)}' comes from your CCCD card and can be shared only once your identity is verified.")),
            _ => AccountGone(),
        };
    }

    private static async Task<Ok<List<PersonalQrResponse>>> List(HttpContext http, PersonalQrService codes, CancellationToken cancellationToken) =>
        TypedResults.Ok((await codes.ListAsync(http.User.Id(), cancellationToken)).ConvertAll(PersonalQrResponse.From));

    private static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> Image(
        long id, HttpContext http, PersonalQrService codes, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await codes.FindAsync(http.User.Id(), id, cancellationToken) is not { } code)
        {
            return TypedResults.NotFound();
        }

        if (code.RevokedAt is not null || time.GetUtcNow().UtcDateTime >= code.ExpiresAt)
        {
            return TypedResults.Problem(
                title: code.RevokedAt is not null ? "This personal QR code is revoked." : "This personal QR code has expired.",
                detail: "No scan would accept it: make a new one (POST /api/me/personal-qr).",
                statusCode: StatusCodes.Status409Conflict);
        }

        // The token lets anyone who holds it see the shared fields: no cache on the way may keep it.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(PersonalQrImage.Png(code.Token), "image/png");
    }

    private static async Task<Results<NoContent, NotFound>> Revoke(long id, HttpContext http, PersonalQrService codes, CancellationToken cancellationToken) =>
        await codes.RevokeAsync(http.User.Id(), id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Ok<List<PersonalQrScanResponse>>> Scans(HttpContext http, PersonalQrService codes, CancellationToken cancellationToken) =>
        TypedResults.Ok((await codes.ScansAsync(http.User.Id(), cancellationToken))
            .ConvertAll(s => new PersonalQrScanResponse(s.Id, s.CodeId, s.ScannerHandle, s.ScannerDisplayName, s.ScannedAt)));

    private static async Task<Results<Ok<PersonalQrCardResponse>, ValidationProblem>> Scan(
        ScanQrRequest request, HttpContext http, PersonalQrService codes, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return Invalid(Error("text", "Required: the text decoded from the QR code."));
        }

        http.Response.Headers.CacheControl = "no-store";
        return await codes.ScanAsync(http.User.Id(), request.Text, cancellationToken) switch
        {
            PersonalQrScanResult.Shown shown => TypedResults.Ok(PersonalQrCardResponse.From(shown.Card)),
            PersonalQrScanResult.Expired expired => Rejected(ExpiredType, "This personal QR code has expired.", $"It expired at {expired.ExpiredAt:yyyy-MM-ddTHH:mm:ssZ}; ask its owner for a new one."),
            PersonalQrScanResult.Revoked => Rejected(RevokedType, "This personal QR code was revoked by its owner.", "Ask its owner for a new one."),
            _ => Rejected(InvalidType, "This is not a valid personal QR code.", "The text is not a code this service issued, or it was altered."),
        };
    }

    private static ValidationProblem Rejected(string type, string title, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [message] }, title: title, type: type);

    private static FieldErrors Error(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors;
    }

    private static string JsonName(PersonalQrField field) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(field.ToString());

    private static ValidationProblem Invalid(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more fields are invalid.");

    private static ProblemHttpResult AccountGone() =>
        TypedResults.Problem(title: "The account no longer exists.", statusCode: StatusCodes.Status401Unauthorized);
}
