using System.Text;
using DongNai.Domain.Civic.Feedback;
using DongNai.Domain.Listings;
using DongNai.Domain.Listings.BusRoutes;
using DongNai.Domain.Listings.Classifieds;
using DongNai.Domain.Listings.Jobs;
using DongNai.Domain.Listings.News;
using DongNai.Domain.Listings.Rentals;
using DongNai.Domain.Listings.Vouchers;
using DongNai.Domain.People;
using DongNai.Domain.Places;
using DongNai.Domain.Text;

namespace DongNai.Seeding;

/// <summary>
/// Makes realistic Vietnamese demo data for the five listing kinds, the employers that post the jobs
/// and the accounts that own everything. A pure function of (listing count, seed, reference date):
/// the same arguments give the same data on every run (<see cref="Random"/> with a fixed seed; no
/// clock is read). Shares of listings: jobs 30%, rentals 30%, classifieds 25%, vouchers 10%, bus
/// routes 5%. Jobs sit in industrial parks; homes and goods cluster (Gaussian, a few km) around parks
/// and towns; every point lies inside <see cref="ProvinceBounds"/>.
/// <para>
/// Seeded accounts cannot sign in: their phone hash and ciphertext are random bytes (32 and 38, the
/// sizes of an HMAC-SHA256 and an AES-GCM sealed 10-digit number) and their password hash is
/// <see cref="SeededPasswordHash"/>, which no password verifies against. Employer, brand and operator
/// names and hotlines are invented. Thread-safe: the generator keeps no state between calls.
/// </para>
/// </summary>
public sealed class DemoDataGenerator
{
    /// <summary>The password hash of every seeded account; not a valid hash, so no password matches.</summary>
    public const string SeededPasswordHash = "!seeded";

    /// <summary>Salary band of every job title (VND per month): 5.5 million to 30 million.</summary>
    public const long MinSalaryVnd = 5_500_000;

    public const long MaxSalaryVnd = 30_000_000;

    private const double NearParkKm = 6;
    private const double NearestParkMaxKm = 10;

    /// <summary>Each kind's share of the listings, from its descriptor, in code order (the order of the random draws).</summary>
    private static readonly (ListingKind Kind, double Share)[] Shares =
        [.. ListingKinds.Descriptors.Select(d => (d.Kind, d.DemoShare))];

    private readonly PlaceCatalog places;
    private readonly DemoTexts texts;
    private readonly IReadOnlyList<BusRouteText> routes;
    private readonly PersonNames names;

    /// <summary>Reads the embedded text catalog, names and bus routes; <paramref name="places"/> gives parks, towns and communes.</summary>
    public DemoDataGenerator(PlaceCatalog places)
    {
        this.places = places;
        texts = DemoTexts.Load();
        routes = DemoTexts.LoadBusRoutes();
        names = PersonNames.Load();
    }

    /// <summary>How <paramref name="listingCount"/> listings split into kinds (largest remainder on the shares).</summary>
    public static DemoListingCounts CountsFor(int listingCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(listingCount);
        var exact = Shares.Select(s => s.Share * listingCount).ToArray();
        var counts = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var left = listingCount - counts.Sum();
        foreach (var i in Enumerable.Range(0, exact.Length).OrderByDescending(i => exact[i] - counts[i]).ThenBy(i => i).Take(left))
        {
            counts[i]++;
        }

        return new DemoListingCounts(Enumerable.Range(0, Shares.Length).ToDictionary(i => Shares[i].Kind, i => counts[i]));
    }

    /// <summary>
    /// The demo data set of <paramref name="listingCount"/> listings for <paramref name="seed"/>, dated
    /// up to <paramref name="referenceDate"/> (listings are created in the 60 days before it; offers
    /// and jobs expire after it). The date's <see cref="DateTime.Kind"/> is kept; pass UTC.
    /// </summary>
    public DemoData Generate(int listingCount, int seed, DateTime referenceDate)
    {
        var counts = CountsFor(listingCount);
        var people = new PeopleBuilder(this, counts, new Random(seed), referenceDate).Build();
        var listingSeed = unchecked((seed * -1640531535) ^ 0x5EED);
        return new DemoData(
            counts,
            people.Accounts,
            people.Employers,
            () => new ListingBuilder(this, counts, people, new Random(listingSeed), referenceDate).Build());
    }

    private static string Fill(string template, params (string Key, string Value)[] values)
    {
        var text = new StringBuilder(template);
        foreach (var (key, value) in values)
        {
            text.Replace("{" + key + "}", value);
        }

        return text.ToString();
    }

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>A point drawn around an anchor, normal in each axis with <paramref name="sigmaKm"/>, kept inside the province.</summary>
    private static (double Latitude, double Longitude) Around(Random random, double latitude, double longitude, double sigmaKm)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var lat = latitude + (random.Gaussian() * sigmaKm / 111.32);
            var lon = longitude + (random.Gaussian() * sigmaKm / (111.32 * Math.Cos(GeoMath.ToRadians(latitude))));
            if (ProvinceBounds.Contains(lat, lon))
            {
                return (Math.Round(lat, 6), Math.Round(lon, 6));
            }
        }

        return (latitude, longitude);
    }

    /// <summary>The accounts and employers, and what listings need to know about them.</summary>
    private sealed class People
    {
        public List<Account> Accounts { get; } = [];

        public List<Employer> Employers { get; } = [];

        public List<int> EmployerSector { get; } = [];

        public List<IndustrialPark> EmployerPark { get; } = [];

        /// <summary>Per employer: its name and owner's id as generated (callers may change the entities themselves).</summary>
        public List<(string Name, long OwnerId)> EmployerIdentity { get; } = [];

        /// <summary>Per account (index = id - 1): where the person or business is based.</summary>
        public List<(double Latitude, double Longitude)> Home { get; } = [];

        /// <summary>Per account: how it signs a classified ad ("Chị Thư" or the full name).</summary>
        public List<string> SellerName { get; } = [];

        public List<int> MerchantBrand { get; } = [];

        public (int First, int Count) EmployerOwners { get; set; }

        public (int First, int Count) Landlords { get; set; }

        public (int First, int Count) Sellers { get; set; }

        public (int First, int Count) Merchants { get; set; }

        public (int First, int Count) Operators { get; set; }
    }

    private sealed class PeopleBuilder(DemoDataGenerator generator, DemoListingCounts counts, Random random, DateTime referenceDate)
    {
        private readonly People people = new();

        public People Build()
        {
            people.EmployerOwners = AddAccounts(counts.Of(ListingKind.Job) == 0 ? 0 : (counts.Of(ListingKind.Job) + 24) / 25, Role.Employer, AnchorNearPark);
            people.Landlords = AddAccounts((counts.Of(ListingKind.Rental) + 4) / 5, Role.Worker, AnchorNearParkOrTown);
            people.Sellers = AddAccounts((counts.Of(ListingKind.Classified) + 2) / 3, Role.Worker, AnchorNearParkOrTown);
            people.Merchants = AddAccounts((counts.Of(ListingKind.Voucher) + 19) / 20, Role.Employer, AnchorNearTown);
            people.Operators = AddAccounts(counts.Of(ListingKind.BusRoute) == 0 ? 0 : generator.texts.BusOperators.Count, Role.Employer, AnchorNearTown);

            for (var i = 0; i < people.Merchants.Count; i++)
            {
                var brand = i % generator.texts.VoucherBrands.Count;
                people.MerchantBrand.Add(brand);
                people.Accounts[people.Merchants.First + i].Profile!.DisplayName = generator.texts.VoucherBrands[brand].Brand;
            }

            for (var i = 0; i < people.Operators.Count; i++)
            {
                people.Accounts[people.Operators.First + i].Profile!.DisplayName = generator.texts.BusOperators[i].Name;
            }

            for (var i = 0; i < people.EmployerOwners.Count; i++)
            {
                AddEmployer(people.Accounts[people.EmployerOwners.First + i]);
            }

            return people;
        }

        private (int First, int Count) AddAccounts(int count, Role role, Func<(double, double)> anchor)
        {
            var first = people.Accounts.Count;
            for (var i = 0; i < count; i++)
            {
                var id = people.Accounts.Count + 1;
                var female = random.Chance(0.55);
                var (fullName, givenName) = generator.names.Next(random, female);
                var home = anchor();
                var createdAt = random.MinuteBefore(referenceDate.AddDays(-30), 690);
                var phoneHash = new byte[32];
                var phoneCiphertext = new byte[38];
                random.NextBytes(phoneHash);
                random.NextBytes(phoneCiphertext);
                var nearestPark = generator.places.NearestPark(home.Item1, home.Item2);
                people.Accounts.Add(new Account
                {
                    Id = id,
                    PhoneLookupHash = phoneHash,
                    PhoneCiphertext = phoneCiphertext,
                    PasswordHash = SeededPasswordHash,
                    Role = role,
                    CreatedAt = createdAt,
                    Profile = new Profile
                    {
                        AccountId = id,
                        DisplayName = fullName,
                        HomeCommuneCode = generator.places.NearestCommune(home.Item1, home.Item2).Code,
                        IndustrialParkCode = role == Role.Worker && random.Chance(0.6) ? nearestPark.Code : null,
                        Verification = random.Chance(role == Role.Employer ? 0.9 : 0.6) ? VerificationStatus.Verified : VerificationStatus.Unverified,
                        UpdatedAt = createdAt,
                    },
                });
                people.Home.Add(home);
                var lastWord = givenName[(givenName.LastIndexOf(' ') + 1)..];
                people.SellerName.Add(random.Chance(0.5) ? fullName : $"{(female ? "Chị" : "Anh")} {lastWord}");
            }

            return (first, count);
        }

        private void AddEmployer(Account owner)
        {
            var home = people.Home[(int)owner.Id - 1];
            var park = generator.places.NearestPark(home.Item1, home.Item2);
            var sector = random.Next(generator.texts.EmployerSectors.Count);
            var name = random.Chance(0.3)
                ? $"Công ty TNHH {random.Pick(generator.texts.ForeignEmployerNames)}"
                : $"{(random.Chance(0.75) ? "Công ty TNHH" : "Công ty Cổ phần")} {generator.texts.EmployerSectors[sector]} {random.Pick(generator.texts.EmployerNames)}";
            var province = generator.places.FormerProvinceOf(park.CommuneCode ?? "");
            people.Employers.Add(new Employer
            {
                Id = people.Employers.Count + 1,
                OwnerId = owner.Id,
                Name = name,
                TaxCode = TaxCode(province == "Tỉnh Bình Phước" ? "38" : "36"),
                IndustrialParkCode = park.Code,
                CreatedAt = owner.CreatedAt,
            });
            people.EmployerSector.Add(sector);
            people.EmployerPark.Add(park);
            people.EmployerIdentity.Add((name, owner.Id));
        }

        /// <summary>A Vietnamese enterprise tax code with a valid check digit, sometimes a branch (-001).</summary>
        private string TaxCode(string provincePrefix)
        {
            int[] weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
            while (true)
            {
                var digits = provincePrefix + random.Next(0, 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
                var sum = digits.Select((c, i) => (c - '0') * weights[i]).Sum();
                var check = 10 - (sum % 11);
                if (check == 10)
                {
                    continue;
                }

                var code = digits + (check == 11 ? 0 : check).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return random.Chance(0.1) ? code + "-001" : code;
            }
        }

        private (double, double) AnchorNearPark()
        {
            var park = random.Pick(generator.places.IndustrialParks);
            return Around(random, park.Latitude, park.Longitude, 0.6);
        }

        private (double, double) AnchorNearTown()
        {
            var town = random.Pick(generator.places.Towns);
            return Around(random, town.Latitude, town.Longitude, 1.5);
        }

        private (double, double) AnchorNearParkOrTown()
        {
            if (random.Chance(0.75))
            {
                var park = random.Pick(generator.places.IndustrialParks);
                return Around(random, park.Latitude, park.Longitude, 2.5);
            }

            var town = random.Pick(generator.places.Towns);
            return Around(random, town.Latitude, town.Longitude, 2.0);
        }
    }

    private sealed class ListingBuilder(DemoDataGenerator generator, DemoListingCounts counts, People people, Random random, DateTime referenceDate)
    {
        private readonly int[] nextId = new int[Shares.Length];
        private readonly double[] jobTitleWeights = generator.texts.JobTitles.Select(t => (double)t.Weight).ToArray();
        private readonly double[] rentalWeights = generator.texts.RentalKinds.Select(k => (double)k.Weight).ToArray();
        private readonly Dictionary<string, JobTitleText[]> titlesBySector = generator.texts.JobTitles.GroupBy(t => t.Sector, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        private readonly Dictionary<BusRouteScope, BusRouteText[]> routesByScope = generator.routes.GroupBy(r => r.Scope).ToDictionary(g => g.Key, g => g.ToArray());

        public IEnumerable<Listing> Build()
        {
            var remaining = Shares.Select(s => (double)counts.Of(s.Kind)).ToArray();
            for (var left = counts.Total; left > 0; left--)
            {
                var k = random.PickIndex(remaining);
                remaining[k]--;
                nextId[k]++;
                var listing = Make(Shares[k].Kind);
                listing.Id = nextId[k];
                listing.Version = 1;
                listing.CommuneCode = generator.places.NearestCommune(listing.Latitude, listing.Longitude).Code;
                listing.Title = Truncate(listing.Title, 200);
                yield return listing;
            }
        }

        /// <summary>One listing of <paramref name="kind"/>: the demo content of each kind is written here, beside its texts.</summary>
        private Listing Make(ListingKind kind) => kind switch
        {
            ListingKind.Job => Job(),
            ListingKind.Rental => Rental(),
            ListingKind.Classified => Classified(),
            ListingKind.Voucher => Voucher(),
            ListingKind.BusRoute => BusRoute(),
            ListingKind.News => News(),
            ListingKind.FeedbackReport => Report(),
            _ => throw new InvalidOperationException($"The kind '{kind.Slug()}' has a demo share but the seeder has no generator for it; add one to {nameof(DemoDataGenerator)} or set its share to 0."),
        };

        private (DateTime Created, DateTime Updated) Dates()
        {
            var created = random.MinuteBefore(referenceDate, 60);
            var maxEditMinutes = (int)Math.Min(3 * 24 * 60, (referenceDate - created).TotalMinutes);
            var updated = random.Chance(0.3) ? created.AddMinutes(random.Next(0, maxEditMinutes + 1)) : created;
            return (created, updated);
        }

        private int PickOwner((int First, int Count) pool) => pool.First + random.Next(pool.Count);

        private JobPosting Job()
        {
            var e = random.Next(people.Employers.Count);
            var employer = people.EmployerIdentity[e];
            var park = people.EmployerPark[e];
            var sector = generator.texts.EmployerSectors[people.EmployerSector[e]];
            var inSector = titlesBySector.GetValueOrDefault(sector, []);
            var title = inSector.Length > 0 && random.Chance(0.6) ? random.Pick(inSector) : generator.texts.JobTitles[random.PickIndex(jobTitleWeights)];

            var steps = (title.SalaryMax - title.SalaryMin) / 500_000;
            var salaryMin = title.SalaryMin + (500_000 * random.NextInt64(0, (long)(steps * 0.6) + 1));
            var salaryMax = Math.Min(title.SalaryMax, salaryMin + (500_000 * random.NextInt64(1, Math.Max(2, steps / 2) + 1)));
            var headcount = title.Skilled ? random.Next(1, title.HeadcountMax + 1) : Math.Max(1, random.Next(1, (title.HeadcountMax / 5) + 1) * 5);
            var shift = title.Skilled ? JobShift.Day : random.PickIndex([0.55, 0.15, 0.30]) switch { 0 => JobShift.Day, 1 => JobShift.Night, _ => JobShift.Rotating };
            var jobType = random.PickIndex([0.85, 0.05, 0.10]) switch { 0 => JobType.FullTime, 1 => JobType.PartTime, _ => JobType.Seasonal };
            var benefits = (random.Chance(0.8) ? JobBenefits.Meals : JobBenefits.None)
                | (random.Chance(0.5) ? JobBenefits.ShuttleBus : JobBenefits.None)
                | (random.Chance(0.15) ? JobBenefits.Dormitory : JobBenefits.None);
            var (created, updated) = Dates();
            var (lat, lon) = Around(random, park.Latitude, park.Longitude, 0.6);

            var titleText = LowerFirst(title.Title);
            var salaryText = $"{Vnd.Millions(salaryMin)[..^6]}–{Vnd.Millions(salaryMax)}";
            var shiftText = shift switch { JobShift.Day => "ca ngày", JobShift.Night => "ca đêm", _ => "ca xoay 3 ca" };
            var town = random.Pick(generator.places.Towns).Name;
            var benefitTexts = new List<string>();
            if (benefits.HasFlag(JobBenefits.Meals))
            {
                benefitTexts.Add("cơm ca miễn phí");
            }

            if (benefits.HasFlag(JobBenefits.ShuttleBus))
            {
                benefitTexts.Add($"xe đưa rước từ {town}");
            }

            if (benefits.HasFlag(JobBenefits.Dormitory))
            {
                benefitTexts.Add("hỗ trợ ký túc xá");
            }

            benefitTexts.Add("đóng BHXH, BHYT đầy đủ");
            benefitTexts.Add("thưởng tháng 13");

            return new JobPosting
            {
                OwnerId = employer.OwnerId,
                EmployerId = e + 1,
                Title = Fill(
                    random.Pick(generator.texts.JobTitleFormats),
                    ("headcount", headcount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("title", titleText),
                    ("park", park.Name),
                    ("employer", employer.Name),
                    ("salary", salaryText),
                    ("shift", shiftText)),
                Description =
                    $"{employer.Name} ({park.Name}) cần tuyển {headcount} {titleText}.\n"
                    + $"Mô tả công việc: {title.Duty}.\n"
                    + $"Yêu cầu: {title.Requirements}\n"
                    + $"Quyền lợi: lương {salaryText} đồng/tháng; {string.Join("; ", benefitTexts)}.\n"
                    + $"Thời gian làm việc: {shiftText}, nghỉ Chủ nhật; tăng ca có tính lương theo luật.\n"
                    + "Hồ sơ: CCCD, sơ yếu lý lịch, giấy khám sức khỏe. Nộp trực tiếp tại cổng bảo vệ hoặc ứng tuyển qua ứng dụng.",
                Requirements = title.Requirements,
                Headcount = headcount,
                SalaryMinVnd = salaryMin,
                SalaryMaxVnd = salaryMax,
                Shift = shift,
                JobType = jobType,
                IndustrialParkCode = park.Code,
                Benefits = benefits,
                PostedAt = created,
                ExpiresAt = referenceDate.AddDays(random.Next(5, 61)),
                Latitude = lat,
                Longitude = lon,
                CreatedAt = created,
                UpdatedAt = updated,
            };
        }

        private Rental Rental()
        {
            var owner = PickOwner(people.Landlords);
            var home = people.Home[owner];
            var (lat, lon) = Around(random, home.Latitude, home.Longitude, 0.8);
            var kind = generator.texts.RentalKinds[random.PickIndex(rentalWeights)];
            var step = kind.Type == RentalType.Dormitory ? 50_000 : 100_000;
            // Cheaper places are commoner: skew the draw toward the low end of the band.
            var price = kind.PriceMin + (long)(Math.Pow(random.NextDouble(), 1.6) * (kind.PriceMax - kind.PriceMin) / step) * step;
            var area = random.Next(kind.AreaMin, kind.AreaMax + 1);
            var amenities = Amenities(kind.Type);
            var park = generator.places.NearestPark(lat, lon);
            var parkKm = GeoMath.HaversineKm(lat, lon, park.Latitude, park.Longitude);
            var commune = generator.places.NearestCommune(lat, lon);
            var nearPark = parkKm <= NearParkKm;
            var titles = nearPark ? kind.Titles : kind.Titles.Where(t => !t.Contains("{park}", StringComparison.Ordinal)).ToList();
            var (created, updated) = Dates();
            var values = new (string, string)[]
            {
                ("park", park.Name),
                ("place", commune.Name),
                ("area", area.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("price", Vnd.Format(price)),
                ("km", Vnd.Kilometres(parkKm)),
                ("bedrooms", random.Next(1, 4).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            };

            return new Rental
            {
                OwnerId = owner + 1,
                Title = Fill(random.Pick(titles), values),
                Description =
                    $"Địa chỉ: {commune.Name}, tỉnh Đồng Nai" + (nearPark ? $", cách {park.Name} khoảng {Vnd.Kilometres(parkKm)} km" : "") + ".\n"
                    + $"Diện tích {area} m², ở tối đa {Math.Min(kind.OccupantsMax, 1 + (area / 8))} người. Tiện ích: {AmenityText(amenities)}.\n"
                    + $"Giá thuê {Vnd.Format(price)}/tháng" + (kind.Type == RentalType.Dormitory ? "/người" : "") + $", đặt cọc {Vnd.Format(price * kind.DepositMonths)}.\n"
                    + $"Điện {Vnd.Format(random.NextStep(3_500, 4_000, 500))}/kWh, nước {Vnd.Format(random.NextStep(15_000, 25_000, 5_000))}/m³. Chính chủ cho thuê, không qua môi giới.",
                RentalType = kind.Type,
                PriceVnd = price,
                DepositVnd = price * kind.DepositMonths,
                AreaM2 = area,
                NearestParkCode = parkKm <= NearestParkMaxKm ? park.Code : null,
                Amenities = amenities,
                MaxOccupants = Math.Min(kind.OccupantsMax, 1 + (area / 8)),
                Latitude = lat,
                Longitude = lon,
                CreatedAt = created,
                UpdatedAt = updated,
            };
        }

        private RentalAmenities Amenities(RentalType type)
        {
            (RentalAmenities Flag, double Chance)[] odds = type switch
            {
                RentalType.Room or RentalType.Dormitory =>
                [
                    (RentalAmenities.Loft, 0.5), (RentalAmenities.PrivateBathroom, 0.8), (RentalAmenities.Wifi, 0.6),
                    (RentalAmenities.Parking, 0.8), (RentalAmenities.AirConditioner, 0.25), (RentalAmenities.WaterHeater, 0.3),
                    (RentalAmenities.Kitchen, 0.4), (RentalAmenities.Security, 0.4), (RentalAmenities.Furnished, 0.1),
                ],
                RentalType.BusinessPremises => [(RentalAmenities.Parking, 0.7), (RentalAmenities.Security, 0.3), (RentalAmenities.PrivateBathroom, 0.6)],
                _ =>
                [
                    (RentalAmenities.PrivateBathroom, 1.0), (RentalAmenities.Kitchen, 0.9), (RentalAmenities.Parking, 0.8),
                    (RentalAmenities.AirConditioner, 0.6), (RentalAmenities.WaterHeater, 0.6), (RentalAmenities.Wifi, 0.5),
                    (RentalAmenities.Furnished, 0.4), (RentalAmenities.Security, 0.5),
                ],
            };
            var amenities = RentalAmenities.None;
            foreach (var (flag, chance) in odds)
            {
                if (random.Chance(chance))
                {
                    amenities |= flag;
                }
            }

            return amenities;
        }

        private static string AmenityText(RentalAmenities amenities)
        {
            (RentalAmenities Flag, string Text)[] words =
            [
                (RentalAmenities.Loft, "gác lửng"), (RentalAmenities.PrivateBathroom, "toilet riêng"), (RentalAmenities.Wifi, "wifi miễn phí"),
                (RentalAmenities.Parking, "chỗ để xe"), (RentalAmenities.AirConditioner, "máy lạnh"), (RentalAmenities.WaterHeater, "máy nước nóng"),
                (RentalAmenities.Kitchen, "bếp riêng"), (RentalAmenities.Security, "camera an ninh"), (RentalAmenities.Furnished, "đủ nội thất"),
            ];
            var present = words.Where(w => amenities.HasFlag(w.Flag)).Select(w => w.Text).ToList();
            return present.Count == 0 ? "giờ giấc tự do" : string.Join(", ", present);
        }

        private Classified Classified()
        {
            var owner = PickOwner(people.Sellers);
            var home = people.Home[owner];
            var (lat, lon) = Around(random, home.Latitude, home.Longitude, 1.0);
            var item = random.Pick(generator.texts.ClassifiedItems);
            var condition = random.PickIndex([0.05, 0.25, 0.70]) switch { 0 => ItemCondition.New, 1 => ItemCondition.LikeNew, _ => ItemCondition.Used };
            var steps = (item.PriceMax - item.PriceMin) / item.Step;
            var (fromStep, toStep) = condition switch
            {
                ItemCondition.New => ((long)(steps * 0.7), steps),
                ItemCondition.LikeNew => (steps / 2, steps),
                _ => (0L, (long)(steps * 0.8)),
            };
            var price = item.PriceMin + (item.Step * random.NextInt64(fromStep, toStep + 1));
            var detail = Fill(
                random.Pick(item.Details),
                ("year", random.Next(2012, 2024).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("battery", random.Next(78, 100).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("months", random.Next(1, 13).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var commune = generator.places.NearestCommune(lat, lon);
            var (created, updated) = Dates();
            var conditionText = condition switch { ItemCondition.New => "mới 100%, còn nguyên hộp", ItemCondition.LikeNew => "còn mới khoảng 95%", _ => "đã qua sử dụng, hoạt động tốt" };

            return new Classified
            {
                OwnerId = owner + 1,
                Title = Fill(random.Pick(generator.texts.ClassifiedTitleFormats[condition]), ("item", item.Name), ("detail", detail), ("price", Vnd.Format(price))),
                Description =
                    $"Cần bán {item.Name}, {conditionText}; {detail}.\n"
                    + $"Giá {Vnd.Format(price)}, có thương lượng nhẹ cho người thiện chí.\n"
                    + $"Xem hàng tại {commune.Name}. " + random.Pick(SaleReasons),
                Category = item.Category,
                Condition = condition,
                PriceVnd = price,
                SellerName = people.SellerName[owner],
                Latitude = lat,
                Longitude = lon,
                CreatedAt = created,
                UpdatedAt = updated,
            };
        }

        /// <summary>
        /// A demo article: an invented headline about a real park or commune, from a demo source (never a
        /// real paper's name on an invented story), linking to example.vn.
        /// </summary>
        private NewsArticle News()
        {
            var owner = PickOwner(people.Operators.Count > 0 ? people.Operators : people.Sellers);
            var (headline, summary) = random.Pick(NewsStories);
            var park = random.Pick(generator.places.IndustrialParks);
            var (lat, lon) = Around(random, park.Latitude, park.Longitude, 2.0);
            var commune = generator.places.NearestCommune(lat, lon);
            var (created, updated) = Dates();
            var title = Fill(headline, ("park", park.Name), ("commune", commune.Name));
            var number = random.Next(10_000, 100_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

            return new NewsArticle
            {
                OwnerId = owner + 1,
                Title = title,
                TitleKey = NewsTitles.Key(title),
                Description = Fill(summary, ("park", park.Name), ("commune", commune.Name)),
                SourceCode = "demo",
                SourceName = random.Pick(NewsSources),
                Link = $"https://tin.example.vn/dong-nai/{NewsTitles.Key(title).Replace(' ', '-')}-{number}.html",
                PublishedAt = created,
                CommuneCode = commune.Code,
                Latitude = lat,
                Longitude = lon,
                CreatedAt = created,
                UpdatedAt = updated,
            };
        }

        /// <summary>
        /// A demo citizen report, already approved (routed, in progress or answered): an invented problem
        /// near a real park, posted by a worker, at the point the worker gave. No unit (the routing table
        /// is seeded after the demo data), so it sits in no unit's queue and the overdue job never sees it.
        /// </summary>
        private FeedbackReport Report()
        {
            var owner = PickOwner(people.Sellers);
            var (category, headline, text) = random.Pick(ReportStories);
            var park = random.Pick(generator.places.IndustrialParks);
            var (lat, lon) = Around(random, park.Latitude, park.Longitude, 2.0);
            var commune = generator.places.NearestCommune(lat, lon);
            var (created, updated) = Dates();
            var title = Fill(headline, ("park", park.Name), ("commune", commune.Name));
            var description = Fill(text, ("park", park.Name), ("commune", commune.Name));
            var status = random.Pick(DemoReportStatuses);
            return new FeedbackReport
            {
                OwnerId = owner + 1,
                Title = title,
                Description = description,
                FoldedText = VietnameseText.FoldKey(title + " " + description),
                Category = category,
                CommuneCode = commune.Code,
                Latitude = lat,
                Longitude = lon,
                ExactPoint = true,
                Status = status,
                ModeratedAt = created,
                Answer = status == FeedbackStatus.Answered ? "Đơn vị đã kiểm tra hiện trường và xử lý xong, cảm ơn người dân đã phản ánh." : null,
                AnsweredAt = status == FeedbackStatus.Answered ? updated : null,
                CreatedAt = created,
                UpdatedAt = updated,
            };
        }

        private static readonly FeedbackStatus[] DemoReportStatuses = [FeedbackStatus.Routed, FeedbackStatus.InProgress, FeedbackStatus.Answered];

        private static readonly (FeedbackCategory Category, string Headline, string Text)[] ReportStories =
        [
            (FeedbackCategory.Roads, "Đường vào {park} xuống cấp, nhiều ổ gà", "Đoạn đường công nhân đi làm qua {commune} có nhiều ổ gà sâu, trời mưa rất nguy hiểm."),
            (FeedbackCategory.Roads, "Đèn tín hiệu giao thông hỏng trước cổng {park}", "Đèn giao thông không hoạt động giờ tan ca, xe cộ ùn tắc kéo dài."),
            (FeedbackCategory.Environment, "Rác thải tập kết trái phép gần {park}", "Bãi rác tự phát bên đường ở {commune} bốc mùi hôi, chưa được thu gom."),
            (FeedbackCategory.Environment, "Ngập nước sau mưa tại {commune}", "Mưa lớn khiến khu nhà trọ công nhân ngập sâu, cống thoát nước bị tắc."),
            (FeedbackCategory.PublicOrder, "Tụ tập đua xe ban đêm gần {park}", "Nhóm thanh niên đua xe, gây ồn ào và mất an toàn cho công nhân đi ca đêm."),
            (FeedbackCategory.ElectricityAndWater, "Mất nước sinh hoạt kéo dài ở {commune}", "Khu trọ gần {park} mất nước ba ngày liền, chưa có thông báo."),
            (FeedbackCategory.ElectricityAndWater, "Đèn đường không sáng trên tuyến vào {park}", "Cả đoạn đường tối om, công nhân tan ca đêm đi lại nguy hiểm."),
            (FeedbackCategory.AdministrativeProcedures, "Chậm trả kết quả đăng ký tạm trú tại {commune}", "Hồ sơ nộp đã quá hẹn nhưng chưa nhận được kết quả."),
        ];

        private static readonly string[] NewsSources = ["Bản tin Đồng Nai (demo)", "Tin công nhân (demo)", "Thời sự địa phương (demo)"];

        private static readonly (string Headline, string Summary)[] NewsStories =
        [
            ("Phiên giao dịch việc làm lưu động tại {park}", "Hơn 30 doanh nghiệp tuyển công nhân may, điện tử và cơ khí, phỏng vấn trực tiếp tại {park}."),
            ("Mở thêm tuyến xe buýt đưa đón công nhân {park}", "Tuyến mới chạy từ 5 giờ sáng qua {commune}, vé tháng giảm 30% cho công nhân."),
            ("Khánh thành nhà trọ xã hội cho công nhân tại {commune}", "Hơn 200 phòng trọ giá thấp dành cho công nhân các khu công nghiệp lân cận."),
            ("{commune} sửa chữa tuyến đường vào {park}", "Đường được nâng cấp, mở rộng để giảm ùn tắc giờ tan ca."),
            ("Chợ phiên cuối tuần phục vụ công nhân {park}", "Hàng hóa thiết yếu giá bình ổn, mở cửa từ 17 giờ đến 21 giờ thứ Bảy."),
            ("Tiêm chủng miễn phí cho con công nhân tại {commune}", "Trạm y tế {commune} tổ chức tiêm chủng mở rộng vào sáng Chủ nhật."),
            ("Doanh nghiệp tại {park} tăng lương tối thiểu từ tháng tới", "Công nhân được điều chỉnh lương và phụ cấp ca đêm theo quy định mới."),
            ("Lớp học nghề điện công nghiệp miễn phí tại {commune}", "Trung tâm giáo dục nghề nghiệp nhận hồ sơ học viên là công nhân và thanh niên địa phương."),
        ];

        private static readonly string[] SaleReasons =
        [
            "Do chuyển chỗ trọ nên cần bán gấp.",
            "Về quê làm việc nên thanh lý lại.",
            "Mua cái mới nên bán lại cái cũ.",
            "Ưu tiên anh chị em công nhân trong khu.",
        ];

        private Voucher Voucher()
        {
            var owner = PickOwner(people.Merchants);
            var brand = generator.texts.VoucherBrands[people.MerchantBrand[owner - people.Merchants.First]];
            var shop = people.Home[owner];
            var locations = new List<VoucherLocation>();
            var branches = random.PickIndex([0.6, 0.3, 0.1]) + 1;
            for (var i = 0; i < branches; i++)
            {
                var (lat, lon) = i == 0 ? Around(random, shop.Latitude, shop.Longitude, 0.3) : NearRandomTown(1.5);
                locations.Add(new VoucherLocation
                {
                    Name = $"{brand.Brand} – {generator.places.NearestCommune(lat, lon).Name}",
                    Latitude = lat,
                    Longitude = lon,
                });
            }

            var offer = random.Pick(brand.Offers);
            var percent = (int)random.NextStep(10, 50, 5);
            var amount = random.NextStep(10_000, 100_000, 10_000);
            var threshold = random.NextStep(100_000, 500_000, 50_000);
            var usesPercent = offer.Contains("{percent}", StringComparison.Ordinal);
            var total = (int)random.NextStep(50, 1000, 50);
            var (created, updated) = Dates();
            var validTo = referenceDate.Date.AddDays(random.Next(7, 91));
            var offerText = Fill(offer, ("percent", percent.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("amount", Vnd.Format(amount)), ("threshold", Vnd.Format(threshold)));

            return new Voucher
            {
                OwnerId = owner + 1,
                Title = $"{offerText} tại {brand.Brand}",
                Description =
                    $"{offerText}. Áp dụng tại {branches} cửa hàng: {string.Join("; ", locations.Select(l => l.Name))}.\n"
                    + $"Hạn dùng đến hết ngày {validTo:dd/MM/yyyy}. Mỗi khách dùng 1 lần, đưa mã trên ứng dụng cho nhân viên khi thanh toán.\n"
                    + "Không áp dụng đồng thời với khuyến mãi khác.",
                Brand = brand.Brand,
                Category = brand.Category,
                DiscountPercent = usesPercent ? percent : null,
                DiscountAmountVnd = usesPercent ? null : amount,
                PriceVnd = random.Chance(0.8) ? 0 : random.NextStep(10_000, 50_000, 5_000),
                QuantityTotal = total,
                QuantityRemaining = random.Next(0, total + 1),
                ValidFrom = created,
                ValidTo = validTo,
                Locations = locations,
                Latitude = locations[0].Latitude,
                Longitude = locations[0].Longitude,
                CreatedAt = created,
                UpdatedAt = updated,
            };
        }

        private (double, double) NearRandomTown(double sigmaKm)
        {
            var town = random.Pick(generator.places.Towns);
            return Around(random, town.Latitude, town.Longitude, sigmaKm);
        }

        private BusRoute BusRoute()
        {
            var owner = PickOwner(people.Operators);
            var busOperator = generator.texts.BusOperators[owner - people.Operators.First];
            var candidates = routesByScope.GetValueOrDefault(busOperator.Scope, []);
            var route = random.Pick(candidates.Length > 0 ? candidates : generator.routes);
            var lengthKm = 0.0;
            for (var i = 1; i < route.Stops.Count; i++)
            {
                lengthKm += GeoMath.HaversineKm(route.Stops[i - 1].Lat, route.Stops[i - 1].Lon, route.Stops[i].Lat, route.Stops[i].Lon);
            }

            var inProvince = route.Scope == BusRouteScope.InProvince;
            // Road distance is about 1.3 times the straight line; fares as operators round them.
            var fare = inProvince
                ? (long)Math.Round((7_000 + (lengthKm * 1.3 * 500)) / 1_000) * 1_000
                : (long)Math.Round((20_000 + (lengthKm * 1.3 * 900)) / 5_000) * 5_000;
            var interval = inProvince ? random.Pick(BusIntervals) : random.Pick(CoachIntervals);
            var first = new TimeOnly(4, 30).AddMinutes(15 * random.Next(0, 7));
            var last = new TimeOnly(18, 0).AddMinutes(30 * random.Next(0, 6));
            var departures = new List<TimeOnly>();
            for (var t = first; t <= last && departures.Count < 100; t = t.AddMinutes(interval))
            {
                departures.Add(t);
            }

            var (created, updated) = Dates();
            var hotline = $"{(route.Stops[0].Lat > 11.3 ? "0271" : "0251")} {random.Next(3_000_000, 4_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture).Insert(3, " ")}";
            var stopNames = string.Join(" – ", route.Stops.Select(s => s.Name));

            return new BusRoute
            {
                OwnerId = owner + 1,
                Title = inProvince
                    ? $"Tuyến xe buýt số {route.Number}: {route.Origin} – {route.Destination} ({busOperator.Name})"
                    : $"Xe khách {route.Origin} – {route.Destination}, tuyến {route.Number} ({busOperator.Name})",
                Description =
                    $"Lộ trình: {stopNames}.\n"
                    + $"Giờ chạy: {departures[0]:HH\\:mm}–{departures[^1]:HH\\:mm}, {interval} phút một chuyến. Giá vé: {Vnd.Format(fare)}/lượt.\n"
                    + $"{busOperator.Name}, tổng đài {hotline}. Vé tháng cho công nhân các khu công nghiệp giảm 30%.",
                Operator = busOperator.Name,
                Hotline = hotline,
                Origin = route.Origin,
                Destination = route.Destination,
                Stops = route.Stops.Select(s => new BusStop { Name = s.Name, Latitude = s.Lat, Longitude = s.Lon }).ToList(),
                Departures = departures,
                FareVnd = fare,
                Scope = route.Scope,
                Latitude = route.Stops[0].Lat,
                Longitude = route.Stops[0].Lon,
                CreatedAt = created,
                UpdatedAt = updated,
            };
        }

        private static readonly int[] BusIntervals = [10, 15, 20, 30];
        private static readonly int[] CoachIntervals = [30, 45, 60, 90];
    }
}
