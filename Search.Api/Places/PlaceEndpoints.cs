using DongNai.Domain;
using DongNai.Domain.Places;
using DongNai.Domain.Validation;
using DongNai.Search.Api.Parameters;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Search.Api.Places;

public sealed record CommuneResponse(string Code, string Name, double Latitude, double Longitude, string CentroidSource);

public sealed record IndustrialParkResponse(string Code, string Name, string? CommuneCode, double Latitude, double Longitude, bool Approximate);

public sealed record ResolvedPlaceResponse(string Kind, string Code, string Name, double Latitude, double Longitude, string? FormerName);

public static class PlaceEndpoints
{
    private static readonly QueryParameter PlaceName = QueryParameter.Text(
        "q", 100, "A place name as people type it, with or without accents: amata, KCN Amata, Tam Hiệp, Biên Hòa.", "kcn amata") with { Required = true };

    public static void MapPlaceEndpoints(this IEndpointRouteBuilder routes)
    {
        var places = routes.MapGroup("/api/places").WithTags("Places");
        places.MapGet("/communes", Communes).WithName("Communes").WithSummary("Đồng Nai's 95 communes and wards (2025), with approximate centres")
            .AllowQuery();
        places.MapGet("/resolve", Resolve).WithName("ResolvePlace")
            .WithSummary("What a typed place name means: a park (amata, KCN Amata), a 2025 commune, a pre-2025 ward (resolved to its new unit) or a town")
            .AllowQuery(PlaceName)
            .ProducesProblem(StatusCodes.Status404NotFound);
        places.MapGet("/industrial-parks", IndustrialParks).WithName("IndustrialParks").WithSummary("The province's industrial parks, with approximate coordinates")
            .AllowQuery();
    }

    private static async Task<Ok<List<CommuneResponse>>> Communes(AppDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Communes.AsNoTracking().OrderBy(c => c.Code)
            .Select(c => new CommuneResponse(c.Code, c.Name, c.Latitude, c.Longitude, c.CentroidSource))
            .ToListAsync(cancellationToken));

    private static Results<Ok<ResolvedPlaceResponse>, ProblemHttpResult, ValidationProblem> Resolve(HttpContext http, PlaceCatalog catalog)
    {
        var errors = new FieldErrors();
        var q = new QueryReader(http.Request.Query, errors).Text(PlaceName);
        errors.When(q is null && errors.IsEmpty, PlaceName.Name, "Required: give 1 to 100 characters.");
        if (q is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more parameters are invalid.");
        }

        return catalog.ResolvePlace(q) is { } place
            ? TypedResults.Ok(new ResolvedPlaceResponse(
                char.ToLowerInvariant(place.Kind.ToString()[0]) + place.Kind.ToString()[1..], place.Code, place.Name, place.Latitude, place.Longitude, place.FormerName))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No place by that name.", detail: $"'{q}' is not a park, commune, ward or town of Đồng Nai that we know.");
    }

    private static async Task<Ok<List<IndustrialParkResponse>>> IndustrialParks(AppDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.IndustrialParks.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new IndustrialParkResponse(p.Code, p.Name, p.CommuneCode, p.Latitude, p.Longitude, p.Approximate))
            .ToListAsync(cancellationToken));
}
