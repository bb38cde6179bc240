using DongNai.Domain.People;
using DongNai.Domain.Places;
using DongNai.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Domain.Listings.BusRoutes;

/// <summary>Bus routes inside the province and to neighbouring ones, published by agency staff.</summary>
public sealed class BusRouteKind : ListingKindDescriptor<BusRoute, BusRouteRequest, BusRouteResponse>
{
    public const string Origin = "origin";
    public const string Destination = "destination";
    public const string Stop = "stop";
    public const string Scope = "scope";

    public override ListingKind Kind => ListingKind.BusRoute;

    public override string Slug => "bus-routes";

    public override string Name => "BusRoute";

    public override string Description => "Bus routes inside the province and to neighbouring ones, published by agency staff.";

    public override string Table => "BusRoutes";

    public override IReadOnlyList<Role> CreatorRoles { get; } = [Role.AgencyStaff, Role.Admin];

    public override double DemoShare => 0.05;

    public override KindSearchProfile Search { get; } = new(
        [
            KeywordFilter.FoldedNames(Origin, "Where the route starts, with or without accents."),
            KeywordFilter.FoldedNames(Destination, "Where the route ends, with or without accents."),
            KeywordFilter.FoldedNames(Stop, "A stop the route serves, with or without accents."),
            KeywordFilter.Codes<BusRouteScope>(Scope, "Inside the province or between provinces."),
            KeywordFields.CommuneFilter,
        ],
        [Origin, Destination, Scope],
        [10_000, 20_000, 50_000, 100_000, 200_000],
        MoneyField.Fare,
        "Fare of one trip in VND.",
        HasDepartures: true)
    {
        NearRadiusKm = (3, 5),
    };

    public override void ConfigureModel(ModelBuilder modelBuilder) =>
        ConfigureEntity(modelBuilder.Entity<BusRoute>()).OwnsMany(r => r.Stops, stops => stops.ToJson());

    public override SearchDocument BuildDocument(BusRoute route, PlaceCatalog places) => CommonDocument(route) with
    {
        ExtraText = JoinText(
            route.Operator,
            route.Origin,
            route.Destination,
            Words(route.Scope),
            string.Join(", ", route.Stops.Select(s => s.Name))),
        Price = route.FareVnd,
        DeparturesMinuteOfDay = route.Departures.Select(d => (d.Hour * 60) + d.Minute).ToList(),
        Keywords = Keywords(
            (Origin, Codes(VietnameseText.FoldKey(route.Origin))),
            (Destination, Codes(VietnameseText.FoldKey(route.Destination))),
            (Stop, route.Stops.Select(s => VietnameseText.FoldKey(s.Name)).Where(s => s.Length > 0).Distinct().ToArray()),
            (Scope, [ListingVocabulary.Code(route.Scope)]),
            (KeywordFields.Commune, Codes(route.CommuneCode))),
        SuggestTerms = SuggestTerms(route.Origin, route.Destination, route.Operator),
    };

    public static string Words(BusRouteScope scope) => scope switch
    {
        BusRouteScope.InProvince => "nội tỉnh",
        BusRouteScope.InterProvince => "liên tỉnh",
        _ => "",
    };
}
