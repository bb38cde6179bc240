namespace DongNai.Search.Api.IdentityVerification;

/// <summary>The 403 problem of an action that needs a verified identity (<see cref="Identity.Verification.VerificationOptions"/>).</summary>
public static class VerificationProblems
{
    /// <summary>The problem <c>type</c>, so an app can send the person to verification rather than show a bare refusal.</summary>
    public const string RequiredType = "urn:dongnai:problem:verification-required";

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Required(string action) => TypedResults.Problem(
        title: "Identity verification is required for this action.",
        detail: $"'{action}' needs a verified identity: fill your profile from your CCCD card (POST /api/identity/cccd-qr), then submit your ID photo and a selfie (POST /api/identity/verification).",
        statusCode: StatusCodes.Status403Forbidden,
        type: RequiredType,
        extensions: new Dictionary<string, object?> { ["action"] = action });
}
