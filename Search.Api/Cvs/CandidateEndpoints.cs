using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Listings.Cvs;
using DongNai.Domain.Listings.Jobs;
using DongNai.Identity;
using DongNai.Identity.Cvs;
using DongNai.Search.Api.Accounts;
using DongNai.Search.Api.Parameters;
using DongNai.Search.Api.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Search.Api.Cvs;

/// <summary>
/// One candidate: the public fields of a discoverable CV (never the name, date of birth, address,
/// CCCD or phone), how well it fits the job and why, in Vietnamese.
/// </summary>
public sealed record CandidateResponse(
    long CvId,
    string DesiredJob,
    IReadOnlyList<string> Skills,
    JobShift? Shift,
    long SalaryExpectationVnd,
    CvAvailability Availability,
    string? IndustrialParkCode,
    string? HomeCommuneCode,
    double? DistanceKm,
    double Fit,
    IReadOnlyList<string> Reasons);

public sealed record CandidatesResponse(int Matched, IReadOnlyList<CandidateResponse> Candidates);

/// <summary>
/// <c>GET /api/candidates</c>: employers (for their own job) and admins search discoverable CVs
/// through the search engine (kind <c>cvs</c>: accent-insensitive text, radius around the job),
/// then the engine's candidates are ranked by <see cref="CandidateFit"/> to the job.
/// </summary>
public static class CandidateEndpoints
{
    /// <summary>How many engine hits are ranked by fit; the engine's own order picks them.</summary>
    public const int Pool = 100;

    public static readonly QueryParameter JobId = QueryParameter.WholeNumber("jobId", 1, long.MaxValue, "The job to find candidates for (one of the caller's own; any job for admins): its place centres the radius and the fit is to it. Without it, candidates are matched on the text alone.");

    public static readonly QueryParameter Text = QueryParameter.Text("q", 200, "Skills or desired job, with or without accents.", "may cong nghiep");

    public static readonly QueryParameter RadiusKm = QueryParameter.Number("radiusKm", 1, 100, "Candidates whose place is within this distance of the job (default 30; needs jobId).", 15);

    public static readonly QueryParameter Shift = QueryParameter.Choice("shift", "JobShift", [.. Enum.GetValues<JobShift>().Select(ListingVocabulary.Code)], "Only candidates who want this shift.");

    public static readonly QueryParameter SalaryMax = QueryParameter.WholeNumber("salaryMaxVnd", 1_000_000, 500_000_000, "Only candidates who expect at most this monthly salary.");

    public static readonly QueryParameter Size = QueryParameter.WholeNumber("size", 1, 50, "Candidates to return.", defaultValue: 20);

    public static readonly IReadOnlyList<QueryParameter> Parameters = [JobId, Text, RadiusKm, Shift, SalaryMax, Size];

    public static void MapCandidateEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/candidates", Search).WithTags("Candidates").WithName("SearchCandidates")
            .WithSummary("Find discoverable CVs that fit one of your jobs, best fit first, with the reasons (employers and admins)")
            .WithParameters(Parameters)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(policy => policy.RequireRole(RoleNames.Employer, RoleNames.Admin))
            .RequireRateLimiting(HostingExtensions.SearchRateLimit);
    }

    private static async Task<Results<Ok<CandidatesResponse>, ValidationProblem, ProblemHttpResult>> Search(
        HttpContext http, ISearchEngine engine, AppDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Domain.Validation.FieldErrors();
        var reader = new QueryReader(http.Request.Query, errors);
        if (!reader.RejectUnknown(Parameters))
        {
            return Invalid(errors);
        }

        var jobId = reader.WholeNumber(JobId);
        var text = reader.Text(Text);
        var radius = reader.Number(RadiusKm);
        var shift = reader.Choice(Shift);
        var salaryMax = reader.WholeNumber(SalaryMax);
        var size = (int)(reader.WholeNumber(Size) ?? 20);
        errors.When(radius is not null && jobId is null && errors.IsEmpty, RadiusKm.Name, "A radius is measured from a job's place: give jobId too.");
        if (!errors.IsEmpty)
        {
            return Invalid(errors);
        }

        var radiusKm = radius ?? 30;
        JobPosting? job = null;
        if (jobId is not null)
        {
            job = await db.Set<JobPosting>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken);
            if (job is null)
            {
                // A well-formed id of no job: not a parameter error, a missing resource.
                return TypedResults.Problem(
                    title: "No such job.", statusCode: StatusCodes.Status404NotFound,
                    extensions: new Dictionary<string, object?> { ["field"] = JobId.Name });
            }

            if (job.OwnerId != http.User.Id() && !http.User.IsAdmin())
            {
                return TypedResults.Problem(title: "Candidates are searched for one of your own jobs.", statusCode: StatusCodes.Status403Forbidden);
            }
        }

        var search = EngineQuery(job, text, radiusKm, shift, salaryMax, time.GetUtcNow().UtcDateTime);
        var result = await engine.SearchAsync(search, cancellationToken);

        // The index is derived data: the database says which CVs still exist and are discoverable.
        var ids = result.Hits.Select(h => h.Id).ToList();
        var cvs = await db.Set<Cv>().AsNoTracking().Where(c => ids.Contains(c.Id) && c.Discoverable).ToDictionaryAsync(c => c.Id, cancellationToken);
        return TypedResults.Ok(new CandidatesResponse(result.Total, Rank(result.Hits, cvs, job, radiusKm, text, size)));
    }

    /// <summary>
    /// The engine's part of a candidate search: the top <see cref="Pool"/> CVs matching the text,
    /// within the radius of the job's point (when there is a job), with the shift and at most the
    /// salary. Public so that the benchmark (bench/Bench) runs exactly this query.
    /// </summary>
    public static SearchQuery EngineQuery(JobPosting? job, string? text, double radiusKm, string? shift, long? salaryMax, DateTime now)
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (shift is not null)
        {
            filters[CvKind.Shift] = [shift];
        }

        return new SearchQuery
        {
            Kind = ListingKind.Cv,
            Text = text,
            Geo = job is null ? null : GeoFilter.Radius(job.Latitude, job.Longitude, radiusKm),
            MaxPrice = salaryMax,
            Filters = filters,
            Size = Pool,
            Highlight = false,
            Now = now,
        };
    }

    /// <summary>
    /// Ranks the engine's hits by <see cref="CandidateFit"/> to the job (or to the query's skills
    /// without one), best first, then nearest, then by id; hits whose CV is not in
    /// <paramref name="cvs"/> (no longer discoverable) are left out. Public so that the benchmark
    /// runs exactly this ranking.
    /// </summary>
    public static List<CandidateResponse> Rank(IReadOnlyList<SearchHit> hits, IReadOnlyDictionary<long, Cv> cvs, JobPosting? job, double radiusKm, string? text, int size) =>
        hits
            .Where(hit => cvs.ContainsKey(hit.Id))
            .Select(hit => (Hit: hit, Cv: cvs[hit.Id], Fit: job is null ? CandidateFit.Score(cvs[hit.Id], text) : CandidateFit.Score(job, cvs[hit.Id], hit.DistanceKm, radiusKm, text)))
            .OrderByDescending(c => c.Fit.Score)
            .ThenBy(c => c.Hit.DistanceKm ?? double.MaxValue)
            .ThenBy(c => c.Cv.Id)
            .Take(size)
            .Select(c => new CandidateResponse(
                c.Cv.Id, c.Cv.Title, c.Cv.Skills, c.Cv.Shift, c.Cv.SalaryExpectationVnd, c.Cv.Availability, c.Cv.IndustrialParkCode, c.Cv.CommuneCode,
                c.Hit.DistanceKm is { } km ? Math.Round(km, 1) : null, c.Fit.Score, c.Fit.Reasons))
            .ToList();

    private static ValidationProblem Invalid(Domain.Validation.FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more parameters are invalid.");
}
