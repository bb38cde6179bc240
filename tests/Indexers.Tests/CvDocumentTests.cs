using System.Text.Json;
using DongNai.Domain.Listings;
using DongNai.Domain.Listings.Cvs;
using DongNai.Domain.Listings.Jobs;
using DongNai.Domain.Places;

namespace DongNai.Indexers.Tests;

/// <summary>The CV descriptor: documents hold the public CV fields alone, and only discoverable CVs are listed.</summary>
public sealed class CvDocumentTests
{
    private static readonly PlaceCatalog Places = PlaceCatalog.Load();

    [Fact]
    public void Document_HoldsSkillsDesiredJobShiftSalaryAndPlace_AndNothingTheWorkerWroteElsewhere()
    {
        var cv = Sample();

        var document = ListingKinds.Get(ListingKind.Cv).BuildDocument(cv, Places);

        var json = JsonSerializer.Serialize(document);
        Assert.Equal("Thợ may", document.Title);
        Assert.Null(document.Description);
        Assert.Contains("May công nghiệp", document.ExtraText, StringComparison.Ordinal);
        Assert.Equal(["may cong nghiep", "dong goi"], document.Keywords[CvKind.Skill]);
        Assert.Equal(["night"], document.Keywords[CvKind.Shift]);
        Assert.Equal(8_000_000, document.Price);
        Assert.Equal((10.951, 106.869), (document.Latitude!.Value, document.Longitude!.Value));
        Assert.DoesNotContain("0912", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Riêng", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Việt Tiến", json, StringComparison.Ordinal);
        Assert.DoesNotContain("THPT", json, StringComparison.Ordinal);
        Assert.DoesNotContain("987654321", json, StringComparison.Ordinal);
    }

    [Fact]
    public void IsListed_IsTrueOnlyForADiscoverableCv_AndTheKindIsNotPubliclySearchable()
    {
        var kind = ListingKinds.Get(ListingKind.Cv);
        var shown = Sample();
        var hidden = Sample();
        hidden.Discoverable = false;

        Assert.True(kind.IsListed(shown));
        Assert.False(kind.IsListed(hidden));
        Assert.False(kind.PubliclySearchable);
        Assert.DoesNotContain(kind, ListingKinds.Public);
        Assert.All(ListingKinds.Descriptors.Where(d => d.Kind != ListingKind.Cv), d => Assert.True(d.PubliclySearchable));
    }

    private static Cv Sample() => new()
    {
        Id = 42,
        OwnerId = 987_654_321,
        Title = "Thợ may",
        Description = "Liên hệ 0912 345 678, chị Riêng",
        Shift = JobShift.Night,
        SalaryExpectationVnd = 8_000_000,
        Skills = ["May công nghiệp", "Đóng gói"],
        Experience = [new CvExperience("Công nhân may", "Công ty May Việt Tiến", 24)],
        Education = EducationLevel.UpperSecondary,
        EducationDetail = "THPT Biên Hòa",
        Certificates = ["An toàn lao động"],
        Availability = CvAvailability.Immediately,
        IndustrialParkCode = "amata",
        Latitude = 10.951,
        Longitude = 106.869,
        Discoverable = true,
        Version = 1,
        UpdatedAt = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc),
    };
}
