using System.Text.Json;
using DongNai.Domain.Listings.BusRoutes;
using DongNai.Domain.Listings.Classifieds;
using DongNai.Domain.Listings.Rentals;
using DongNai.Domain.Listings.Vouchers;

namespace DongNai.Seeding;

/// <summary>The Vietnamese text catalog of <c>vi_demo_texts.json</c>; see that file for what each list is.</summary>
internal sealed record DemoTexts(
    IReadOnlyList<JobTitleText> JobTitles,
    IReadOnlyList<string> JobTitleFormats,
    IReadOnlyList<string> EmployerSectors,
    IReadOnlyList<string> EmployerNames,
    IReadOnlyList<string> ForeignEmployerNames,
    IReadOnlyList<RentalKindText> RentalKinds,
    IReadOnlyList<ClassifiedItemText> ClassifiedItems,
    IReadOnlyDictionary<ItemCondition, IReadOnlyList<string>> ClassifiedTitleFormats,
    IReadOnlyList<VoucherBrandText> VoucherBrands,
    IReadOnlyList<BusOperatorText> BusOperators)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static DemoTexts Load()
    {
        using var stream = DemoDataFile.Open("vi_demo_texts.json");
        return JsonSerializer.Deserialize<DemoTexts>(stream, Options)
            ?? throw new InvalidDataException("vi_demo_texts.json is empty.");
    }

    public static IReadOnlyList<BusRouteText> LoadBusRoutes()
    {
        using var stream = DemoDataFile.Open("dongnai_bus_routes.json");
        return JsonSerializer.Deserialize<BusRouteFile>(stream, Options)?.Routes
            ?? throw new InvalidDataException("dongnai_bus_routes.json is empty.");
    }
}

/// <summary>A job title with the monthly salary band (VND) postings for it offer.</summary>
internal sealed record JobTitleText(
    string Title,
    string Sector,
    long SalaryMin,
    long SalaryMax,
    bool Skilled,
    int Weight,
    int HeadcountMax,
    string Duty,
    string Requirements);

internal sealed record RentalKindText(
    RentalType Type,
    int Weight,
    long PriceMin,
    long PriceMax,
    int AreaMin,
    int AreaMax,
    int OccupantsMax,
    int DepositMonths,
    IReadOnlyList<string> Titles);

internal sealed record ClassifiedItemText(
    string Name,
    ClassifiedCategory Category,
    long PriceMin,
    long PriceMax,
    long Step,
    IReadOnlyList<string> Details);

internal sealed record VoucherBrandText(string Brand, VoucherCategory Category, IReadOnlyList<string> Offers);

internal sealed record BusOperatorText(string Name, BusRouteScope Scope);

internal sealed record BusStopText(string Name, double Lat, double Lon);

internal sealed record BusRouteText(
    string Number,
    BusRouteScope Scope,
    string Origin,
    string Destination,
    IReadOnlyList<BusStopText> Stops);

internal sealed record BusRouteFile(IReadOnlyList<BusRouteText> Routes);
