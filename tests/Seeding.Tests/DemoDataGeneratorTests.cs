using System.Text.Json;
using System.Text.RegularExpressions;
using DongNai.Domain.Listings;
using DongNai.Domain.Listings.BusRoutes;
using DongNai.Domain.Listings.Classifieds;
using DongNai.Domain.Listings.Jobs;
using DongNai.Domain.Listings.Rentals;
using DongNai.Domain.Listings.Vouchers;
using DongNai.Domain.People;
using DongNai.Domain.Places;

namespace DongNai.Seeding.Tests;

public sealed partial class DemoDataGeneratorTests
{
    private const int Count = 4_000;
    private const int Seed = 20250701;
    private static readonly DateTime ReferenceDate = new(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly PlaceCatalog Places = PlaceCatalog.Load();
    private static readonly DemoDataGenerator Generator = new(Places);
    private static readonly DemoData Data = Generator.Generate(Count, Seed, ReferenceDate);
    private static readonly List<Listing> Listings = Data.Listings.ToList();

    [Fact]
    public void Generate_GivesIdenticalData_ForTheSameSeedAndCount()
    {
        var again = new DemoDataGenerator(PlaceCatalog.Load()).Generate(Count, Seed, ReferenceDate);

        Assert.Equal(Snapshot(Data), Snapshot(again));
    }

    [Fact]
    public void Listings_AreTheSame_EachTimeTheyAreEnumerated()
    {
        var first = Data.Listings.Take(50).Select(Json).ToList();
        var second = Data.Listings.Take(50).Select(Json).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Generate_GivesDifferentData_ForAnotherSeed()
    {
        var other = Generator.Generate(Count, Seed + 1, ReferenceDate);

        var otherListings = other.Listings.Take(100).Select(Json).ToList();

        Assert.NotEqual(Listings.Take(100).Select(Json).ToList(), otherListings);
        Assert.NotEqual(Data.Accounts[0].PhoneLookupHash, other.Accounts[0].PhoneLookupHash);
    }

    [Fact]
    public void CountsFor_SplitsListingsInTheStatedShares_AndAddsUpToTheCount()
    {
        var counts = DemoDataGenerator.CountsFor(1_000_003);

        Assert.Equal(1_000_003, counts.Total);
        Assert.Equal([300_001, 300_001, 230_001, 100_000, 50_000, 0, 0, 10_000, 10_000], ListingKinds.All.Select(counts.Of));
    }

    [Fact]
    public void Generate_MakesEachKindInItsShare()
    {
        var byKind = Listings.GroupBy(l => l.Kind).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(Count, Listings.Count);
        Assert.Equal(0.30, byKind[ListingKind.Job] / (double)Count, 2);
        Assert.Equal(0.30, byKind[ListingKind.Rental] / (double)Count, 2);
        Assert.Equal(0.23, byKind[ListingKind.Classified] / (double)Count, 2);
        Assert.Equal(0.10, byKind[ListingKind.Voucher] / (double)Count, 2);
        Assert.Equal(0.05, byKind[ListingKind.BusRoute] / (double)Count, 2);
        Assert.Equal(0.01, byKind[ListingKind.News] / (double)Count, 2);
        Assert.Equal(0.01, byKind[ListingKind.FeedbackReport] / (double)Count, 2);
    }

    [Fact]
    public void Generate_InterleavesTheKinds_RatherThanWritingThemOneAfterAnother()
    {
        var firstHundredKinds = Listings.Take(100).Select(l => l.Kind).Distinct().Count();

        Assert.True(firstHundredKinds >= 4, $"only {firstHundredKinds} kinds among the first 100 listings");
    }

    [Fact]
    public void Generate_PutsEveryListingShopAndStopInsideTheProvince()
    {
        var points = Listings.Select(l => (l.Latitude, l.Longitude))
            .Concat(Listings.OfType<Voucher>().SelectMany(v => v.Locations).Select(l => (l.Latitude, l.Longitude)))
            .Concat(Listings.OfType<BusRoute>().SelectMany(r => r.Stops).Select(s => (s.Latitude, s.Longitude)));

        Assert.All(points, p => Assert.True(ProvinceBounds.Contains(p.Latitude, p.Longitude), $"{p} is outside the province"));
    }

    [Fact]
    public void Generate_PlacesJobsInsideOrBesideTheirIndustrialPark()
    {
        var jobs = Listings.OfType<JobPosting>().ToList();

        Assert.All(jobs, job =>
        {
            var park = Places.FindPark(job.IndustrialParkCode)!;
            Assert.InRange(GeoMath.HaversineKm(job.Latitude, job.Longitude, park.Latitude, park.Longitude), 0, 4);
        });
    }

    [Fact]
    public void Generate_KeepsSalariesInTheirBands_RoundedToHalfAMillion()
    {
        var jobs = Listings.OfType<JobPosting>().ToList();

        Assert.All(jobs, job =>
        {
            Assert.InRange(job.SalaryMinVnd, DemoDataGenerator.MinSalaryVnd, job.SalaryMaxVnd);
            Assert.InRange(job.SalaryMaxVnd, job.SalaryMinVnd, DemoDataGenerator.MaxSalaryVnd);
            Assert.Equal(0, job.SalaryMinVnd % 500_000);
            Assert.Equal(0, job.SalaryMaxVnd % 500_000);
        });
        Assert.All(
            jobs.Where(j => j.Title.Contains("công nhân", StringComparison.OrdinalIgnoreCase)),
            job => Assert.InRange(job.SalaryMaxVnd, 5_500_000, 15_000_000));
        Assert.Contains(jobs, j => j.SalaryMaxVnd > 15_000_000);
    }

    [Fact]
    public void Generate_PricesRoomsFromOneToFourMillion_AndOtherRentalsInTheirRanges()
    {
        var rentals = Listings.OfType<Rental>().ToList();

        Assert.All(rentals.Where(r => r.RentalType == RentalType.Room), r => Assert.InRange(r.PriceVnd, 1_000_000, 4_000_000));
        Assert.All(rentals.Where(r => r.RentalType == RentalType.Dormitory), r => Assert.InRange(r.PriceVnd, 500_000, 1_200_000));
        Assert.All(rentals.Where(r => r.RentalType is RentalType.WholeHouse or RentalType.Apartment), r => Assert.InRange(r.PriceVnd, 3_500_000, 12_000_000));
        Assert.All(rentals.Where(r => r.RentalType == RentalType.BusinessPremises), r => Assert.InRange(r.PriceVnd, 5_000_000, 40_000_000));
        Assert.All(rentals, r => Assert.Equal(0, r.PriceVnd % 50_000));
        Assert.All(rentals, r => Assert.True(r.DepositVnd >= r.PriceVnd));
        Assert.True(rentals.Count(r => r.RentalType == RentalType.Room) > rentals.Count / 2);
    }

    [Fact]
    public void Generate_PricesGoodsVouchersAndFaresAsPeopleDo()
    {
        var classifieds = Listings.OfType<Classified>().ToList();
        var vouchers = Listings.OfType<Voucher>().ToList();
        var routes = Listings.OfType<BusRoute>().ToList();

        Assert.All(classifieds, c => Assert.InRange(c.PriceVnd, 100_000, 40_000_000));
        Assert.All(classifieds, c => Assert.Equal(0, c.PriceVnd % 50_000));
        Assert.All(classifieds.Where(c => c.Category == ClassifiedCategory.Motorbikes), c => Assert.InRange(c.PriceVnd, 6_000_000, 40_000_000));
        Assert.All(vouchers, v => Assert.True(v.DiscountPercent is null != v.DiscountAmountVnd is null, "exactly one discount"));
        Assert.All(vouchers, v => Assert.InRange(v.QuantityRemaining, 0, v.QuantityTotal));
        Assert.All(vouchers, v => Assert.True(v.ValidTo > ReferenceDate && v.ValidFrom <= ReferenceDate));
        Assert.All(routes, r => Assert.InRange(r.FareVnd, 7_000, 200_000));
        Assert.All(routes, r => Assert.Equal(0, r.FareVnd % 1_000));
        Assert.All(routes, r => Assert.Equal(r.Departures.Order().ToList(), r.Departures));
    }

    [Fact]
    public void Generate_WritesTitlesAndDescriptionsInVietnameseWithDiacritics()
    {
        var withoutDiacritics = Listings.Where(l => !VietnameseLetter().IsMatch(l.Title) || !VietnameseLetter().IsMatch(l.Description)).ToList();

        Assert.Empty(withoutDiacritics);
        Assert.All(Listings, l => Assert.InRange(l.Title.Length, 10, 200));
        // Some real names have no diacritic at all ("Phan Minh Nhi"); most have several.
        Assert.True(Data.Accounts.Count(a => VietnameseLetter().IsMatch(a.Profile!.DisplayName)) > Data.Accounts.Count * 0.8);
    }

    [Fact]
    public void Generate_SetsVersionDatesOwnerAndCommuneOnEveryListing()
    {
        var communeCodes = Places.Communes.Select(c => c.Code).ToHashSet();
        var accountIds = Data.Accounts.Select(a => a.Id).ToHashSet();

        Assert.All(Listings, l =>
        {
            Assert.Equal(1, l.Version);
            Assert.InRange(l.CreatedAt, ReferenceDate.AddDays(-60), ReferenceDate);
            Assert.InRange(l.UpdatedAt, l.CreatedAt, ReferenceDate);
            Assert.Contains(l.OwnerId, accountIds);
            Assert.Contains(l.CommuneCode!, communeCodes);
        });
        Assert.All(Listings.GroupBy(l => l.Kind), g => Assert.Equal(Enumerable.Range(1, g.Count()).Select(i => (long)i), g.Select(l => l.Id)));
    }

    [Fact]
    public void Generate_GivesEachJobTheOwnerOfItsEmployer()
    {
        var employers = Data.Employers.ToDictionary(e => e.Id);

        Assert.All(Listings.OfType<JobPosting>(), job => Assert.Equal(employers[job.EmployerId].OwnerId, job.OwnerId));
        Assert.All(Data.Employers, e => Assert.Matches(TaxCode(), e.TaxCode));
        Assert.All(Data.Employers, e => Assert.Equal(Role.Employer, Data.Accounts[(int)e.OwnerId - 1].Role));
    }

    [Fact]
    public void Generate_GivesEveryAccountTheSeededPasswordHash_AndADistinctPhoneLookupHash()
    {
        var accounts = Data.Accounts;

        Assert.All(accounts, a => Assert.Equal(DemoDataGenerator.SeededPasswordHash, a.PasswordHash));
        Assert.All(accounts, a => Assert.Equal(32, a.PhoneLookupHash.Length));
        Assert.Equal(accounts.Count, accounts.Select(a => Convert.ToHexString(a.PhoneLookupHash)).Distinct().Count());
        Assert.All(accounts, a => Assert.Equal(a.Id, a.Profile!.AccountId));
    }

    private static string Json(Listing listing) => JsonSerializer.Serialize(listing, listing.GetType());

    private static List<string> Snapshot(DemoData data) =>
        data.Accounts.Select(a => JsonSerializer.Serialize(a))
            .Concat(data.Employers.Select(e => JsonSerializer.Serialize(e)))
            .Concat(data.Listings.Select(Json))
            .ToList();

    [GeneratedRegex("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", RegexOptions.IgnoreCase)]
    private static partial Regex VietnameseLetter();

    [GeneratedRegex(@"^(36|38)\d{8}(-001)?$")]
    private static partial Regex TaxCode();
}
