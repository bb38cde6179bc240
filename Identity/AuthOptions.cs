using System.ComponentModel.DataAnnotations;

namespace DongNai.Identity;

/// <summary>
/// Settings for tokens and personal-data keys (section <c>Auth</c>). Keys are base64 of 32 bytes;
/// a key left empty is created once in the data folder's <c>keys/</c> and reused, so the embedded
/// default starts with no secrets configured. Production should pass them from a secret store.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    [Required]
    public string Issuer { get; set; } = "dongnai-search";

    [Required]
    public string Audience { get; set; } = "dongnai-app";

    /// <summary>
    /// How long an access token is accepted. Short, because only a refresh (or a new sign-in) gives
    /// a client a token that carries a changed role; a revoked one is refused at once anyway
    /// (security stamp), whatever its lifetime.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a refresh token may be exchanged; each exchange gives a new one with a new lifetime.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    public string? SigningKey { get; set; }

    public string? PhoneHashKey { get; set; }

    public string? PersonalDataKey { get; set; }

    public string? OwnerHandleKey { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RefreshTokenLifetime <= AccessTokenLifetime)
        {
            yield return new ValidationResult("RefreshTokenLifetime must be longer than AccessTokenLifetime.", [nameof(RefreshTokenLifetime)]);
        }
    }
}

/// <summary>The administrator created on start when both are set (section <c>Admin</c>). Nothing is created otherwise.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public string? Phone { get; set; }

    [MinLength(10)]
    public string? Password { get; set; }
}
