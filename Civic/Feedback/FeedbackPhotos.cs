using DongNai.Domain.Validation;

namespace DongNai.Civic.Feedback;

/// <summary>A photo ready to store and show: JPEG bytes with no metadata.</summary>
public sealed record CleanPhoto(byte[] Data, string ContentType);

/// <summary>
/// Checks an uploaded photo (size, type by content, dimensions) and re-encodes it as a JPEG with
/// no metadata at all (<see cref="ImageReencoder"/>, shared with message pictures): EXIF (and with
/// it the GPS position, camera serials and times), XMP, IPTC and ICC are dropped. Only the
/// re-encoded bytes are ever stored, so a report's photo cannot tell where the author stood.
/// Thread-safe: pure functions over the given bytes.
/// </summary>
public static class FeedbackPhotos
{
    public const string Jpeg = FileSignatures.Jpeg;

    /// <summary>The cleaned photo, or why the upload is refused (a message for the field).</summary>
    public static (CleanPhoto? Photo, string? Problem) Clean(byte[] upload, FeedbackOptions options)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(options);
        if (upload.Length == 0)
        {
            return (null, "Empty: a JPEG, PNG or WebP photo is required.");
        }

        if (upload.Length > options.MaxPhotoBytes)
        {
            return (null, $"Must be at most {options.MaxPhotoBytes / 1024} KiB.");
        }

        var (image, problem) = ImageReencoder.Reencode(upload, options.MaxPhotoPixels);
        return image is null ? (null, problem) : (new CleanPhoto(image.Data, image.ContentType), null);
    }
}
