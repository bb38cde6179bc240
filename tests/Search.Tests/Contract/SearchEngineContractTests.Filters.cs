using DongNai.Domain.Listings;
using DongNai.Domain.Places;
using DongNai.Search.Tests.Builders;

namespace DongNai.Search.Tests.Contract;

public abstract partial class SearchEngineContractTests
{
    [ContractTheory]
    [InlineData(10.9450, 106.8240, 0.5)]
    [InlineData(10.9450, 106.8240, 3)]
    [InlineData(10.9565, 106.8686, 7.5)]
    [InlineData(10.7830, 106.9510, 20)]
    [InlineData(10.9450, 106.8240, 250)]
    public async Task Search_ReturnsExactlyTheListingsWithinRadius(double latitude, double longitude, double km)
    {
        var listings = ScatteredListings(count: 300, seed: 7);
        await IndexAsync(listings);
        var expected = listings
            .Where(d => d.Latitude is { } lat && GeoMath.HaversineKm(latitude, longitude, lat, d.Longitude!.Value) <= km)
            .Select(d => d.Id)
            .Order()
            .ToList();

        var hits = await AllHitsAsync(Query() with { Geo = GeoFilter.Radius(latitude, longitude, km) });

        Assert.NotEmpty(expected);
        Assert.Equal(expected, hits.Select(h => h.Id).Order());
    }

    [ContractFact]
    public async Task Search_ReturnsExactlyTheListingsInsideBoundingBox()
    {
        var listings = ScatteredListings(count: 300, seed: 11);
        await IndexAsync(listings);
        var box = GeoFilter.BoundingBox(10.90, 106.80, 11.00, 106.95);
        var expected = listings
            .Where(d => d.Latitude is >= 10.90 and <= 11.00 && d.Longitude is >= 106.80 and <= 106.95)
            .Select(d => d.Id)
            .Order()
            .ToList();

        var hits = await AllHitsAsync(Query() with { Geo = box });

        Assert.NotEmpty(expected);
        Assert.Equal(expected, hits.Select(h => h.Id).Order());
    }

    [ContractFact]
    public async Task Search_ReturnsExactlyTheListingsInsideAConcavePolygon_NotThoseInItsEnvelopeOnly()
    {
        var listings = ScatteredListings(count: 400, seed: 13);
        await IndexAsync(listings);

        // An L around Biên Hòa: its envelope holds many listings the notch leaves out.
        GeoPoint[] ring =
        [
            new(10.80, 106.70), new(10.80, 107.00), new(10.90, 107.00), new(10.90, 106.80),
            new(11.10, 106.80), new(11.10, 106.70), new(10.80, 106.70),
        ];
        var expected = listings
            .Where(d => d.Latitude is { } lat && InsideRing(ring, lat, d.Longitude!.Value))
            .Select(d => d.Id)
            .Order()
            .ToList();
        var inEnvelopeOnly = listings.Count(d => d is { Latitude: >= 10.90 and <= 11.10, Longitude: > 106.80 and <= 107.00 });

        var hits = await AllHitsAsync(Query() with { Geo = GeoFilter.Polygon(ring) });

        Assert.NotEmpty(expected);
        Assert.True(inEnvelopeOnly > 0, "the notch must hold listings for the test to mean anything");
        Assert.Equal(expected, hits.Select(h => h.Id).Order());
    }

    [ContractFact]
    public async Task Search_FindsTheSameListings_WhateverTheOrientationOfThePolygon()
    {
        var listings = ScatteredListings(count: 200, seed: 17);
        await IndexAsync(listings);
        GeoPoint[] counterClockwise = [new(10.85, 106.75), new(10.85, 106.95), new(11.05, 106.90), new(11.00, 106.75), new(10.85, 106.75)];

        var forward = await AllHitsAsync(Query() with { Geo = GeoFilter.Polygon(counterClockwise) });
        var backward = await AllHitsAsync(Query() with { Geo = GeoFilter.Polygon(counterClockwise.Reverse().ToArray()) });

        Assert.NotEmpty(forward);
        Assert.Equal(forward.Select(h => h.Id).Order(), backward.Select(h => h.Id).Order());
    }

    [ContractTheory]
    [InlineData("open")]
    [InlineData("bow-tie")]
    [InlineData("two-corners")]
    [InlineData("too-many")]
    [InlineData("flat")]
    public async Task Search_RejectsAPolygonThatIsNotASimpleClosedRing(string shape)
    {
        GeoPoint[] ring = shape switch
        {
            "open" => [new(10.9, 106.8), new(10.9, 106.9), new(11.0, 106.9)],
            "bow-tie" => [new(10.9, 106.8), new(11.0, 106.9), new(11.0, 106.8), new(10.9, 106.9), new(10.9, 106.8)],
            "two-corners" => [new(10.9, 106.8), new(11.0, 106.9), new(10.9, 106.8)],
            "flat" => [new(10.9, 106.8), new(10.95, 106.85), new(11.0, 106.9), new(10.9, 106.8)],
            _ => Enumerable.Range(0, GeoPolygon.MaxVertices)
                .Select(i => new GeoPoint(10.9 + (0.05 * Math.Sin(i * 2 * Math.PI / GeoPolygon.MaxVertices)), 106.8 + (0.05 * Math.Cos(i * 2 * Math.PI / GeoPolygon.MaxVertices))))
                .Append(new GeoPoint(10.9, 106.85))
                .ToArray(),
        };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Engine.SearchAsync(Query() with { Geo = GeoFilter.Polygon(ring) }));
    }

    [ContractFact]
    public async Task Search_ReportsDistanceFromReferencePoint_WithinTenMetres()
    {
        var listings = ScatteredListings(count: 100, seed: 3);
        await IndexAsync(listings);
        var reference = Places.Amata;

        var hits = await AllHitsAsync(Query() with { ReferencePoint = reference });

        Assert.Equal(listings.Count, hits.Count);
        foreach (var hit in hits)
        {
            var listing = listings.Single(d => d.Id == hit.Id);
            if (listing.Latitude is { } lat)
            {
                var expected = GeoMath.HaversineKm(reference.Latitude, reference.Longitude, lat, listing.Longitude!.Value);
                Assert.NotNull(hit.DistanceKm);
                Assert.InRange(hit.DistanceKm.Value, expected - 0.01, expected + 0.01);
            }
            else
            {
                Assert.Null(hit.DistanceKm);
            }
        }
    }

    [ContractFact]
    public async Task Search_MeasuresDistanceFromRadiusCentre_WhenNoReferencePointIsGiven()
    {
        await IndexAsync(ListingBuilder.Rental(1).At(Places.Amata.Latitude, Places.Amata.Longitude));
        var expected = GeoMath.HaversineKm(Places.BienHoa.Latitude, Places.BienHoa.Longitude, Places.Amata.Latitude, Places.Amata.Longitude);

        var hit = Assert.Single((await Engine.SearchAsync(Query() with { Geo = GeoFilter.Radius(Places.BienHoa.Latitude, Places.BienHoa.Longitude, 10) })).Hits);

        Assert.InRange(hit.DistanceKm!.Value, expected - 0.01, expected + 0.01);
    }

    [ContractFact]
    public async Task Search_ReturnsNoDistance_WhenQueryHasNoReferencePoint()
    {
        await IndexAsync(ListingBuilder.Rental(1).At(Places.Amata.Latitude, Places.Amata.Longitude));

        var hit = Assert.Single((await Engine.SearchAsync(Query())).Hits);

        Assert.Null(hit.DistanceKm);
    }

    [ContractTheory]
    [InlineData(null, 5_000_000L)]
    [InlineData(7_000_000L, null)]
    [InlineData(6_000_000L, 8_000_000L)]
    [InlineData(9_000_000L, 9_000_000L)]
    public async Task Search_FiltersJobsBySalaryRange_WhenRangesOverlap(long? min, long? max)
    {
        var jobs = Enumerable.Range(1, 60)
            .Select(i => ListingBuilder.Job(i).Salary(3_000_000L + (i * 100_000L), 4_000_000L + (i * 150_000L)).Build())
            .Append(ListingBuilder.Job(100).Titled("Lương thỏa thuận").Build())
            .ToList();
        await IndexAsync(jobs);
        var expected = jobs
            .Where(j => j.PriceMin.HasValue && (max is null || j.PriceMin <= max) && (min is null || j.PriceMax >= min))
            .Select(j => j.Id)
            .Order()
            .ToList();

        var hits = await AllHitsAsync(Query() with { MinPrice = min, MaxPrice = max });

        Assert.NotEmpty(expected);
        Assert.Equal(expected, hits.Select(h => h.Id).Order());
    }

    [ContractFact]
    public async Task Search_FiltersByAreaRange_Inclusively()
    {
        await IndexAsync(
            ListingBuilder.Rental(1).Area(12),
            ListingBuilder.Rental(2).Area(16),
            ListingBuilder.Rental(3).Area(20),
            ListingBuilder.Rental(4).Area(25.5),
            ListingBuilder.Rental(5));

        var ids = await IdsAsync(Query() with { MinArea = 16, MaxArea = 25 });

        Assert.Equal([2L, 3L], ids.Order());
    }

    [ContractFact]
    public async Task Search_FiltersByKeywords_AnyValueWithinAField_AllFields()
    {
        await IndexAsync(
            ListingBuilder.Job(1).Keyword("shift", "day").Keyword("benefits", "meals", "dorm"),
            ListingBuilder.Job(2).Keyword("shift", "night").Keyword("benefits", "meals"),
            ListingBuilder.Job(3).Keyword("shift", "rotating").Keyword("benefits", "dorm"),
            ListingBuilder.Job(4).Keyword("shift", "night"));

        var ids = await IdsAsync(Query() with
        {
            Filters = new Dictionary<string, IReadOnlyList<string>>
            {
                ["shift"] = ["day", "night"],
                ["benefits"] = ["meals"],
            },
        });

        Assert.Equal([1L, 2L], ids.Order());
    }

    [ContractFact]
    public async Task Search_FiltersByKind_AndSearchesAllKindsWhenKindIsNull()
    {
        await IndexAsync(
            ListingBuilder.Job(1).Titled("Biên Hòa"),
            ListingBuilder.Rental(1).Titled("Biên Hòa"),
            ListingBuilder.Voucher(2).Titled("Biên Hòa"));

        var rentals = await Engine.SearchAsync(Query("bien hoa") with { Kind = ListingKind.Rental });
        var all = await Engine.SearchAsync(Query("bien hoa"));

        Assert.Equal([(ListingKind.Rental, 1L)], rentals.Hits.Select(h => (h.Kind, h.Id)));
        Assert.Equal(3, all.Total);
    }

    [ContractFact]
    public async Task Search_ExcludesExpiredAndSoldOutVouchers()
    {
        await IndexAsync(
            ListingBuilder.Voucher(1).Titled("Giảm 20% siêu thị").ExpiresAt(TestClock.Now.AddDays(3)).Remaining(10),
            ListingBuilder.Voucher(2).Titled("Giảm 30% siêu thị").ExpiresAt(TestClock.Now.AddMinutes(-1)).Remaining(10),
            ListingBuilder.Voucher(3).Titled("Giảm 50% siêu thị").ExpiresAt(TestClock.Now.AddDays(3)).Remaining(0),
            ListingBuilder.Voucher(4).Titled("Giảm 10% siêu thị"),
            ListingBuilder.Voucher(5).Titled("Giảm 15% siêu thị").ExpiresAt(TestClock.Now));

        var ids = await IdsAsync(Query("sieu thi"));
        var lastWeek = await IdsAsync(Query("sieu thi") with { Now = TestClock.Now.AddDays(-7) });

        Assert.Equal([1L, 4L], ids.Order());
        Assert.Equal([1L, 2L, 4L, 5L], lastWeek.Order());
    }

    [ContractTheory]
    [InlineData("05:00", "06:30", new long[] { 1, 2 })]
    [InlineData("06:31", "11:59", new long[] { 3 })]
    [InlineData("21:00", "04:00", new long[] { 4 })]
    [InlineData(null, "05:10", new long[] { 1, 4 })]
    [InlineData("17:00", null, new long[] { 2, 3, 4 })]
    public async Task Search_FiltersBusRoutesByDepartureWindow(string? from, string? to, long[] expected)
    {
        await IndexAsync(
            ListingBuilder.BusRoute(1).Departures("05:00", "05:10"),
            ListingBuilder.BusRoute(2).Departures("06:30", "17:00"),
            ListingBuilder.BusRoute(3).Departures("12:00", "18:00", "07:15"),
            ListingBuilder.BusRoute(4).Departures("23:30", "03:00"),
            ListingBuilder.BusRoute(5));

        var ids = await IdsAsync(Query() with
        {
            Kind = ListingKind.BusRoute,
            DepartureFrom = from is null ? null : TimeOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            DepartureTo = to is null ? null : TimeOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(expected, ids.Order());
    }

    [ContractFact]
    public async Task Search_CombinesTextGeoPriceAndKeywordFilters()
    {
        await IndexAsync(
            ListingBuilder.Rental(1).Titled("Phòng trọ gần KCN Amata").At(10.9570, 106.8690).Priced(2_000_000).Keyword("rentalType", "room"),
            ListingBuilder.Rental(2).Titled("Phòng trọ gần KCN Amata").At(10.9570, 106.8690).Priced(4_000_000).Keyword("rentalType", "room"),
            ListingBuilder.Rental(3).Titled("Phòng trọ Long Thành").At(Places.LongThanh.Latitude, Places.LongThanh.Longitude).Priced(1_500_000).Keyword("rentalType", "room"),
            ListingBuilder.Rental(4).Titled("Phòng trọ gần KCN Amata").At(10.9570, 106.8690).Priced(1_800_000).Keyword("rentalType", "house"));

        var ids = await IdsAsync(Query("phong tro") with
        {
            Kind = ListingKind.Rental,
            Geo = GeoFilter.Radius(Places.Amata.Latitude, Places.Amata.Longitude, 3),
            MaxPrice = 3_000_000,
            Filters = new Dictionary<string, IReadOnlyList<string>> { ["rentalType"] = ["room"] },
        });

        Assert.Equal([1L], ids);
    }

    [ContractFact]
    public async Task Search_RejectsOutOfRangeQueries()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Engine.SearchAsync(Query() with { Size = 0 }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Engine.SearchAsync(Query() with { Size = SearchQuery.MaxSize + 1 }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Engine.SearchAsync(Query() with { Sort = SearchSort.Distance }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Engine.SearchAsync(Query() with { MinPrice = 5, MaxPrice = 1 }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Engine.SearchAsync(Query() with { Geo = GeoFilter.Radius(10.9, 106.8, -1) }));
    }

    /// <summary>Even-odd ray casting on longitude/latitude as planar coordinates: the oracle for polygon filters (no point of the data lies on an edge).</summary>
    private static bool InsideRing(GeoPoint[] ring, double latitude, double longitude)
    {
        var inside = false;
        for (int i = 0, j = ring.Length - 2; i < ring.Length - 1; j = i++)
        {
            var (a, b) = (ring[i], ring[j]);
            if ((a.Latitude > latitude) != (b.Latitude > latitude)
                && longitude < ((b.Longitude - a.Longitude) * (latitude - a.Latitude) / (b.Latitude - a.Latitude)) + a.Longitude)
            {
                inside = !inside;
            }
        }

        return inside;
    }

    /// <summary>Listings scattered over about 60 × 60 km around Biên Hòa, a third of them within about 2 km of its centre; every tenth has no location.</summary>
    protected static List<SearchDocument> ScatteredListings(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(1, count)
            .Select(i =>
            {
                var builder = ListingBuilder.Rental(i).Titled($"Phòng trọ số {i}").Priced(1_000_000 + (random.Next(0, 40) * 100_000));
                if (i % 10 == 0)
                {
                    return builder.Build();
                }

                return i % 3 == 0
                    ? builder.At(10.925 + (random.NextDouble() * 0.04), 106.804 + (random.NextDouble() * 0.04)).Build()
                    : builder.At(10.70 + (random.NextDouble() * 0.55), 106.60 + (random.NextDouble() * 0.55)).Build();
            })
            .ToList();
    }
}
