using DongNai.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Search.Api.Places;

public sealed record CommuneResponse(string Code, string Name, double Latitude, double Longitude, string CentroidSource);

public sealed record IndustrialParkResponse(string Code, string Name, string? CommuneCode, double Latitude, double Longitude, bool Approximate);

public static class PlaceEndpoints
{
    public static void MapPlaceEndpoints(this IEndpointRouteBuilder routes)
    {
        var places = routes.MapGroup("/api/places").WithTags("Places");
        places.MapGet("/communes", Communes).WithName("Communes").WithSummary("Đồng Nai's 95 communes and wards (2025), with approximate centres");
        places.MapGet("/industrial-parks", IndustrialParks).WithName("IndustrialParks").WithSummary("The province's industrial parks, with approximate coordinates");
    }

    private static async Task<Ok<List<CommuneResponse>>> Communes(AppDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Communes.AsNoTracking().OrderBy(c => c.Code)
            .Select(c => new CommuneResponse(c.Code, c.Name, c.Latitude, c.Longitude, c.CentroidSource))
            .ToListAsync(cancellationToken));

    private static async Task<Ok<List<IndustrialParkResponse>>> IndustrialParks(AppDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.IndustrialParks.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new IndustrialParkResponse(p.Code, p.Name, p.CommuneCode, p.Latitude, p.Longitude, p.Approximate))
            .ToListAsync(cancellationToken));
}
