using System.ComponentModel.DataAnnotations;

namespace DongNai.Identity;

/// <summary>
/// Settings for tokens and personal-data keys (section <c>Auth</c>). Keys are base64 of 32 bytes;
/// a key left empty is created once in the data folder's <c>keys/</c> and reused, so the embedded
/// default starts with no secrets configured. Production should pass them from a secret store.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    [Required]
    public string Issuer { get; set; } = "dongnai-search";

    [Required]
    public string Audience { get; set; } = "dongnai-app";

    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    public string? SigningKey { get; set; }

    public string? PhoneHashKey { get; set; }

    public string? PersonalDataKey { get; set; }

    public string? OwnerHandleKey { get; set; }
}

/// <summary>The administrator created on start when both are set (section <c>Admin</c>). Nothing is created otherwise.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public string? Phone { get; set; }

    [MinLength(10)]
    public string? Password { get; set; }
}
