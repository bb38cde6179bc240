using DongNai.Civic.Feedback;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using SixLabors.ImageSharp;

namespace DongNai.Civic.Tests.Feedback;

public sealed class FeedbackPhotosTests
{
    private static readonly FeedbackOptions Options = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Clean_RemovesEveryExifAndGpsTag_WhenThePhotoCarriesThem(bool png)
    {
        var upload = png ? TestPhotos.PngWithGps() : TestPhotos.JpegWithGps();
        Assert.NotEmpty(ImageMetadataReader.ReadMetadata(new MemoryStream(upload)).OfType<GpsDirectory>());

        var (photo, problem) = FeedbackPhotos.Clean(upload, Options);

        Assert.Null(problem);
        Assert.Equal(FeedbackPhotos.Jpeg, photo!.ContentType);
        var directories = ImageMetadataReader.ReadMetadata(new MemoryStream(photo.Data));
        Assert.Empty(directories.OfType<GpsDirectory>());
        Assert.Empty(directories.OfType<ExifIfd0Directory>());
        Assert.Empty(directories.OfType<ExifSubIfdDirectory>());
        using var image = Image.Load(photo.Data);
        Assert.Null(image.Metadata.ExifProfile);
        Assert.Null(image.Metadata.XmpProfile);
        Assert.DoesNotContain(TestPhotos.CameraMake, System.Text.Encoding.ASCII.GetString(photo.Data), StringComparison.Ordinal);
    }

    [Fact]
    public void Clean_KeepsThePicture_WhenItStripsTheMetadata()
    {
        var (photo, _) = FeedbackPhotos.Clean(TestPhotos.JpegWithGps(64, 48), Options);

        using var image = Image.Load(photo!.Data);
        Assert.Equal(64, image.Width);
        Assert.Equal(48, image.Height);
    }

    [Fact]
    public void Clean_RefusesTextRenamedAsAPhoto()
    {
        var (photo, problem) = FeedbackPhotos.Clean("<html>not a photo</html>"u8.ToArray(), Options);

        Assert.Null(photo);
        Assert.NotNull(problem);
    }

    [Fact]
    public void Clean_RefusesAnUploadOverTheByteLimit()
    {
        var upload = TestPhotos.JpegWithGps();

        var (photo, problem) = FeedbackPhotos.Clean(upload, new FeedbackOptions { MaxPhotoBytes = upload.Length - 1 });

        Assert.Null(photo);
        Assert.Contains("KiB", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Clean_RefusesAnImageOverThePixelLimit()
    {
        var (photo, problem) = FeedbackPhotos.Clean(TestPhotos.JpegWithGps(300, 20), new FeedbackOptions { MaxPhotoPixels = 200 });

        Assert.Null(photo);
        Assert.Contains("pixels", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Clean_RefusesAnEmptyUpload()
    {
        var (photo, problem) = FeedbackPhotos.Clean([], Options);

        Assert.Null(photo);
        Assert.NotNull(problem);
    }
}
