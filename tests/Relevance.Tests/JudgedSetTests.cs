using DongNai.Domain.Listings;
using DongNai.Domain.Listings.Rentals;
using DongNai.Domain.Places;

namespace DongNai.Relevance.Tests;

public sealed class JudgedSetTests
{
    private static readonly PlaceCatalog Places = PlaceCatalog.Load();

    [Fact]
    public void Load_ReadsAtLeast150Queries_CoveringEveryKindAndBothEndpoints()
    {
        var set = JudgedSet.LoadDefault(Places);

        Assert.True(set.Queries.Count >= 150, $"{set.Queries.Count} queries");
        Assert.Equal(ListingKinds.Public.Select(k => k.Kind).Order(), set.Queries.Select(q => q.Rule.Kind).Distinct().Order());
        Assert.Contains(set.Queries, q => q.Endpoint is null);
        Assert.All(ListingKinds.Public.Select(k => k.Kind), kind => Assert.Contains(set.Queries, q => q.Endpoint == kind));
    }

    [Fact]
    public void Load_Refuses_ARuleWithSeveralConstraintsAndNoMain()
    {
        var path = WriteSet("""{"id": "x", "group": "g", "endpoint": "rentals", "q": "phong tro 2tr gan amata", "rule": {"kind": "rentals", "maxVnd": 2000000, "near": "KCN Amata", "withinKm": 3}}""");

        var error = Assert.Throws<InvalidDataException>(() => JudgedSet.Load(path, Places));

        Assert.Contains("main", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Refuses_APlaceTheCatalogDoesNotResolve()
    {
        var path = WriteSet("""{"id": "x", "group": "g", "endpoint": "all", "q": "phong tro", "rule": {"kind": "rentals", "near": "Atlantis", "withinKm": 3}}""");

        Assert.Throws<InvalidDataException>(() => JudgedSet.Load(path, Places));
    }

    [Theory]
    [InlineData(1_800_000, 1.0, 2)]
    [InlineData(2_500_000, 1.0, 1)]
    [InlineData(1_800_000, 9.0, 0)]
    public void Grade_GivesTwoForEveryConstraint_OneForTheMainOnes_ZeroOtherwise(long price, double kmNorthOfAmata, int expected)
    {
        var path = WriteSet("""{"id": "x", "group": "g", "endpoint": "rentals", "q": "phong tro duoi 2tr gan amata", "rule": {"kind": "rentals", "maxVnd": 2000000, "near": "KCN Amata", "withinKm": 3, "main": ["place"]}}""");
        var rule = JudgedSet.Load(path, Places).Queries[0].Rule;
        var amata = Places.FindPark("amata")!;
        var rental = new Rental
        {
            Id = 1,
            Title = "Phòng trọ",
            PriceVnd = price,
            RentalType = RentalType.Room,
            Latitude = amata.Latitude + (kmNorthOfAmata / 111.32),
            Longitude = amata.Longitude,
        };

        var grade = Judge.Grade(rule, JudgedListing.From(rental, Places), DateTime.UtcNow);

        Assert.Equal(expected, grade);
    }

    [Fact]
    public void Ndcg_IsOne_ForTheIdealOrder_AndLess_WhenAWorseListingComesFirst()
    {
        int[] judged = [2, 1, 1];

        var ideal = RelevanceMetrics.Ndcg([2, 1, 1], judged);
        var swapped = RelevanceMetrics.Ndcg([1, 2, 1], judged);

        Assert.Equal(1.0, ideal, 6);
        Assert.True(swapped < 1.0);
    }

    private static string WriteSet(string query)
    {
        var path = Path.Combine(Path.GetTempPath(), $"relevance-set-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""{"queries": [{{query}}]}""");
        return path;
    }
}
