using System.ComponentModel.DataAnnotations;

namespace DongNai.Identity.Cvs;

/// <summary>
/// How long applications of candidates who were not hired are kept (section <c>Retention</c>), as
/// Law 91/2025/QH15 asks personal data to be kept no longer than its purpose needs: a rejected
/// application from its rejection, one never decided from its last change. Hired ones are kept.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    [Range(1, 3650)]
    public int RejectedApplicationsDays { get; init; } = 180;

    [Range(1, 3650)]
    public int UndecidedApplicationsDays { get; init; } = 365;
}
