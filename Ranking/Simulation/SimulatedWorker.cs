using DongNai.Domain.Listings;
using DongNai.Domain.Places;
using DongNai.Search;

namespace DongNai.Ranking.Simulation;

/// <summary>
/// A synthetic worker with hidden preferences: where they work and live, what rent they can pay,
/// the lowest salary they take, the shift, trade and kind of room they want, and how often they
/// look for a job rather than a room. The simulation knows all of it; ranking sees only what the
/// worker put in their profile (<see cref="StatesPark"/>, <see cref="StatesHome"/>) and what they do.
/// </summary>
public sealed record SimulatedWorker(
    long AccountId,
    IndustrialPark Park,
    Commune Home,
    long RentBudget,
    long SalaryFloor,
    string Shift,
    string Skill,
    string RentalType,
    double JobInterest,
    bool StatesPark,
    bool StatesHome)
{
    public GeoPoint ParkPoint => new(Park.Latitude, Park.Longitude);

    public GeoPoint HomePoint => new(Home.Latitude, Home.Longitude);

    /// <summary>How much the worker would like the listing (about 0 to 5), from the hidden preferences only.</summary>
    public double Utility(SimulatedListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var toPark = GeoMath.HaversineKm(listing.Location.Latitude, listing.Location.Longitude, Park.Latitude, Park.Longitude);
        var toHome = GeoMath.HaversineKm(listing.Location.Latitude, listing.Location.Longitude, Home.Latitude, Home.Longitude);
        var quality = 0.35 * listing.Quality;
        var verified = listing.OwnerVerified ? 0.2 : 0;
        if (listing.Kind == ListingKind.Rental)
        {
            var fit = listing.PriceMin <= RentBudget ? 1 : Math.Exp(-4 * ((double)listing.PriceMin / RentBudget - 1));
            return (1.8 * Math.Exp(-toPark / 3)) + (0.6 * Math.Exp(-toHome / 4)) + (1.4 * fit)
                + (listing.Category == RentalType ? 0.6 : 0) + quality + verified;
        }

        var salaryFit = listing.PriceMax >= SalaryFloor ? 1 : Math.Exp(-5 * (1 - ((double)listing.PriceMax / SalaryFloor)));
        return (1.2 * Math.Exp(-toPark / 3)) + (0.8 * Math.Exp(-toHome / 8)) + (1.4 * salaryFit)
            + (listing.Category == Shift ? 0.8 : 0) + (listing.Skill == Skill ? 0.6 : 0) + quality + verified;
    }

    /// <summary>The true relevance grade of a listing for this worker (0–3), the ground truth of offline evaluation.</summary>
    public int Grade(SimulatedListing listing) => Utility(listing) switch
    {
        >= 3.9 => 3,
        >= 3.3 => 2,
        >= 2.7 => 1,
        _ => 0,
    };

    /// <summary>A population deterministic for a seed; account ids start at <paramref name="firstAccountId"/>.</summary>
    public static List<SimulatedWorker> Population(SyntheticMarket market, PlaceCatalog places, int count, int seed, long firstAccountId)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(places);
        var random = new Random(seed);
        var workers = new List<SimulatedWorker>(count);
        for (var i = 0; i < count; i++)
        {
            var park = market.Parks[random.Next(market.Parks.Count)];
            var nearby = places.Communes
                .Where(c => GeoMath.HaversineKm(c.Latitude, c.Longitude, park.Latitude, park.Longitude) <= 15)
                .OrderBy(c => c.Code, StringComparer.Ordinal)
                .ToList();
            var home = nearby.Count > 0 ? nearby[random.Next(nearby.Count)] : places.NearestCommune(park.Latitude, park.Longitude);
            var budget = (long)Math.Round(Math.Exp(Math.Log(1_800_000) + (0.3 * SyntheticMarket.Gaussian(random))) / 100_000) * 100_000;
            var floor = (long)Math.Round((6_000_000 + (random.NextDouble() * 4_500_000)) / 500_000) * 500_000;
            workers.Add(new SimulatedWorker(
                firstAccountId + i,
                park,
                home,
                budget,
                floor,
                SyntheticMarket.Shifts[SyntheticMarket.Pick(random, [0.6, 0.25, 0.15])],
                SyntheticMarket.Skills[random.Next(SyntheticMarket.Skills.Count)].Code,
                SyntheticMarket.RentalTypes[SyntheticMarket.Pick(random, [0.6, 0.15, 0.15, 0.1])],
                0.2 + (random.NextDouble() * 0.6),
                random.NextDouble() < 0.85,
                random.NextDouble() < 0.65));
        }

        return workers;
    }
}
