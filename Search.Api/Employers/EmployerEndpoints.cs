using System.Text.RegularExpressions;
using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.People;
using DongNai.Domain.Validation;
using DongNai.Identity;
using DongNai.Search.Api.Accounts;
using DongNai.Search.Api.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Search.Api.Employers;

public sealed record EmployerRequest(string? Name, string? TaxCode, string? IndustrialParkCode);

public sealed record EmployerResponse(long Id, string Name, string TaxCode, string? IndustrialParkCode)
{
    public static EmployerResponse From(Employer employer) => new(employer.Id, employer.Name, employer.TaxCode, employer.IndustrialParkCode);
}

public static partial class EmployerEndpoints
{
    public static void MapEmployerEndpoints(this IEndpointRouteBuilder routes)
    {
        var employers = routes.MapGroup("/api/employers").WithTags("Employers");
        employers.MapPost("/", Create).WithName("CreateEmployer").WithSummary("Register a company that posts jobs (employer accounts)")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(policy => policy.RequireRole(RoleNames.Employer, RoleNames.Admin))
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        employers.MapGet("/{id:long}", Get).WithName("GetEmployer").WithSummary("A company by id");
        employers.MapGet("/mine", Mine).WithName("MyEmployers").WithSummary("The companies the signed-in account owns").RequireAuthorization();
    }

    private static async Task<Results<Created<EmployerResponse>, ValidationProblem, ProblemHttpResult>> Create(
        EmployerRequest request, HttpContext http, AppDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Text(request.Name, "name", 2, 200);
        if (!errors.When(string.IsNullOrWhiteSpace(request.TaxCode), "taxCode", "Required."))
        {
            errors.When(!TaxCodePattern().IsMatch(request.TaxCode!.Trim()), "taxCode", "Must be 10 digits, or 10 digits, a hyphen and 3 digits for a branch.");
        }

        await ReferenceChecks.CheckParkAsync(db, request.IndustrialParkCode, "industrialParkCode", errors, cancellationToken);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more fields are invalid.");
        }

        var taxCode = request.TaxCode!.Trim();
        if (await db.Employers.AnyAsync(e => e.TaxCode == taxCode, cancellationToken))
        {
            return TypedResults.Problem(title: "A company with this tax code is already registered.", statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["field"] = "taxCode" });
        }

        var employer = new Employer
        {
            OwnerId = http.User.Id(),
            Name = request.Name!.Trim(),
            TaxCode = taxCode,
            IndustrialParkCode = request.IndustrialParkCode,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Employers.Add(employer);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/employers/{employer.Id}", EmployerResponse.From(employer));
    }

    private static async Task<Results<Ok<EmployerResponse>, NotFound>> Get(long id, AppDbContext db, CancellationToken cancellationToken)
    {
        var employer = await db.Employers.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        return employer is null ? TypedResults.NotFound() : TypedResults.Ok(EmployerResponse.From(employer));
    }

    private static async Task<Ok<List<EmployerResponse>>> Mine(HttpContext http, AppDbContext db, CancellationToken cancellationToken)
    {
        var owner = http.User.Id();
        var employers = await db.Employers.AsNoTracking().Where(e => e.OwnerId == owner).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(employers.Select(EmployerResponse.From).ToList());
    }

    [GeneratedRegex(@"^\d{10}(-\d{3})?$")]
    private static partial Regex TaxCodePattern();
}
