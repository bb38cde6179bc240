using System.Text;
using DongNai.Domain.Places;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Domain.Tests;

public sealed class PlaceCatalogTests
{
    private static readonly PlaceCatalog Catalog = PlaceCatalog.Load();

    [Fact]
    public void Load_HasThe95CommunesOf2025_OnePerRowOfTheWardsFile()
    {
        var rows = DataRowCount("dongnai_2025_wards.csv");

        var communes = Catalog.Communes;

        Assert.Equal(95, rows);
        Assert.Equal(95, communes.Count);
        Assert.Equal(95, communes.Select(c => c.Code).Distinct().Count());
    }

    [Fact]
    public void Load_Has283OldWardAliases_BecauseOneOfThe284MappingRowsIsAnExactDuplicate()
    {
        var lines = DataLines("dongnai_old_to_new_mapping.csv");

        var aliases = Catalog.OldWardAliases;

        Assert.Equal(284, lines.Count);
        Assert.Equal(283, lines.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(283, aliases.Count);
        Assert.Equal(283, aliases.Select(a => a.OldCode).Distinct().Count());
    }

    [Fact]
    public void Load_PointsEveryOldWardAtA2025Commune_AndEveryCommuneHasOldWards()
    {
        var codes = Catalog.Communes.Select(c => c.Code).ToHashSet();

        var targets = Catalog.OldWardAliases.Select(a => a.NewCode).ToHashSet();

        Assert.Subset(codes, targets);
        Assert.Equal(codes, targets);
    }

    [Fact]
    public void Load_PutsEveryCommuneTownAndParkInsideTheProvince()
    {
        var points = Catalog.Communes.Select(c => (c.Name, c.Latitude, c.Longitude))
            .Concat(Catalog.Towns.Select(t => (t.Name, t.Latitude, t.Longitude)))
            .Concat(Catalog.IndustrialParks.Select(p => (p.Name, p.Latitude, p.Longitude)));

        var outside = points.Where(p => !ProvinceBounds.Contains(p.Latitude, p.Longitude)).Select(p => p.Name).ToList();

        Assert.Empty(outside);
        Assert.Equal(30, Catalog.Towns.Count);
    }

    [Fact]
    public void Load_RecordsHowEachCommuneCentroidWasPlaced()
    {
        string[] methods = ["geonames:", "simplemaps:", "old-ward:", "parks:", "district-seat:"];

        var unexplained = Catalog.Communes.Where(c => !methods.Any(m => c.CentroidSource.StartsWith(m, StringComparison.Ordinal))).ToList();

        Assert.Empty(unexplained);
        Assert.Equal("geonames:Biên Hòa", Catalog.FindCommune("26068")!.CentroidSource);
        Assert.StartsWith("district-seat:Huyện Cẩm Mỹ=Long Giao (written, approximate)", Catalog.FindCommune("26341")!.CentroidSource, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("amata")]
    [InlineData("bien-hoa-2")]
    [InlineData("nhon-trach-6")]
    [InlineData("dong-xoai-3")]
    [InlineData("minh-hung-han-quoc")]
    [InlineData("becamex-binh-phuoc")]
    [InlineData("bac-dong-phu")]
    public void Load_HasTheParksOfOldDongNaiAndOldBinhPhuoc(string code)
    {
        var park = Catalog.FindPark(code);

        Assert.NotNull(park);
        Assert.True(park.Approximate);
        Assert.StartsWith("KCN ", park.Name, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(park.Source));
    }

    [Fact]
    public void Load_PlacesEveryParkWithin8KmOfItsCommuneCentroid()
    {
        var far = Catalog.IndustrialParks
            .Select(p => (p.Code, Km: GeoMath.HaversineKm(p.Latitude, p.Longitude, Catalog.FindCommune(p.CommuneCode)!.Latitude, Catalog.FindCommune(p.CommuneCode)!.Longitude)))
            .Where(p => p.Km > 8)
            .ToList();

        Assert.Empty(far);
        Assert.True(Catalog.IndustrialParks.Count >= 40);
    }

    [Theory]
    [InlineData("amata")]
    [InlineData("KCN Amata")]
    [InlineData("kcn amata")]
    [InlineData("kcn  AMATA!")]
    [InlineData("Khu công nghiệp Amata")]
    [InlineData("amata bien hoa")]
    [InlineData("AMATA")]
    public void ResolvePlace_FindsAmata_HoweverItIsTyped(string text)
    {
        var place = Catalog.ResolvePlace(text);

        Assert.NotNull(place);
        Assert.Equal(PlaceKind.IndustrialPark, place.Kind);
        Assert.Equal("amata", place.Code);
        Assert.Equal("KCN Amata", place.Name);
    }

    [Theory]
    [InlineData("Biên Hòa")]
    [InlineData("bien hoa")]
    [InlineData("Phường Biên Hoà")]
    [InlineData("  BIÊN   HÒA ")]
    public void ResolvePlace_FindsTheWardBienHoa_WithOrWithoutAccentsAndUnit(string text)
    {
        var place = Catalog.ResolvePlace(text);

        Assert.NotNull(place);
        Assert.Equal(PlaceKind.Commune, place.Kind);
        Assert.Equal("26068", place.Code);
        Assert.Equal("Phường Biên Hòa", place.Name);
        Assert.True(ProvinceBounds.Contains(place.Latitude, place.Longitude));
    }

    [Theory]
    [InlineData("Phường Tân Hạnh")]
    [InlineData("tan hanh")]
    [InlineData("P. Tân Hạnh")]
    public void ResolvePlace_ResolvesAnOldWardToTheUnitItMergedInto(string text)
    {
        var place = Catalog.ResolvePlace(text);

        Assert.NotNull(place);
        Assert.Equal(PlaceKind.Commune, place.Kind);
        Assert.Equal("26068", place.Code);
        Assert.Equal("Phường Tân Hạnh", place.FormerName);
    }

    [Theory]
    [InlineData("26068", "26068", null)]
    [InlineData(" 25441 ", "25441", null)]
    [InlineData("26062", "26068", "Phường Tân Hạnh")]
    public void ResolvePlace_ResolvesAGsoCode_NewOrOld(string text, string expectedCode, string? expectedFormerName)
    {
        var place = Catalog.ResolvePlace(text);

        Assert.NotNull(place);
        Assert.Equal(PlaceKind.Commune, place.Kind);
        Assert.Equal(expectedCode, place.Code);
        Assert.Equal(expectedFormerName, place.FormerName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!!")]
    [InlineData("kcn")]
    [InlineData("xyzzy quux")]
    [InlineData("Hà Nội")]
    [InlineData("99999")]
    [InlineData("Đồng Nai")]
    [InlineData("tỉnh Đồng Nai")]
    public void ResolvePlace_ReturnsNull_ForNonsense(string? text)
    {
        var place = Catalog.ResolvePlace(text);

        Assert.Null(place);
    }

    [Theory]
    [InlineData("Xã Lộc Thạnh", "25280")]
    [InlineData("Xã Lộc Thành", "25294")]
    public void ResolvePlace_PrefersTheSameAccents_WhenFoldedNamesCollide(string text, string expectedCode)
    {
        var place = Catalog.ResolvePlace(text);

        Assert.Equal(expectedCode, place?.Code);
    }

    [Fact]
    public void ResolvePlace_ReadsTheUnitWord_ToTellACommuneFromAParkOrTown()
    {
        var commune = Catalog.ResolvePlace("Long Thành");
        var park = Catalog.ResolvePlace("KCN Long Thành");
        var town = Catalog.ResolvePlace("TP Long Khánh");
        var parkBySlug = Catalog.ResolvePlace("long-thanh");

        Assert.Equal((PlaceKind.Commune, "26368"), (commune!.Kind, commune.Code));
        Assert.Equal((PlaceKind.IndustrialPark, "long-thanh"), (park!.Kind, park.Code));
        Assert.Equal((PlaceKind.IndustrialPark, "long-thanh"), (parkBySlug!.Kind, parkBySlug.Code));
        Assert.Equal(PlaceKind.Town, town!.Kind);
        Assert.Equal("Long Khánh", town.Name);
    }

    [Fact]
    public void ResolvePlace_FindsATown_WhenNoCommuneOrOldWardHasItsName()
    {
        var place = Catalog.ResolvePlace("Phước Hòa");

        Assert.NotNull(place);
        Assert.Equal(PlaceKind.Town, place.Kind);
        Assert.Equal(12.1, place.Latitude, 5);
    }

    [Fact]
    public void ResolvePlace_PrefersTheOldTownship_OverTheGeoNamesTownOfTheSameName()
    {
        var place = Catalog.ResolvePlace("Gia Ray");

        Assert.NotNull(place);
        Assert.Equal(PlaceKind.Commune, place.Kind);
        Assert.Equal("Xã Xuân Lộc", place.Name);
        Assert.Equal("Thị trấn Gia Ray", place.FormerName);
    }

    [Fact]
    public void ResolvePlace_FindsTheOldXaDongNai_WhenTypedWithItsUnitWord()
    {
        var place = Catalog.ResolvePlace("Xã Đồng Nai");

        Assert.NotNull(place);
        Assert.Equal("Xã Thọ Sơn", place.Name);
        Assert.Equal("Xã Đồng Nai", place.FormerName);
    }

    [Fact]
    public void NearestCommune_ReturnsLongBinh_ForAPointInAmata()
    {
        var amata = Catalog.FindPark("amata")!;

        var commune = Catalog.NearestCommune(amata.Latitude, amata.Longitude);

        Assert.Equal("Phường Long Bình", commune.Name);
    }

    [Fact]
    public async Task WriteToDatabaseAsync_FillsThePlaceTables_AndAddsNothingTheSecondTime()
    {
        using var database = new TempSqliteDatabase();

        int first;
        int second;
        await using (var db = database.NewContext())
        {
            first = await Catalog.WriteToDatabaseAsync(db);
        }

        await using (var db = database.NewContext())
        {
            second = await Catalog.WriteToDatabaseAsync(db);
        }

        await using var check = database.NewContext();
        Assert.Equal(95 + 283 + 30 + Catalog.IndustrialParks.Count, first);
        Assert.Equal(0, second);
        Assert.Equal(95, await check.Communes.CountAsync());
        Assert.Equal(283, await check.OldWardAliases.CountAsync());
        Assert.Equal(30, await check.Towns.CountAsync());
        Assert.Equal(Catalog.IndustrialParks.Count, await check.IndustrialParks.CountAsync());
        var amata = await check.IndustrialParks.SingleAsync(p => p.Code == "amata");
        Assert.Equal("26020", amata.CommuneCode);
        Assert.Equal("bien hoa", (await check.Communes.SingleAsync(c => c.Code == "26068")).FoldedName);
    }

    private static List<string> DataLines(string fileName)
    {
        using var stream = typeof(PlaceCatalog).Assembly.GetManifestResourceStream(fileName)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                lines.Add(line);
            }
        }

        return lines.Skip(1).ToList();
    }

    private static int DataRowCount(string fileName) => DataLines(fileName).Count;
}
