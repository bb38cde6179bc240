using System.Globalization;
using System.Text.RegularExpressions;
using DongNai.Domain.Text;
using DongNai.Domain.Validation;

namespace DongNai.Domain.Listings.BusRoutes;

public sealed record BusStopRequest(string? Name, double? Latitude, double? Longitude);

/// <summary>
/// A bus line. Departures are local times "HH:mm" from the origin. The first stop is the origin and
/// must lie in or near the province; later stops may lie anywhere in Việt Nam (inter-province lines).
/// </summary>
public sealed partial record BusRouteRequest(
    string? Title,
    string? Description,
    string? Operator,
    string? Hotline,
    string? Origin,
    string? Destination,
    IReadOnlyList<BusStopRequest>? Stops,
    IReadOnlyList<string>? Departures,
    long? FareVnd,
    BusRouteScope? Scope,
    string? CommuneCode) : IListingRequest<BusRoute>
{
    public const int MaxStops = 100;
    public const int MaxDepartures = 200;

    public void Validate(FieldErrors errors, DateTime now)
    {
        ListingRules.TitleAndDescription(Title, Description, errors);
        errors.Text(Operator, "operator", 2, 100);
        if (!errors.When(string.IsNullOrWhiteSpace(Hotline), "hotline", "Required."))
        {
            errors.When(!HotlinePattern().IsMatch(Separators().Replace(Hotline!, "")), "hotline", "Must be a Vietnamese phone or hotline number, e.g. 1900 6067 or 0251 3822 222.");
        }

        errors.Text(Origin, "origin", 2, 100);
        errors.Text(Destination, "destination", 2, 100);
        errors.When(
            !string.IsNullOrWhiteSpace(Origin) && VietnameseText.FoldKey(Origin) == VietnameseText.FoldKey(Destination),
            "destination",
            "Must differ from origin.");
        errors.Range(FareVnd, "fareVnd", 0, 2_000_000);
        errors.Defined(Scope, "scope");
        ValidateStops(errors);
        ValidateDepartures(errors);
    }

    public Task CheckReferencesAsync(AppDbContext db, long callerId, FieldErrors errors, CancellationToken cancellationToken) =>
        ReferenceChecks.CheckCommuneAsync(db, CommuneCode, "communeCode", errors, cancellationToken);

    public void ApplyTo(BusRoute listing, DateTime now, bool isNew)
    {
        listing.Title = Title!.Trim();
        listing.Description = Description!.Trim();
        listing.Operator = Operator!.Trim();
        listing.Hotline = Hotline!.Trim();
        listing.Origin = Origin!.Trim();
        listing.Destination = Destination!.Trim();
        listing.Stops = Stops!
            .Select(s => new BusStop { Name = s.Name!.Trim(), Latitude = s.Latitude!.Value, Longitude = s.Longitude!.Value })
            .ToList();
        listing.Departures = Departures!.Select(ParseTime).Order().ToList();
        listing.FareVnd = FareVnd!.Value;
        listing.Scope = Scope!.Value;
        listing.Latitude = listing.Stops[0].Latitude;
        listing.Longitude = listing.Stops[0].Longitude;
        listing.CommuneCode = CommuneCode;
    }

    private void ValidateStops(FieldErrors errors)
    {
        if (Stops is null || Stops.Count < 2 || Stops.Count > MaxStops)
        {
            errors.Add("stops", $"Give 2 to {MaxStops} stops, the origin first.");
            return;
        }

        for (var i = 0; i < Stops.Count; i++)
        {
            var prefix = $"stops[{i}].";
            errors.Text(Stops[i].Name, prefix + "name", 2, 200);
            if (i == 0)
            {
                ListingRules.PointInProvince(Stops[i].Latitude, Stops[i].Longitude, errors, prefix);
            }
            else
            {
                errors.Range(Stops[i].Latitude, prefix + "latitude", 8.0, 23.5);
                errors.Range(Stops[i].Longitude, prefix + "longitude", 102.0, 110.0);
            }
        }
    }

    private void ValidateDepartures(FieldErrors errors)
    {
        if (Departures is null || Departures.Count == 0 || Departures.Count > MaxDepartures)
        {
            errors.Add("departures", $"Give 1 to {MaxDepartures} departure times as HH:mm.");
            return;
        }

        var seen = new HashSet<TimeOnly>();
        for (var i = 0; i < Departures.Count; i++)
        {
            if (!TimeOnly.TryParseExact(Departures[i], ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                errors.Add($"departures[{i}]", "Must be a time of day as HH:mm, e.g. 05:30.");
            }
            else
            {
                errors.When(!seen.Add(time), $"departures[{i}]", "Listed twice.");
            }
        }
    }

    private static TimeOnly ParseTime(string value) =>
        TimeOnly.ParseExact(value, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None);

    [GeneratedRegex(@"[\s\.\-\(\)]")]
    private static partial Regex Separators();

    // Landlines and mobiles (0 or +84, 9 to 10 digits after it) and 1800/1900 service numbers.
    [GeneratedRegex(@"^((\+84|0)\d{9,10}|(1800|1900)\d{4,6})$")]
    private static partial Regex HotlinePattern();
}

public sealed record BusStopResponse(string Name, double Latitude, double Longitude);

public sealed record BusRouteResponse(
    long Id,
    string Owner,
    bool OwnerVerified,
    string Title,
    string Description,
    string Operator,
    string Hotline,
    string Origin,
    string Destination,
    IReadOnlyList<BusStopResponse> Stops,
    IReadOnlyList<string> Departures,
    long FareVnd,
    BusRouteScope Scope,
    string? CommuneCode,
    int Version) : IListingResponse<BusRoute, BusRouteResponse>
{
    public static BusRouteResponse From(BusRoute listing, ListingOwner owner) => new(
        listing.Id, owner.Handle, owner.Verified, listing.Title, listing.Description, listing.Operator, listing.Hotline, listing.Origin,
        listing.Destination, listing.Stops.Select(s => new BusStopResponse(s.Name, s.Latitude, s.Longitude)).ToList(),
        listing.Departures.Select(d => d.ToString("HH:mm", CultureInfo.InvariantCulture)).ToList(), listing.FareVnd, listing.Scope,
        listing.CommuneCode, listing.Version);
}
