using DongNai.Domain.Validation;

namespace DongNai.Identity.Verification;

/// <summary>
/// The rules for uploaded verification images: JPEG or PNG by content type AND by their first
/// bytes (a renamed file of another kind is refused), not empty, at most <see cref="MaxBytes"/>.
/// </summary>
public static class VerificationPhotos
{
    /// <summary>2 MiB: a phone camera photo scaled to what a reviewer needs to compare two faces.</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    public const string Jpeg = FileSignatures.Jpeg;

    public const string Png = FileSignatures.Png;

    /// <summary>Why the image cannot be accepted, or null when it can.</summary>
    public static string? Problem(string? contentType, long length)
    {
        if (length == 0)
        {
            return "Required: a JPEG or PNG image.";
        }

        if (length > MaxBytes)
        {
            return $"Must be at most {MaxBytes / (1024 * 1024)} MiB.";
        }

        return contentType is Jpeg or Png ? null : "Must be image/jpeg or image/png.";
    }

    /// <summary>Whether the bytes start as the stated type's files do.</summary>
    public static bool LooksLike(ReadOnlySpan<byte> content, string contentType) =>
        contentType is Jpeg or Png && FileSignatures.MediaType(content) == contentType;
}
