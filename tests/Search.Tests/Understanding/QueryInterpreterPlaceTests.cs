using System.Text;
using DongNai.Domain.Listings;
using DongNai.Domain.Places;
using DongNai.Search.Understanding;

namespace DongNai.Search.Tests.Understanding;

public sealed class QueryInterpreterPlaceTests
{
    [Theory]
    [InlineData("gần Amata", "gần Amata", "amata")]
    [InlineData("gan amata", "gan amata", "amata")]
    [InlineData("gần KCN Amata", "gần KCN Amata", "amata")]
    [InlineData("gan kcn AMATA", "gan kcn AMATA", "amata")]
    [InlineData("gần khu công nghiệp Amata", "gần khu công nghiệp Amata", "amata")]
    [InlineData("KCN Long Thành", "KCN Long Thành", "long-thanh")]
    [InlineData("kcn long thanh", "kcn long thanh", "long-thanh")]
    [InlineData("gần BH1", "gần BH1", "bien-hoa-1")]
    [InlineData("gần becamex", "gần becamex", "becamex-binh-phuoc")]
    [InlineData("Amata", "Amata", "amata")]
    [InlineData("loteco", "loteco", "loteco")]
    public void Interpret_ResolvesIndustrialParks(string words, string source, string parkCode)
    {
        var interpretation = TestInterpreter.Instance.Interpret("phòng trọ " + words, ListingKind.Rental);

        var place = Assert.IsType<PlacePart>(interpretation.Place);
        Assert.Equal((PlaceKind.IndustrialPark, parkCode), (place.Place.Kind, place.Place.Code));
        Assert.Equal(source, place.Source);
        Assert.Equal("", interpretation.RemainingText);
    }

    [Theory]
    [InlineData("ở Biên Hòa", "Biên Hòa")]
    [InlineData("o bien hoa", "Biên Hòa")]
    [InlineData("ở Biên Hoà", "Biên Hòa")]
    [InlineData("tại Trảng Bom", "Trảng Bom")]
    [InlineData("tai trang bom", "Trảng Bom")]
    [InlineData("khu vực Long Thành", "Long Thành")]
    [InlineData("khu vuc long thanh", "Long Thành")]
    [InlineData("Long Thành", "Long Thành")]
    [InlineData("Trảng Bom", "Trảng Bom")]
    [InlineData("trang bom", "Trảng Bom")]
    [InlineData("phường Tân Hạnh", "Biên Hòa")]
    [InlineData("xã Phước An", "Phước An")]
    public void Interpret_ResolvesCommunesAndOldWards_WithOrWithoutACue(string words, string communeName)
    {
        var interpretation = TestInterpreter.Instance.Interpret("nhà trọ " + words, ListingKind.Rental);

        var place = Assert.IsType<PlacePart>(interpretation.Place);
        Assert.Equal(PlaceKind.Commune, place.Place.Kind);
        Assert.EndsWith(communeName, place.Place.Name, StringComparison.Ordinal);
        Assert.Equal(words, place.Source);
    }

    [Fact]
    public void Interpret_ResolvesAnOldWardName_ToTheCommuneItMergedInto()
    {
        var interpretation = TestInterpreter.Instance.Interpret("phòng trọ Tân Phong", ListingKind.Rental);

        var place = Assert.IsType<PlacePart>(interpretation.Place);
        Assert.Equal("Phường Tân Phong", place.Place.FormerName);
        Assert.Equal(TestInterpreter.Places.ResolvePlace("Tân Phong")?.Code, place.Place.Code);
    }

    [Fact]
    public void Interpret_ResolvesTowns_AfterTheirUnitWord()
    {
        var interpretation = TestInterpreter.Instance.Interpret("TP Biên Hòa", ListingKind.Rental);

        Assert.Equal(PlaceKind.Town, interpretation.Place?.Place.Kind);
        Assert.Equal("TP Biên Hòa", interpretation.Place?.Source);
    }

    [Fact]
    public void Interpret_ResolvesPlaces_InDecomposedInput()
    {
        var text = "phòng trọ gần KCN Amata ở Biên Hòa".Normalize(NormalizationForm.FormD);

        var interpretation = TestInterpreter.Instance.Interpret(text, ListingKind.Rental);

        var place = Assert.IsType<PlacePart>(interpretation.Place);
        Assert.Equal("amata", place.Place.Code);
        Assert.Equal(text.Substring(place.Start, place.Length), place.Source);
        Assert.Equal("ở Biên Hòa".Normalize(NormalizationForm.FormD), interpretation.RemainingText);
    }

    [Theory]
    [InlineData("an")]
    [InlineData("long")]
    [InlineData("tân")]
    [InlineData("tan")]
    [InlineData("phòng an ninh")]
    [InlineData("đi lại thuận lợi")]
    [InlineData("đường Quang Trung")]
    [InlineData("hòa bình")]
    [InlineData("Đồng Nai")]
    [InlineData("gần chợ")]
    [InlineData("gần KCN")]
    [InlineData("kỹ sư tự động hóa")]
    public void Interpret_DoesNotTakeCommonWordsAsPlaces(string text)
    {
        var interpretation = TestInterpreter.Instance.Interpret(text, ListingKind.Classified);

        Assert.Null(interpretation.Place);
    }

    [Fact]
    public void Interpret_TakesACommonPhraseName_AfterACue()
    {
        var interpretation = TestInterpreter.Instance.Interpret("ở Thuận Lợi", ListingKind.Rental);

        Assert.Equal("Xã Thuận Lợi", interpretation.Place?.Place.Name);
    }

    [Fact]
    public void Interpret_PrefersAPlaceAfterACue_OverAnEarlierBareName()
    {
        var interpretation = TestInterpreter.Instance.Interpret("Trảng Bom gần Amata", ListingKind.Rental);

        Assert.Equal("amata", interpretation.Place?.Place.Code);
        Assert.Equal("Trảng Bom", interpretation.RemainingText);
    }

    [Theory]
    [InlineData(ListingKind.Rental, "gần Amata", 3)]
    [InlineData(ListingKind.Job, "gần Amata", 5)]
    [InlineData(ListingKind.Classified, "gần Amata", 10)]
    [InlineData(ListingKind.Voucher, "gần Amata", 5)]
    [InlineData(ListingKind.BusRoute, "gần Amata", 3)]
    [InlineData(ListingKind.Rental, "ở Biên Hòa", 5)]
    [InlineData(ListingKind.Job, "ở Biên Hòa", 8)]
    public void Interpret_UsesTheKindsDefaultRadius(ListingKind kind, string text, double radiusKm)
    {
        var interpretation = TestInterpreter.Instance.Interpret(text, kind);

        Assert.Equal(radiusKm, interpretation.Place?.RadiusKm);
        Assert.Equal(QueryInterpreter.DefaultRadiusKm(kind, interpretation.Place!.Place.Kind), radiusKm);
    }

    [Fact]
    public void Interpret_GivesThePlacesPoint_AsTheReferenceForDistances()
    {
        var park = TestInterpreter.Places.FindPark("amata")!;

        var interpretation = TestInterpreter.Instance.Interpret("gần Amata", kind: null);

        Assert.Equal(new GeoPoint(park.Latitude, park.Longitude), interpretation.Place?.Point);
        Assert.Equal(QueryInterpreter.DefaultRadiusKm(null, PlaceKind.IndustrialPark), interpretation.Place?.RadiusKm);
    }
}
