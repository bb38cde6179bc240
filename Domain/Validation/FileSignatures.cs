namespace DongNai.Domain.Validation;

/// <summary>
/// What a file is, told by its first bytes (never by the name or the type a client states): the
/// formats uploads may carry. Each upload rule decides which of them it accepts. Pure; thread-safe.
/// </summary>
public static class FileSignatures
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string WebP = "image/webp";
    public const string Pdf = "application/pdf";

    /// <summary>The media type the bytes show, or null when they are none of the known formats.</summary>
    public static string? MediaType(ReadOnlySpan<byte> content) =>
        content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? Jpeg
        : content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? Png
        : content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8) ? WebP
        : content.StartsWith("%PDF-"u8) ? Pdf
        : null;
}
