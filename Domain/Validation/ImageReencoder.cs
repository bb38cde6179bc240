using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace DongNai.Domain.Validation;

/// <summary>An image ready to store and show to other people: JPEG bytes with no metadata.</summary>
public sealed record ReencodedImage(byte[] Data, string ContentType);

/// <summary>
/// Re-encodes an uploaded picture (JPEG, PNG or WebP, told by its content) as a JPEG with no
/// metadata at all: EXIF (and with it the GPS position, camera make, serial numbers and times), XMP,
/// IPTC and ICC are dropped, after the EXIF orientation has been applied to the pixels. Only the
/// re-encoded bytes are ever stored, so a picture cannot tell where or with what it was taken.
/// Used by every upload other people see: citizen feedback photos and message pictures.
/// Callers check the upload's byte size first. Thread-safe: pure functions over the given bytes.
/// </summary>
public static class ImageReencoder
{
    private static readonly HashSet<string> Accepted = new(StringComparer.OrdinalIgnoreCase) { "JPEG", "PNG", "WEBP" };

    /// <summary>The re-encoded image, or why the upload is refused (a message for the field).</summary>
    /// <param name="upload">The uploaded bytes.</param>
    /// <param name="maxPixels">The largest width and height accepted, checked before the pixels are decoded (a small file may claim a huge canvas).</param>
    public static (ReencodedImage? Image, string? Problem) Reencode(byte[] upload, int maxPixels)
    {
        ArgumentNullException.ThrowIfNull(upload);
        try
        {
            var info = Image.Identify(upload, out var format);
            if (info is null || format is null || !Accepted.Contains(format.Name))
            {
                return (null, "Must be a JPEG, PNG or WebP image.");
            }

            if (info.Width > maxPixels || info.Height > maxPixels)
            {
                return (null, $"Must be at most {maxPixels} pixels wide and high.");
            }

            using var image = Image.Load<Rgb24>(upload);
            image.Mutate(x => x.AutoOrient());
            image.Metadata.ExifProfile = null;
            image.Metadata.XmpProfile = null;
            image.Metadata.IptcProfile = null;
            image.Metadata.IccProfile = null;
            using var output = new MemoryStream();
            image.SaveAsJpeg(output, new JpegEncoder { Quality = 85 });
            return (new ReencodedImage(output.ToArray(), FileSignatures.Jpeg), null);
        }
        catch (Exception exception) when (exception is ImageFormatException or NotSupportedException or InvalidOperationException)
        {
            return (null, "Must be a readable JPEG, PNG or WebP image.");
        }
    }
}
