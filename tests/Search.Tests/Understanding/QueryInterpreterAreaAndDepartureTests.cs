using System.Text;
using DongNai.Domain.Listings;
using DongNai.Search.Understanding;

namespace DongNai.Search.Tests.Understanding;

public sealed class QueryInterpreterAreaAndDepartureTests
{
    [Theory]
    [InlineData("20m2", 17.0, 23.0)]
    [InlineData("20 m2", 17.0, 23.0)]
    [InlineData("20 m²", 17.0, 23.0)]
    [InlineData("20m²", 17.0, 23.0)]
    [InlineData("20 mét vuông", 17.0, 23.0)]
    [InlineData("20 M2", 17.0, 23.0)]
    [InlineData("trên 20m2", 20.0, null)]
    [InlineData("dưới 30 m²", null, 30.0)]
    [InlineData("từ 20 đến 30m2", 20.0, 30.0)]
    [InlineData("20-30m2", 20.0, 30.0)]
    [InlineData("25,5m2", 21.7, 29.3)]
    public void Interpret_ReadsAreas_ForRentals(string words, double? min, double? max)
    {
        foreach (var text in new[] { words, words.Normalize(NormalizationForm.FormD) })
        {
            var interpretation = TestInterpreter.Instance.Interpret("phòng trọ " + text + " dưới 3 triệu", ListingKind.Rental);

            var area = Assert.IsType<AreaPart>(interpretation.Area);
            Assert.Equal((min, max), (area.MinM2, area.MaxM2));
            Assert.Equal(text, area.Source);
            Assert.Equal(3_000_000, interpretation.Money?.MaxVnd);
            Assert.Equal("", interpretation.RemainingText);
        }
    }

    [Fact]
    public void Interpret_LeavesAnArea_AsText_ForAKindWithoutOne()
    {
        var interpretation = TestInterpreter.Instance.Interpret("nhà xưởng 20m2", ListingKind.Job);

        Assert.Null(interpretation.Area);
        Assert.Null(interpretation.Money);
        Assert.Equal("nhà xưởng 20m2", interpretation.RemainingText);
    }

    [Theory]
    [InlineData("6h sáng", "06:00", "06:59")]
    [InlineData("6h sang", "06:00", "06:59")]
    [InlineData("6H SÁNG", "06:00", "06:59")]
    [InlineData("6h", "06:00", "06:59")]
    [InlineData("6 giờ", "06:00", "06:59")]
    [InlineData("6h30", "06:00", "07:00")]
    [InlineData("6:30", "06:00", "07:00")]
    [InlineData("5h chiều", "17:00", "17:59")]
    [InlineData("5h toi", "17:00", "17:59")]
    [InlineData("10h đêm", "22:00", "22:59")]
    [InlineData("sau 17h", "17:00", "23:59")]
    [InlineData("sau 5h chiều", "17:00", "23:59")]
    [InlineData("trước 7h", "00:00", "07:00")]
    [InlineData("từ 6h đến 8h", "06:00", "08:00")]
    [InlineData("6h-8h", "06:00", "08:00")]
    [InlineData("tối", "18:00", "22:59")]
    [InlineData("buổi tối", "18:00", "22:59")]
    [InlineData("buoi toi", "18:00", "22:59")]
    [InlineData("buổi sáng", "05:00", "10:59")]
    [InlineData("ban đêm", "22:00", "04:59")]
    public void Interpret_ReadsDepartureWindows_ForBusRoutes(string words, string from, string to)
    {
        foreach (var text in new[] { words, words.Normalize(NormalizationForm.FormD) })
        {
            var interpretation = TestInterpreter.Instance.Interpret("xe buýt Biên Hòa " + text, ListingKind.BusRoute);

            var departure = Assert.IsType<DeparturePart>(interpretation.Departure);
            Assert.Equal((TimeOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)), (departure.From, departure.To));
            Assert.Equal(text, departure.Source);
            Assert.Equal("", interpretation.RemainingText);
        }
    }

    [Fact]
    public void Interpret_ReadsDepartures_InACrossKindSearch_OnlyForBusIntent()
    {
        var bus = TestInterpreter.Instance.Interpret("xe buýt đi Long Thành 6h sáng", kind: null);
        var job = TestInterpreter.Instance.Interpret("việc làm 6h sáng", kind: null);

        Assert.Equal(new TimeOnly(6, 0), bus.Departure?.From);
        Assert.Equal("đi Long Thành", bus.Place?.Source);
        Assert.Null(job.Departure);
        Assert.Equal("6h sáng", job.RemainingText);
    }

    [Theory]
    [InlineData("xe buyt toi")]
    [InlineData("tôi cần xe buýt")]
    public void Interpret_DoesNotReadToiWithoutAccents_AsEvening(string text)
    {
        var interpretation = TestInterpreter.Instance.Interpret(text, ListingKind.BusRoute);

        Assert.Null(interpretation.Departure);
    }
}
