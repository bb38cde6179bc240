using DongNai.Domain.Listings;
using DongNai.Domain.Listings.Jobs;
using DongNai.Domain.Listings.Rentals;
using DongNai.Domain.Places;
using DongNai.Search;

namespace DongNai.Ranking.Simulation;

/// <summary>
/// One synthetic listing: what the search engine indexes plus what only the simulation knows
/// (<see cref="Quality"/>, how appealing it is to everyone, and <see cref="Skill"/>, the trade a job asks for).
/// </summary>
public sealed record SimulatedListing(
    ListingKind Kind,
    long Id,
    string Title,
    GeoPoint Location,
    long PriceMin,
    long PriceMax,
    string Category,
    string Skill,
    string ParkCode,
    double Quality,
    bool OwnerVerified,
    DateTime UpdatedAt)
{
    public ListingKey Key => new(Kind, Id);
}

/// <summary>
/// A synthetic province of rentals and factory jobs around a few industrial parks of the real
/// <see cref="PlaceCatalog"/>, deterministic for a seed. Listings sit around their park (jobs close
/// to it, rentals spread over a few kilometres), with prices, categories, skills, freshness and an
/// owner badge drawn at random. Immutable once generated.
/// </summary>
public sealed class SyntheticMarket
{
    /// <summary>The trades jobs ask for, as they appear in titles and queries (folded words).</summary>
    public static readonly IReadOnlyList<(string Code, string Words)> Skills =
        [("may", "may công nghiệp"), ("dientu", "điện tử"), ("go", "chế biến gỗ"), ("cokhi", "cơ khí"), ("giay", "giày da")];

    public static readonly IReadOnlyList<string> RentalTypes =
        [ListingVocabulary.Code(RentalType.Room), ListingVocabulary.Code(RentalType.Dormitory), ListingVocabulary.Code(RentalType.WholeHouse), ListingVocabulary.Code(RentalType.Apartment)];

    public static readonly IReadOnlyList<string> Shifts =
        [ListingVocabulary.Code(JobShift.Day), ListingVocabulary.Code(JobShift.Night), ListingVocabulary.Code(JobShift.Rotating)];

    private static readonly string[] RentalTitles =
        ["Phòng trọ {0}", "Cho thuê phòng trọ giá rẻ gần {0}", "Phòng trọ mới xây cho công nhân {0}", "Nhà trọ sạch sẽ, an ninh, gần {0}",
         "Ký túc xá công nhân {0}", "Nhà nguyên căn cho thuê gần {0}", "Căn hộ mini cho thuê {0}", "Phòng trọ có gác lửng gần chợ {0}"];

    private static readonly string[] JobTitles =
        ["Tuyển công nhân {1} tại {0}", "Tuyển gấp công nhân {1}, {0}", "Việc làm công nhân {1} lương cao {0}", "Công ty tuyển lao động phổ thông {1} {0}",
         "Tuyển dụng công nhân {1} làm việc tại {0}", "Tuyển nam nữ công nhân {1} {0}"];

    private SyntheticMarket(IReadOnlyList<IndustrialPark> parks, List<SimulatedListing> listings)
    {
        Parks = parks;
        Listings = listings;
        ByKey = listings.ToDictionary(l => l.Key);
    }

    /// <summary>The parks the market is built around.</summary>
    public IReadOnlyList<IndustrialPark> Parks { get; }

    public IReadOnlyList<SimulatedListing> Listings { get; }

    public IReadOnlyDictionary<ListingKey, SimulatedListing> ByKey { get; }

    /// <summary>A market of <paramref name="count"/> listings (60 % rentals, 40 % jobs) around <paramref name="parkCount"/> parks.</summary>
    public static SyntheticMarket Generate(PlaceCatalog places, int count, int seed, DateTime now, int parkCount = 8)
    {
        ArgumentNullException.ThrowIfNull(places);
        var random = new Random(seed);
        var parks = places.IndustrialParks.OrderBy(p => p.Code, StringComparer.Ordinal).Where((_, i) => i % 3 == 0).Take(parkCount).ToList();
        var listings = new List<SimulatedListing>(count);
        for (var id = 1; id <= count; id++)
        {
            var park = parks[random.Next(parks.Count)];
            var rental = random.NextDouble() < 0.6;
            var verified = random.NextDouble() < 0.4;
            var updated = now.AddDays(-random.NextDouble() * 60);
            var quality = Gaussian(random);
            if (rental)
            {
                var location = Around(park, random, 4.0);
                var type = RentalTypes[Pick(random, [0.55, 0.15, 0.18, 0.12])];
                var price = (long)Math.Round(Math.Exp(Math.Log(1_900_000) + (0.4 * Gaussian(random))) / 100_000) * 100_000;
                var title = string.Format(System.Globalization.CultureInfo.InvariantCulture, RentalTitles[random.Next(RentalTitles.Length)], park.Name);
                listings.Add(new SimulatedListing(ListingKind.Rental, id, title, location, price, price, type, "", park.Code, quality, verified, updated));
            }
            else
            {
                var location = Around(park, random, 1.5);
                var skill = Skills[random.Next(Skills.Count)];
                var shift = Shifts[Pick(random, [0.55, 0.25, 0.20])];
                var salary = (long)Math.Round((5_500_000 + (random.NextDouble() * 8_000_000)) / 500_000) * 500_000;
                var title = string.Format(System.Globalization.CultureInfo.InvariantCulture, JobTitles[random.Next(JobTitles.Length)], park.Name, skill.Words);
                listings.Add(new SimulatedListing(ListingKind.Job, id, title, location, salary, salary + 1_500_000, shift, skill.Code, park.Code, quality, verified, updated));
            }
        }

        return new SyntheticMarket(parks, listings);
    }

    /// <summary>What the engine indexes for a listing, with its interaction counts so far.</summary>
    public static SearchDocument Document(SimulatedListing listing, ListingPopularity popularity)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var categoryField = listing.Kind == ListingKind.Rental ? RentalKind.RentalType : JobKind.Shift;
        var keywords = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [categoryField] = [listing.Category],
            [KeywordFields.Park] = [listing.ParkCode],
        };
        return new SearchDocument
        {
            Kind = listing.Kind,
            Id = listing.Id,
            Version = 1,
            Title = listing.Title,
            Description = listing.Title,
            Latitude = listing.Location.Latitude,
            Longitude = listing.Location.Longitude,
            PriceMin = listing.PriceMin,
            PriceMax = listing.PriceMax,
            Keywords = keywords,
            UpdatedAt = listing.UpdatedAt,
            Popularity = popularity,
        };
    }

    internal static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    internal static int Pick(Random random, ReadOnlySpan<double> weights)
    {
        var roll = random.NextDouble();
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    internal static GeoPoint Around(IndustrialPark park, Random random, double sdKm) =>
        new(park.Latitude + (Gaussian(random) * sdKm / 111.0), park.Longitude + (Gaussian(random) * sdKm / (111.0 * Math.Cos(park.Latitude * Math.PI / 180))));
}
