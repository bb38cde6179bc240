using DongNai.Domain.Listings;
using DongNai.Indexers.Documents;
using F = DongNai.Indexers.Documents.ListingDocumentBuilder.Fields;

namespace DongNai.Search.Api.Searching;

/// <summary>
/// What the search API offers for one listing kind: its filter parameters (each a keyword field of
/// the index, with the values it accepts, or null for free codes such as park slugs), the facets it
/// returns, its price bands, and the name of its money field in hits.
/// </summary>
public sealed record KindSearchProfile(
    ListingKind Kind,
    IReadOnlyDictionary<string, IReadOnlySet<string>?> Filters,
    IReadOnlyList<string> Facets,
    IReadOnlyList<long> PriceBands,
    bool HasArea,
    bool HasDepartures)
{
    public static readonly KindSearchProfile Jobs = new(
        ListingKind.Job,
        FilterSet(
            (F.Shift, Codes<JobShift>()),
            (F.JobType, Codes<JobType>()),
            (F.Benefits, Codes<JobBenefits>()),
            (F.Park, null),
            (F.Commune, null)),
        [F.Shift, F.JobType, F.Benefits, F.Park],
        [5_000_000, 7_000_000, 10_000_000, 15_000_000, 20_000_000],
        HasArea: false,
        HasDepartures: false);

    public static readonly KindSearchProfile Rentals = new(
        ListingKind.Rental,
        FilterSet(
            (F.RentalType, Codes<RentalType>()),
            (F.Amenities, Codes<RentalAmenities>()),
            (F.Park, null),
            (F.Commune, null)),
        [F.RentalType, F.Amenities, F.Park],
        [1_000_000, 2_000_000, 3_000_000, 5_000_000, 10_000_000],
        HasArea: true,
        HasDepartures: false);

    public static readonly KindSearchProfile Classifieds = new(
        ListingKind.Classified,
        FilterSet(
            (F.Category, Codes<ClassifiedCategory>()),
            (F.Condition, Codes<ItemCondition>()),
            (F.Commune, null)),
        [F.Category, F.Condition],
        [500_000, 1_000_000, 5_000_000, 10_000_000, 50_000_000],
        HasArea: false,
        HasDepartures: false);

    public static readonly KindSearchProfile Vouchers = new(
        ListingKind.Voucher,
        FilterSet(
            (F.Category, Codes<VoucherCategory>()),
            (F.Brand, null),
            (F.Commune, null)),
        [F.Category, F.Brand],
        [1, 50_000, 200_000],
        HasArea: false,
        HasDepartures: false);

    public static readonly KindSearchProfile BusRoutes = new(
        ListingKind.BusRoute,
        FilterSet(
            (F.Origin, null),
            (F.Destination, null),
            (F.Stop, null),
            (F.Scope, Codes<BusRouteScope>()),
            (F.Commune, null)),
        [F.Origin, F.Destination, F.Scope],
        [10_000, 20_000, 50_000, 100_000, 200_000],
        HasArea: false,
        HasDepartures: true);

    public static KindSearchProfile For(ListingKind kind) => kind switch
    {
        ListingKind.Job => Jobs,
        ListingKind.Rental => Rentals,
        ListingKind.Classified => Classifieds,
        ListingKind.Voucher => Vouchers,
        ListingKind.BusRoute => BusRoutes,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static HashSet<string> Codes<TEnum>()
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Where(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) != 0)
            .Select(ListingVocabulary.Code).ToHashSet(StringComparer.Ordinal);

    private static Dictionary<string, IReadOnlySet<string>?> FilterSet(params (string Name, IReadOnlySet<string>? Values)[] filters) =>
        filters.ToDictionary(f => f.Name, f => f.Values, StringComparer.Ordinal);
}
