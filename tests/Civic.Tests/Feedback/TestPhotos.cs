using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace DongNai.Civic.Tests.Feedback;

/// <summary>Camera-like test photos: small images carrying EXIF with a GPS position (Biên Hòa), a camera make and a serial number.</summary>
public static class TestPhotos
{
    public const string CameraMake = "DongNaiTestCam";

    public static byte[] JpegWithGps(int width = 64, int height = 48) => Encode(width, height, png: false);

    public static byte[] PngWithGps() => Encode(40, 30, png: true);

    private static byte[] Encode(int width, int height, bool png)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(200, 120, 40));
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, CameraMake);
        exif.SetValue(ExifTag.SerialNumber, "SN-123456");
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(10, 1), new Rational(57, 1), new Rational(1234, 100)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(106, 1), new Rational(50, 1), new Rational(3456, 100)]);
        image.Metadata.ExifProfile = exif;
        using var output = new MemoryStream();
        if (png)
        {
            image.Save(output, new PngEncoder());
        }
        else
        {
            image.Save(output, new JpegEncoder());
        }

        return output.ToArray();
    }
}
