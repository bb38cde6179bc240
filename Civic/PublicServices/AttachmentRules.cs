using DongNai.Domain.Validation;

namespace DongNai.Civic.PublicServices;

/// <summary>
/// What an application may carry: PDF, JPEG or PNG, told by the file's first bytes (the stated type
/// must agree with them; a renamed file of another kind is refused), not empty, at most
/// <see cref="MaxBytes"/> each and <see cref="MaxPerApplication"/> per application. Pure; thread-safe.
/// </summary>
public static class AttachmentRules
{
    /// <summary>5 MiB: a multi-page scan at a resolution staff can read.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    public const int MaxPerApplication = 10;

    public const string Pdf = FileSignatures.Pdf;
    public const string Jpeg = FileSignatures.Jpeg;
    public const string Png = FileSignatures.Png;

    /// <summary>The type the bytes show, or null when they are none of the accepted ones.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content) =>
        FileSignatures.MediaType(content) is { } type && type is Pdf or Jpeg or Png ? type : null;

    /// <summary>Why the file cannot be accepted by its size and stated type, before reading it; null when it may be read.</summary>
    public static string? SizeProblem(long length) =>
        length == 0 ? "Required: a PDF, JPEG or PNG file."
        : length > MaxBytes ? $"Must be at most {MaxBytes / (1024 * 1024)} MiB."
        : null;

    /// <summary>Why the content cannot be accepted; null when it can. <paramref name="statedType"/> is the part's Content-Type.</summary>
    public static string? ContentProblem(ReadOnlySpan<byte> content, string? statedType)
    {
        var sniffed = Sniff(content);
        if (sniffed is null)
        {
            return "The content is not a PDF, JPEG or PNG file.";
        }

        var stated = statedType?.Split(';', 2)[0].Trim();
        return string.IsNullOrEmpty(stated) || string.Equals(stated, "application/octet-stream", StringComparison.OrdinalIgnoreCase)
            || string.Equals(stated, sniffed, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"The content is a {sniffed} file, not {stated}.";
    }
}
