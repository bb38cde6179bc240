using System.Text;
using DongNai.Domain.Listings;
using DongNai.Search.Understanding;

namespace DongNai.Search.Tests.Understanding;

public sealed class QueryInterpreterKindAndNeedTests
{
    [Theory]
    [InlineData("phòng trọ", ListingKind.Rental)]
    [InlineData("phong tro", ListingKind.Rental)]
    [InlineData("nhà trọ", ListingKind.Rental)]
    [InlineData("cho thuê", ListingKind.Rental)]
    [InlineData("cho thue", ListingKind.Rental)]
    [InlineData("căn hộ", ListingKind.Rental)]
    [InlineData("tuyển", ListingKind.Job)]
    [InlineData("tuyen", ListingKind.Job)]
    [InlineData("việc làm", ListingKind.Job)]
    [InlineData("viec lam", ListingKind.Job)]
    [InlineData("tìm việc", ListingKind.Job)]
    [InlineData("voucher", ListingKind.Voucher)]
    [InlineData("khuyến mãi", ListingKind.Voucher)]
    [InlineData("khuyen mai", ListingKind.Voucher)]
    [InlineData("giảm giá", ListingKind.Voucher)]
    [InlineData("ưu đãi", ListingKind.Voucher)]
    [InlineData("xe buýt", ListingKind.BusRoute)]
    [InlineData("xe buyt", ListingKind.BusRoute)]
    [InlineData("tuyến", ListingKind.BusRoute)]
    [InlineData("xe đi", ListingKind.BusRoute)]
    [InlineData("bán", ListingKind.Classified)]
    [InlineData("thanh lý", ListingKind.Classified)]
    [InlineData("thanh ly", ListingKind.Classified)]
    [InlineData("cũ", ListingKind.Classified)]
    [InlineData("pass lại", ListingKind.Classified)]
    public void Interpret_ReadsKindIntent_InACrossKindSearch(string words, ListingKind kind)
    {
        foreach (var text in new[] { words, words.ToUpperInvariant(), words.Normalize(NormalizationForm.FormD) })
        {
            var interpretation = TestInterpreter.Instance.Interpret(text, kind: null);

            Assert.Equal(1, interpretation.KindWeights.GetValueOrDefault(kind));
            Assert.Contains(interpretation.Parts, p => p is KindPart k && k.Kind == kind && k.Source == text);
        }
    }

    [Theory]
    [InlineData("tuyến 5", ListingKind.BusRoute)]
    [InlineData("tuyen 5", ListingKind.BusRoute)]
    [InlineData("tuyển 5 công nhân", ListingKind.Job)]
    [InlineData("tuyen cong nhan", ListingKind.Job)]
    public void Interpret_TellsHiringFromARoute_ByAccentsOrAFollowingNumber(string text, ListingKind kind)
    {
        var interpretation = TestInterpreter.Instance.Interpret(text, kind: null);

        Assert.Equal([kind], interpretation.KindWeights.Keys);
    }

    [Theory]
    [InlineData("ban ghe go")]
    [InlineData("bạn bè")]
    [InlineData("2 củ")]
    public void Interpret_DoesNotReadAmbiguousUnaccentedWords_AsIntent(string text)
    {
        var interpretation = TestInterpreter.Instance.Interpret(text, kind: null);

        Assert.Empty(interpretation.KindWeights);
    }

    [Fact]
    public void Interpret_WeighsSeveralKinds_RelativeToTheStrongest()
    {
        var interpretation = TestInterpreter.Instance.Interpret("tuyển tài xế xe buýt, bán xe cũ", kind: null);

        // "bán" (1) and "cũ" (0.5) make classifieds the strongest; "tuyển" and "xe buýt" weigh 1 each.
        Assert.Equal(1, interpretation.KindWeights[ListingKind.Classified]);
        Assert.Equal(1 / 1.5, interpretation.KindWeights[ListingKind.Job], precision: 9);
        Assert.Equal(1 / 1.5, interpretation.KindWeights[ListingKind.BusRoute], precision: 9);
        Assert.Equal(3, interpretation.KindWeights.Count);
        Assert.Equal("tài xế xe", interpretation.RemainingText);
    }

    [Fact]
    public void Interpret_LeavesAnotherKindsIntentWords_AsText_InASearchOfOneKind()
    {
        var interpretation = TestInterpreter.Instance.Interpret("tuyển tài xế xe buýt", ListingKind.Job);

        Assert.Equal("tài xế xe buýt", interpretation.RemainingText);
        Assert.Equal([ListingKind.Job], interpretation.KindWeights.Keys);
    }

    [Theory]
    [InlineData("ca đêm", JobKindNames.Shift, "night")]
    [InlineData("ca dem", JobKindNames.Shift, "night")]
    [InlineData("CA ĐÊM", JobKindNames.Shift, "night")]
    [InlineData("ca ngày", JobKindNames.Shift, "day")]
    [InlineData("ca ngay", JobKindNames.Shift, "day")]
    [InlineData("giờ hành chính", JobKindNames.Shift, "day")]
    [InlineData("gio hanh chinh", JobKindNames.Shift, "day")]
    [InlineData("xoay ca", JobKindNames.Shift, "rotating")]
    [InlineData("3 ca", JobKindNames.Shift, "rotating")]
    [InlineData("bao ăn", JobKindNames.Benefits, "meals")]
    [InlineData("bao an", JobKindNames.Benefits, "meals")]
    [InlineData("cơm ca", JobKindNames.Benefits, "meals")]
    [InlineData("com ca", JobKindNames.Benefits, "meals")]
    [InlineData("xe đưa rước", JobKindNames.Benefits, "shuttleBus")]
    [InlineData("xe dua ruoc", JobKindNames.Benefits, "shuttleBus")]
    [InlineData("xe đưa đón", JobKindNames.Benefits, "shuttleBus")]
    [InlineData("ký túc xá", JobKindNames.Benefits, "dormitory")]
    [InlineData("ky tuc xa", JobKindNames.Benefits, "dormitory")]
    [InlineData("kí túc xá", JobKindNames.Benefits, "dormitory")]
    [InlineData("ktx", JobKindNames.Benefits, "dormitory")]
    [InlineData("toàn thời gian", JobKindNames.JobType, "fullTime")]
    [InlineData("bán thời gian", JobKindNames.JobType, "partTime")]
    [InlineData("part time", JobKindNames.JobType, "partTime")]
    [InlineData("thời vụ", JobKindNames.JobType, "seasonal")]
    public void Interpret_ReadsJobNeeds_AsTheirFilterCodes(string words, string filter, string code) =>
        AssertNeed(ListingKind.Job, words, filter, code);

    [Theory]
    [InlineData("máy lạnh", "amenities", "airConditioner")]
    [InlineData("may lanh", "amenities", "airConditioner")]
    [InlineData("điều hoà", "amenities", "airConditioner")]
    [InlineData("gác lửng", "amenities", "loft")]
    [InlineData("gac lung", "amenities", "loft")]
    [InlineData("có gác lửng", "amenities", "loft")]
    [InlineData("co gac lung", "amenities", "loft")]
    [InlineData("có điều hòa", "amenities", "airConditioner")]
    [InlineData("wc riêng", "amenities", "privateBathroom")]
    [InlineData("WC rieng", "amenities", "privateBathroom")]
    [InlineData("vệ sinh riêng", "amenities", "privateBathroom")]
    [InlineData("chỗ để xe", "amenities", "parking")]
    [InlineData("cho de xe", "amenities", "parking")]
    [InlineData("wifi", "amenities", "wifi")]
    [InlineData("wi-fi", "amenities", "wifi")]
    [InlineData("máy nước nóng", "amenities", "waterHeater")]
    [InlineData("nội thất", "amenities", "furnished")]
    [InlineData("an ninh", "amenities", "security")]
    [InlineData("bếp", "amenities", "kitchen")]
    [InlineData("phòng trọ", "rentalType", "room")]
    [InlineData("nhà trọ", "rentalType", "room")]
    [InlineData("căn hộ", "rentalType", "apartment")]
    [InlineData("chung cư", "rentalType", "apartment")]
    [InlineData("nhà nguyên căn", "rentalType", "wholeHouse")]
    [InlineData("ký túc xá", "rentalType", "dormitory")]
    [InlineData("mặt bằng", "rentalType", "businessPremises")]
    public void Interpret_ReadsRentalNeeds_AsTheirFilterCodes(string words, string filter, string code) =>
        AssertNeed(ListingKind.Rental, words, filter, code);

    [Theory]
    [InlineData("mới", "condition", "new")]
    [InlineData("moi", "condition", "new")]
    [InlineData("cũ", "condition", "used")]
    [InlineData("cu", "condition", "used")]
    [InlineData("đã qua sử dụng", "condition", "used")]
    [InlineData("like new", "condition", "likeNew")]
    [InlineData("như mới", "condition", "likeNew")]
    [InlineData("nhu moi", "condition", "likeNew")]
    [InlineData("xe máy", "category", "motorbikes")]
    [InlineData("điện thoại", "category", "phones")]
    [InlineData("xe đạp", "category", "bicycles")]
    [InlineData("đồ gia dụng", "category", "homeAppliances")]
    [InlineData("quần áo", "category", "clothing")]
    public void Interpret_ReadsClassifiedNeeds_AsTheirFilterCodes(string words, string filter, string code) =>
        AssertNeed(ListingKind.Classified, words, filter, code);

    [Theory]
    [InlineData("ăn uống", "foodAndDrink")]
    [InlineData("an uong", "foodAndDrink")]
    [InlineData("đồ ăn", "foodAndDrink")]
    [InlineData("am thuc", "foodAndDrink")]
    [InlineData("làm đẹp", "beauty")]
    [InlineData("lam dep", "beauty")]
    [InlineData("mua sắm", "shopping")]
    [InlineData("giải trí", "entertainment")]
    [InlineData("du lịch", "travel")]
    public void Interpret_ReadsVoucherCategories(string words, string code) =>
        AssertNeed(ListingKind.Voucher, words, "category", code);

    [Theory]
    [InlineData("trà sữa")]
    [InlineData("ca phe")]
    [InlineData("karaoke")]
    [InlineData("khách sạn")]
    public void Interpret_LeavesWordsMoreSpecificThanACategory_AsText(string words)
    {
        var interpretation = TestInterpreter.Instance.Interpret("giảm giá " + words, ListingKind.Voucher);

        Assert.Empty(interpretation.Needs);
        Assert.Contains(words, interpretation.RemainingText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nội tỉnh", "inProvince")]
    [InlineData("liên tỉnh", "interProvince")]
    public void Interpret_ReadsBusRouteScope(string words, string code) =>
        AssertNeed(ListingKind.BusRoute, words, "scope", code);

    [Fact]
    public void Interpret_ReadsEveryNeedOfAPhrase_ThatMeansTwo()
    {
        var interpretation = TestInterpreter.Instance.Interpret("bao ăn ở", ListingKind.Job);

        Assert.Equal(["meals", "dormitory"], interpretation.FiltersFor(ListingKind.Job)[JobKindNames.Benefits]);
        Assert.Equal("", interpretation.RemainingText);
    }

    [Fact]
    public void Interpret_DoesNotReadMoiBeforeAMonth_AsNew()
    {
        var interpretation = TestInterpreter.Instance.Interpret("moi thang", ListingKind.Classified);

        Assert.Empty(interpretation.Needs);
        Assert.Equal("moi thang", interpretation.RemainingText);
    }

    [Fact]
    public void Interpret_ReadsANeed_InACrossKindSearch_OnlyWhenTheQueryPointsAtItsKind()
    {
        var alone = TestInterpreter.Instance.Interpret("ký túc xá", kind: null);
        var withKind = TestInterpreter.Instance.Interpret("cho thuê ký túc xá", kind: null);

        Assert.Empty(alone.Needs);
        Assert.Equal("ký túc xá", alone.RemainingText);
        var need = Assert.Single(withKind.Needs);
        Assert.Equal((ListingKind.Rental, "rentalType", "dormitory"), (need.Kind, need.Filter, need.Code));
    }

    [Fact]
    public void Interpret_LeavesAnotherKindsNeeds_AsText_InASearchOfOneKind()
    {
        var interpretation = TestInterpreter.Instance.Interpret("ca đêm máy lạnh", ListingKind.Rental);

        Assert.Equal("máy lạnh", Assert.Single(interpretation.Needs).Source);
        Assert.Equal("ca đêm", interpretation.RemainingText);
    }

    [Theory]
    [InlineData("giá rẻ")]
    [InlineData("gia re")]
    [InlineData("GIÁ RẺ")]
    [InlineData("rẻ")]
    [InlineData("re")]
    public void Interpret_ReadsCheap_AsAHintAndNotAsText(string words)
    {
        var interpretation = TestInterpreter.Instance.Interpret("phòng trọ " + words + " Biên Hòa", ListingKind.Rental);

        Assert.True(interpretation.Cheap);
        Assert.Equal(words, interpretation.Parts.OfType<CheapPart>().Single().Source);
        Assert.Equal("", interpretation.RemainingText);
    }

    [Fact]
    public void Interpret_DoesNotReadATurn_AsCheap()
    {
        var interpretation = TestInterpreter.Instance.Interpret("rẽ phải", ListingKind.Rental);

        Assert.False(interpretation.Cheap);
    }

    [Fact]
    public void Interpret_LeavesWordsWithoutACode_AsText()
    {
        var interpretation = TestInterpreter.Instance.Interpret("phòng trọ giờ giấc tự do", ListingKind.Rental);

        Assert.Equal("giờ giấc tự do", interpretation.RemainingText);
    }

    [Fact]
    public void Interpret_DropsFillerWords()
    {
        var interpretation = TestInterpreter.Instance.Interpret("mình cần tìm phòng trọ có máy lạnh nhé", ListingKind.Rental);

        Assert.Equal("", interpretation.RemainingText);
        Assert.Equal(["phòng trọ", "có máy lạnh"], interpretation.Needs.Select(n => n.Source));
    }

    private static void AssertNeed(ListingKind kind, string words, string filter, string code)
    {
        foreach (var text in new[] { words, words.Normalize(NormalizationForm.FormD), "  " + words.ToUpperInvariant() + "  " })
        {
            var interpretation = TestInterpreter.Instance.Interpret(text, kind);

            var need = Assert.Single(interpretation.Needs, n => n.Filter == filter);
            Assert.Equal((kind, code, text.Trim()), (need.Kind, need.Code, need.Source));
            Assert.Equal([code], interpretation.FiltersFor(kind)[filter]);
            Assert.Contains(code, Domain.Listings.ListingKinds.Get(kind).Search.Filter(filter)!.Values!);
        }
    }
}

/// <summary>The jobs descriptor's filter names, short for the attributes above.</summary>
internal static class JobKindNames
{
    public const string Shift = Domain.Listings.Jobs.JobKind.Shift;
    public const string Benefits = Domain.Listings.Jobs.JobKind.Benefits;
    public const string JobType = Domain.Listings.Jobs.JobKind.JobType;
}
