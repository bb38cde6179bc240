using DongNai.Domain.Listings;
using DongNai.Domain.Places;
using DongNai.Domain.Text;
using DongNai.Search;

namespace DongNai.Indexers.Documents;

/// <summary>
/// Turns a listing row into the <see cref="SearchDocument"/> the engine indexes: its text, the
/// Vietnamese words for its categories and places, its filterable codes, its money field and its
/// point. Only public listing data goes in; owners, sellers' accounts and contact data never do.
/// Thread-safe; one instance per process.
/// </summary>
public sealed class ListingDocumentBuilder(PlaceCatalog places)
{
    /// <summary>Keyword field names shared by several kinds; the API filters by the same names.</summary>
    public static class Fields
    {
        public const string Commune = "commune";
        public const string Park = "park";
        public const string Shift = "shift";
        public const string JobType = "jobType";
        public const string Benefits = "benefits";
        public const string RentalType = "rentalType";
        public const string Amenities = "amenities";
        public const string Category = "category";
        public const string Condition = "condition";
        public const string Brand = "brand";
        public const string Origin = "origin";
        public const string Destination = "destination";
        public const string Stop = "stop";
        public const string Scope = "scope";
    }

    public SearchDocument Build(Listing listing) => listing switch
    {
        JobPosting job => Build(job),
        Rental rental => Build(rental),
        Classified classified => Build(classified),
        Voucher voucher => Build(voucher),
        BusRoute route => Build(route),
        _ => throw new ArgumentOutOfRangeException(nameof(listing), listing.GetType().Name, "Unknown listing kind."),
    };

    public SearchDocument Build(JobPosting job)
    {
        var park = places.FindPark(job.IndustrialParkCode);
        var commune = places.FindCommune(job.CommuneCode);
        var benefits = ListingVocabulary.Flags(job.Benefits).ToList();
        var employer = job.Employer?.Name;
        return Common(job) with
        {
            ExtraText = Join(
                employer,
                job.Requirements,
                ListingVocabulary.Of(job.Shift),
                ListingVocabulary.Of(job.JobType),
                string.Join(", ", benefits.Select(ListingVocabulary.Of)),
                park?.Name,
                commune?.Name),
            PriceMin = job.SalaryMinVnd,
            PriceMax = job.SalaryMaxVnd,
            ExpiresAt = job.ExpiresAt,
            Keywords = Keywords(
                (Fields.Shift, [ListingVocabulary.Code(job.Shift)]),
                (Fields.JobType, [ListingVocabulary.Code(job.JobType)]),
                (Fields.Benefits, benefits.Select(ListingVocabulary.Code).ToArray()),
                (Fields.Park, Codes(job.IndustrialParkCode)),
                (Fields.Commune, Codes(job.CommuneCode))),
            SuggestTerms = Terms(employer, park?.Name, commune?.Name),
        };
    }

    public SearchDocument Build(Rental rental)
    {
        var park = places.FindPark(rental.NearestParkCode);
        var commune = places.FindCommune(rental.CommuneCode);
        var amenities = ListingVocabulary.Flags(rental.Amenities).ToList();
        return Common(rental) with
        {
            ExtraText = Join(
                ListingVocabulary.Of(rental.RentalType),
                string.Join(", ", amenities.Select(ListingVocabulary.Of)),
                park is null ? null : "gần " + park.Name,
                commune?.Name),
            Price = rental.PriceVnd,
            AreaM2 = rental.AreaM2,
            Keywords = Keywords(
                (Fields.RentalType, [ListingVocabulary.Code(rental.RentalType)]),
                (Fields.Amenities, amenities.Select(ListingVocabulary.Code).ToArray()),
                (Fields.Park, Codes(rental.NearestParkCode)),
                (Fields.Commune, Codes(rental.CommuneCode))),
            SuggestTerms = Terms(park?.Name, commune?.Name),
        };
    }

    public SearchDocument Build(Classified classified)
    {
        var commune = places.FindCommune(classified.CommuneCode);
        return Common(classified) with
        {
            ExtraText = Join(ListingVocabulary.Of(classified.Category), ListingVocabulary.Of(classified.Condition), commune?.Name),
            Price = classified.PriceVnd,
            Keywords = Keywords(
                (Fields.Category, [ListingVocabulary.Code(classified.Category)]),
                (Fields.Condition, [ListingVocabulary.Code(classified.Condition)]),
                (Fields.Commune, Codes(classified.CommuneCode))),
            SuggestTerms = Terms(commune?.Name),
        };
    }

    public SearchDocument Build(Voucher voucher)
    {
        var commune = places.FindCommune(voucher.CommuneCode);
        return Common(voucher) with
        {
            ExtraText = Join(
                voucher.Brand,
                ListingVocabulary.Of(voucher.Category),
                string.Join(", ", voucher.Locations.Select(l => l.Name)),
                commune?.Name),
            Price = voucher.PriceVnd,
            ExpiresAt = voucher.ValidTo,
            QuantityRemaining = voucher.QuantityRemaining,
            Keywords = Keywords(
                (Fields.Category, [ListingVocabulary.Code(voucher.Category)]),
                (Fields.Brand, Codes(VietnameseText.FoldKey(voucher.Brand))),
                (Fields.Commune, Codes(voucher.CommuneCode))),
            SuggestTerms = Terms(voucher.Brand, commune?.Name),
        };
    }

    public SearchDocument Build(BusRoute route)
    {
        var commune = places.FindCommune(route.CommuneCode);
        return Common(route) with
        {
            ExtraText = Join(
                route.Operator,
                route.Origin,
                route.Destination,
                ListingVocabulary.Of(route.Scope),
                string.Join(", ", route.Stops.Select(s => s.Name))),
            Price = route.FareVnd,
            DeparturesMinuteOfDay = route.Departures.Select(d => (d.Hour * 60) + d.Minute).ToList(),
            Keywords = Keywords(
                (Fields.Origin, Codes(VietnameseText.FoldKey(route.Origin))),
                (Fields.Destination, Codes(VietnameseText.FoldKey(route.Destination))),
                (Fields.Stop, route.Stops.Select(s => VietnameseText.FoldKey(s.Name)).Where(s => s.Length > 0).Distinct().ToArray()),
                (Fields.Scope, [ListingVocabulary.Code(route.Scope)]),
                (Fields.Commune, Codes(route.CommuneCode))),
            SuggestTerms = Terms(route.Origin, route.Destination, route.Operator),
        };
    }

    private static SearchDocument Common(Listing listing) => new()
    {
        Kind = listing.Kind,
        Id = listing.Id,
        Version = listing.Version,
        Title = listing.Title,
        Description = listing.Description,
        Latitude = listing.Latitude,
        Longitude = listing.Longitude,
        UpdatedAt = listing.UpdatedAt,
    };

    private static string Join(params string?[] parts) =>
        string.Join(". ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));

    private static string[] Codes(string? code) => string.IsNullOrEmpty(code) ? [] : [code];

    private static List<string> Terms(params string?[] terms) =>
        terms.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!).Distinct(StringComparer.Ordinal).ToList();

    private static Dictionary<string, IReadOnlyList<string>> Keywords(params (string Field, string[] Values)[] fields) =>
        fields.Where(f => f.Values.Length > 0).ToDictionary(f => f.Field, f => (IReadOnlyList<string>)f.Values, StringComparer.Ordinal);
}
