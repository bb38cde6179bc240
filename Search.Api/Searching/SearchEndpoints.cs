using System.Text.Json.Serialization;
using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Identity;
using DongNai.Indexers;
using DongNai.Ranking;
using DongNai.Search.Api.Accounts;
using DongNai.Search.Api.Hosting;
using Hangfire;
using DongNai.Domain.Text;
using DongNai.Domain.Validation;
using DongNai.Search.Api.Parameters;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DongNai.Search.Api.Searching;

/// <summary>One hit as the API shows it. The money field is named as the kind names it: salary, price or fare.</summary>
public sealed record SearchHitResponse(
    string Kind,
    long Id,
    string Title,
    double Score,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? DistanceKm,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? SalaryMinVnd,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? SalaryMaxVnd,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? PriceVnd,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? FareVnd,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TitleHighlight,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DescriptionHighlight)
{
    public static SearchHitResponse From(SearchHit hit)
    {
        var kind = ListingKinds.Get(hit.Kind);
        var money = kind.Search.Money;
        return new(
            kind.Slug,
            hit.Id,
            hit.Title,
            Math.Round(hit.Score, 4),
            hit.DistanceKm is { } km ? Math.Round(km, 3) : null,
            money == MoneyField.Salary ? hit.PriceMin : null,
            money == MoneyField.Salary ? hit.PriceMax : null,
            money == MoneyField.Price ? hit.PriceMin : null,
            money == MoneyField.Fare ? hit.PriceMin : null,
            hit.TitleHighlight,
            hit.DescriptionHighlight);
    }
}

public sealed record FacetCountResponse(string Value, int Count);

/// <summary>One page of results. <see cref="RequestId"/> is new on every request, so the app can report impressions and clicks against the page that showed them.</summary>
public sealed record SearchResponse(
    int Total,
    IReadOnlyList<SearchHitResponse> Hits,
    IReadOnlyDictionary<string, IReadOnlyList<FacetCountResponse>> Facets,
    string? NextCursor,
    string RequestId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] UnderstoodResponse? Understood,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<RelaxationStep>? Relaxed);

/// <summary>
/// One suggestion and how many listings it finds. <see cref="Interpreted"/> is true for a query
/// the service completed and understands ("phòng trọ gần KCN Amata dưới 2 triệu"), absent for a
/// title, place or employer completed from the index.
/// </summary>
public sealed record SuggestionResponse(
    string Text,
    int Count,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Interpreted = null);

public sealed record RebuildResponse(string JobId);

public static class SearchEndpoints
{
    public static void MapSearchEndpoints(this IEndpointRouteBuilder routes)
    {
        var search = routes.MapGroup("/api").WithTags("Search").RequireRateLimiting(HostingExtensions.SearchRateLimit);
        search.MapGet("/search", SearchAll).WithName("SearchAll")
            .WithSummary("Search every kind of listing")
            .WithParameters(SearchParameters.For(null));
        foreach (var kind in ListingKinds.Descriptors)
        {
            // One operation per kind, so each documents its own filters (from its descriptor).
            search.MapGet($"/search/{kind.Slug}", (HttpContext http, RelaxingSearch ranked, SearchRequestParser parser, TimeProvider time, CancellationToken cancellationToken) =>
                    RunAsync(http, kind, ranked, parser, time, cancellationToken))
                .WithName($"Search{kind.Name}s")
                .WithSummary($"Search {kind.Slug} with their own filters and facets")
                .WithParameters(SearchParameters.For(kind));
        }

        search.MapGet("/search/{kind}", UnknownKind).ExcludeFromDescription();
        search.MapGet("/suggest", Suggest).WithName("Suggest").WithSummary("Autocomplete titles, places and employers from a prefix")
            .WithParameters(SearchParameters.Suggest);
        search.MapGet("/{kind}/{id:long}/related", Related).WithName("Related").WithSummary("Listings of the same kind similar to this one")
            .AllowQuery([.. SearchParameters.Related])
            .ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapPost("/api/admin/search/rebuild", Rebuild).WithTags("Admin").WithName("RebuildIndex")
            .WithSummary("Rebuild the search index from the database and swap it in (admins only)")
            .RequireAuthorization(policy => policy.RequireRole(RoleNames.Admin));
    }

    private static Task<Results<Ok<SearchResponse>, ValidationProblem>> SearchAll(
        HttpContext http, RelaxingSearch search, SearchRequestParser parser, TimeProvider time, CancellationToken cancellationToken) =>
        RunAsync(http, null, search, parser, time, cancellationToken);

    private static ProblemHttpResult UnknownKind(string kind) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "No such kind of listing.",
            detail: $"'{kind}' is not a kind of listing. Use one of: {ListingKinds.SlugList}.");

    private static async Task<Results<Ok<SearchResponse>, ValidationProblem>> RunAsync(
        HttpContext http, ListingKindDescriptor? kind, RelaxingSearch search, SearchRequestParser parser, TimeProvider time, CancellationToken cancellationToken)
    {
        var (query, understood, errors) = parser.Parse(http.Request.Query, kind, time.GetUtcNow().UtcDateTime);
        if (query is null)
        {
            return Invalid(errors.ToDictionary());
        }

        SearchResult result;
        IReadOnlyList<RelaxationStep> relaxed;
        try
        {
            var accountId = http.User.Identity?.IsAuthenticated == true ? http.User.Id() : (long?)null;
            (result, relaxed) = await search.SearchAsync(new RankingContext { Query = query, AccountId = accountId }, understood, cancellationToken);
        }
        catch (InvalidCursorException)
        {
            return Invalid(new Dictionary<string, string[]> { ["cursor"] = ["Malformed cursor, or one issued for another kind or sort. Start again without it."] });
        }

        return TypedResults.Ok(new SearchResponse(
            result.Total,
            result.Hits.Select(SearchHitResponse.From).ToList(),
            result.Facets.ToDictionary(
                f => f.Key,
                f => (IReadOnlyList<FacetCountResponse>)f.Value.Select(v => new FacetCountResponse(v.Value, v.Count)).ToList(),
                StringComparer.Ordinal),
            result.NextCursor,
            Guid.NewGuid().ToString("N"),
            understood is null ? null : UnderstoodResponse.From(understood, query.Text ?? ""),
            relaxed.Count == 0 ? null : relaxed));
    }

    private static async Task<Results<Ok<List<SuggestionResponse>>, ValidationProblem>> Suggest(
        HttpContext http, ISearchEngine engine, InterpretedSuggestions interpreted, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var reader = new QueryReader(http.Request.Query, errors);
        if (!reader.RejectUnknown(SearchParameters.Suggest))
        {
            return Invalid(errors.ToDictionary());
        }

        var q = reader.Text(SearchParameters.SuggestText);
        errors.When(string.IsNullOrWhiteSpace(http.Request.Query[SearchParameters.SuggestText.Name]), SearchParameters.SuggestText.Name, "Required: give 1 to 100 characters.");
        var kind = reader.Choice(SearchParameters.SuggestKind) is { } slug && ListingKinds.TryParseSlug(slug, out var parsed) ? parsed : (ListingKind?)null;
        var size = reader.WholeNumber(SearchParameters.SuggestSize) ?? 8;
        if (!errors.IsEmpty || q is null)
        {
            return Invalid(errors.ToDictionary());
        }

        // Understood queries first: they say more than a title does.
        var understood = await interpreted.SuggestAsync(q, kind, time.GetUtcNow().UtcDateTime, cancellationToken);
        var suggestions = await engine.SuggestAsync(new SuggestQuery { Prefix = q, Kind = kind, Size = (int)size }, cancellationToken);
        return TypedResults.Ok(understood.Concat(suggestions.Select(s => new SuggestionResponse(s.Text, s.Count)))
            .DistinctBy(s => VietnameseText.FoldKey(s.Text))
            .Take((int)size)
            .ToList());
    }

    private static async Task<Results<Ok<List<SearchHitResponse>>, ValidationProblem, ProblemHttpResult>> Related(
        string kind, long id, HttpContext http, ISearchEngine engine, AppDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!ListingKinds.TryParseSlug(kind, out var listingKind))
        {
            return UnknownKind(kind);
        }

        var errors = new FieldErrors();
        var size = new QueryReader(http.Request.Query, errors).WholeNumber(SearchParameters.RelatedSize) ?? 10;
        if (!errors.IsEmpty)
        {
            return Invalid(errors.ToDictionary());
        }

        if (!await ListingKinds.Get(listingKind).ExistsAsync(db, id, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such listing.");
        }

        var hits = await engine.RelatedAsync(
            new RelatedQuery { Kind = listingKind, Id = id, Size = (int)size, Now = time.GetUtcNow().UtcDateTime },
            cancellationToken);
        return TypedResults.Ok(hits.Select(SearchHitResponse.From).ToList());
    }

    private static Accepted<RebuildResponse> Rebuild(IBackgroundJobClient jobs)
    {
        var id = jobs.Enqueue<IndexRebuildJob>(job => job.RunAsync(CancellationToken.None));
        return TypedResults.Accepted("/hangfire/jobs/details/" + id, new RebuildResponse(id));
    }

    private static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "One or more parameters are invalid.");
}
