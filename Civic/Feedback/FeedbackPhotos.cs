using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace DongNai.Civic.Feedback;

/// <summary>A photo ready to store and show: JPEG bytes with no metadata.</summary>
public sealed record CleanPhoto(byte[] Data, string ContentType);

/// <summary>
/// Checks an uploaded photo (size, type by content, dimensions) and re-encodes it as a JPEG with
/// no metadata at all: EXIF (and with it the GPS position, camera serials and times), XMP, IPTC
/// and ICC are dropped, after the EXIF orientation has been applied to the pixels. Only the
/// re-encoded bytes are ever stored, so a report's photo cannot tell where the author stood.
/// Thread-safe: pure functions over the given bytes.
/// </summary>
public static class FeedbackPhotos
{
    public const string Jpeg = "image/jpeg";

    private static readonly HashSet<string> Accepted = new(StringComparer.OrdinalIgnoreCase) { "JPEG", "PNG", "WEBP" };

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

        try
        {
            var info = Image.Identify(upload, out var format);
            if (info is null || format is null || !Accepted.Contains(format.Name))
            {
                return (null, "Must be a JPEG, PNG or WebP image.");
            }

            if (info.Width > options.MaxPhotoPixels || info.Height > options.MaxPhotoPixels)
            {
                return (null, $"Must be at most {options.MaxPhotoPixels} pixels wide and high.");
            }

            using var image = Image.Load<Rgb24>(upload);
            image.Mutate(x => x.AutoOrient());
            image.Metadata.ExifProfile = null;
            image.Metadata.XmpProfile = null;
            image.Metadata.IptcProfile = null;
            image.Metadata.IccProfile = null;
            using var output = new MemoryStream();
            image.SaveAsJpeg(output, new JpegEncoder { Quality = 85 });
            return (new CleanPhoto(output.ToArray(), Jpeg), null);
        }
        catch (Exception exception) when (exception is ImageFormatException or NotSupportedException or InvalidOperationException)
        {
            return (null, "Must be a readable JPEG, PNG or WebP image.");
        }
    }
}
