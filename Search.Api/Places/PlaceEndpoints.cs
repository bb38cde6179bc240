using DongNai.Domain;
using DongNai.Domain.Places;
using DongNai.Search.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Search.Api.Places;

public sealed record CommuneResponse(string Code, string Name, double Latitude, double Longitude, string CentroidSource);

public sealed record IndustrialParkResponse(string Code, string Name, string? CommuneCode, double Latitude, double Longitude, bool Approximate);

public sealed record ResolvedPlaceResponse(string Kind, string Code, string Name, double Latitude, double Longitude, string? FormerName);

public static class PlaceEndpoints
{
    public static void MapPlaceEndpoints(this IEndpointRouteBuilder routes)
    {
        var places = routes.MapGroup("/api/places").WithTags("Places");
        places.MapGet("/communes", Communes).WithName("Communes").WithSummary("Đồng Nai's 95 communes and wards (2025), with approximate centres")
            .AllowQuery();
        places.MapGet("/resolve", Resolve).WithName("ResolvePlace")
            .WithSummary("What a typed place name means: a park (amata, KCN Amata), a 2025 commune, a pre-2025 ward (resolved to its new unit) or a town")
            .AllowQuery("q");
        places.MapGet("/industrial-parks", IndustrialParks).WithName("IndustrialParks").WithSummary("The province's industrial parks, with approximate coordinates")
            .AllowQuery();
    }

    private static async Task<Ok<List<CommuneResponse>>> Communes(AppDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Communes.AsNoTracking().OrderBy(c => c.Code)
            .Select(c => new CommuneResponse(c.Code, c.Name, c.Latitude, c.Longitude, c.CentroidSource))
            .ToListAsync(cancellationToken));

    private static Results<Ok<ResolvedPlaceResponse>, NotFound, ValidationProblem> Resolve(string? q, PlaceCatalog catalog)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > 100)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["q"] = ["Give 1 to 100 characters."] }, title: "One or more parameters are invalid.");
        }

        return catalog.ResolvePlace(q) is { } place
            ? TypedResults.Ok(new ResolvedPlaceResponse(
                char.ToLowerInvariant(place.Kind.ToString()[0]) + place.Kind.ToString()[1..], place.Code, place.Name, place.Latitude, place.Longitude, place.FormerName))
            : TypedResults.NotFound();
    }

    private static async Task<Ok<List<IndustrialParkResponse>>> IndustrialParks(AppDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.IndustrialParks.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new IndustrialParkResponse(p.Code, p.Name, p.CommuneCode, p.Latitude, p.Longitude, p.Approximate))
            .ToListAsync(cancellationToken));
}
