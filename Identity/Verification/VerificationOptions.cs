using System.ComponentModel.DataAnnotations;
using DongNai.Domain.Listings;

namespace DongNai.Identity.Verification;

/// <summary>The actions that may be gated on a verified identity, by their configuration names.</summary>
public static class TrustedActions
{
    public const string Apply = "Apply";

    public const string Feedback = "Feedback";

    /// <summary>Every action <see cref="VerificationOptions.Required"/> may name: posting each kind that has listing routes, applying, feedback (which also gates posting reports).</summary>
    public static IReadOnlySet<string> All { get; } = ListingKinds.WithListingRoutes.Select(Posting).Append(Apply).Append(Feedback).ToHashSet(StringComparer.Ordinal);

    /// <summary>Posting a listing of <paramref name="kind"/>: <c>Post</c> and the kind's name (<c>PostJob</c>, <c>PostRental</c>, …).</summary>
    public static string Posting(ListingKindDescriptor kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return "Post" + kind.Name;
    }
}

/// <summary>
/// Which actions need a verified identity (section <c>Verification</c>, e.g.
/// <c>Verification:Required:PostRental=false</c>). The defaults are the rule of issue 10: posting
/// jobs and rentals, writing a CV (its identity fields come from the verified card), applying and feedback need it; classifieds, vouchers and bus routes do not.
/// An action not named is not gated; a name that is no action fails the start.
/// </summary>
public sealed class VerificationOptions : IValidatableObject
{
    public const string Section = "Verification";

    public Dictionary<string, bool> Required { get; init; } = new(StringComparer.Ordinal)
    {
        ["PostJob"] = true,
        ["PostRental"] = true,
        ["PostClassified"] = false,
        ["PostVoucher"] = false,
        ["PostCv"] = true,
        [TrustedActions.Apply] = true,
        [TrustedActions.Feedback] = true,
    };

    public bool Requires(string action) => Required.TryGetValue(action, out var required) && required;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Required.Keys.Where(action => !TrustedActions.All.Contains(action)).Select(action => new ValidationResult(
            $"Verification:Required:{action} names no action; known: {string.Join(", ", TrustedActions.All.Order(StringComparer.Ordinal))}.",
            [nameof(Required)]));
}
