using System.Text.Json.Serialization;
using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Identity;
using DongNai.Indexers;
using DongNai.Ranking;
using DongNai.Search.Api.Accounts;
using Hangfire;
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
    string RequestId);

public sealed record SuggestionResponse(string Text, int Count);

public sealed record RebuildResponse(string JobId);

public static class SearchEndpoints
{
    public static void MapSearchEndpoints(this IEndpointRouteBuilder routes)
    {
        var search = routes.MapGroup("/api").WithTags("Search");
        search.MapGet("/search", SearchAll).WithName("SearchAll")
            .WithSummary("Search every kind of listing: q, lat, lon, radiusKm, near, bbox (minLon,minLat,maxLon,maxLat), minPrice, maxPrice, sort, size, cursor");
        search.MapGet("/search/{kind}", SearchKind).WithName("SearchKind")
            .WithSummary($"Search one kind ({ListingKinds.SlugList}) with its own filters and facets");
        search.MapGet("/suggest", Suggest).WithName("Suggest").WithSummary("Autocomplete titles, places and employers from a prefix");
        search.MapGet("/{kind}/{id:long}/related", Related).WithName("Related").WithSummary("Listings of the same kind similar to this one");

        routes.MapPost("/api/admin/search/rebuild", Rebuild).WithTags("Admin").WithName("RebuildIndex")
            .WithSummary("Rebuild the search index from the database and swap it in (admins only)")
            .RequireAuthorization(policy => policy.RequireRole(RoleNames.Admin));
    }

    private static Task<Results<Ok<SearchResponse>, ValidationProblem>> SearchAll(
        HttpContext http, RankedSearch search, SearchRequestParser parser, TimeProvider time, CancellationToken cancellationToken) =>
        RunAsync(http, null, search, parser, time, cancellationToken);

    private static async Task<Results<Ok<SearchResponse>, ValidationProblem, NotFound>> SearchKind(
        string kind, HttpContext http, RankedSearch search, SearchRequestParser parser, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!ListingKinds.TryParseSlug(kind, out var listingKind))
        {
            return TypedResults.NotFound();
        }

        return await RunAsync(http, ListingKinds.Get(listingKind), search, parser, time, cancellationToken) switch
        {
            { Result: Ok<SearchResponse> ok } => ok,
            { Result: ValidationProblem problem } => problem,
            _ => throw new InvalidOperationException("Unexpected search result."),
        };
    }

    private static async Task<Results<Ok<SearchResponse>, ValidationProblem>> RunAsync(
        HttpContext http, ListingKindDescriptor? kind, RankedSearch search, SearchRequestParser parser, TimeProvider time, CancellationToken cancellationToken)
    {
        var (query, errors) = parser.Parse(http.Request.Query, kind, time.GetUtcNow().UtcDateTime);
        if (query is null)
        {
            return Invalid(errors.ToDictionary());
        }

        SearchResult result;
        try
        {
            var accountId = http.User.Identity?.IsAuthenticated == true ? http.User.Id() : (long?)null;
            result = await search.SearchAsync(new RankingContext { Query = query, AccountId = accountId }, cancellationToken);
        }
        catch (InvalidCursorException)
        {
            return Invalid(new Dictionary<string, string[]> { ["cursor"] = ["Malformed cursor, or one issued for another sort. Start again without it."] });
        }

        return TypedResults.Ok(new SearchResponse(
            result.Total,
            result.Hits.Select(SearchHitResponse.From).ToList(),
            result.Facets.ToDictionary(
                f => f.Key,
                f => (IReadOnlyList<FacetCountResponse>)f.Value.Select(v => new FacetCountResponse(v.Value, v.Count)).ToList(),
                StringComparer.Ordinal),
            result.NextCursor,
            Guid.NewGuid().ToString("N")));
    }

    private static async Task<Results<Ok<List<SuggestionResponse>>, ValidationProblem>> Suggest(
        HttpContext http, ISearchEngine engine, CancellationToken cancellationToken)
    {
        var errors = new Domain.Validation.FieldErrors();
        foreach (var name in http.Request.Query.Keys.Where(k => k is not ("q" or "kind" or "size")))
        {
            errors.Add(name, "Unknown parameter. Allowed: q, kind, size.");
        }

        var q = http.Request.Query["q"].ToString().Trim();
        errors.When(q.Length is 0 or > 100, "q", "Give 1 to 100 characters.");
        ListingKind? kind = null;
        if (http.Request.Query["kind"].ToString() is { Length: > 0 } slug)
        {
            errors.When(!ListingKinds.TryParseSlug(slug, out var parsed), "kind", $"Use one of: {ListingKinds.SlugList}.");
            kind = parsed;
        }

        var size = 8;
        if (http.Request.Query["size"].ToString() is { Length: > 0 } sizeText)
        {
            errors.When(!int.TryParse(sizeText, out size) || size < 1 || size > SuggestQuery.MaxSize, "size", $"Must be 1 to {SuggestQuery.MaxSize}.");
        }

        if (!errors.IsEmpty)
        {
            return Invalid(errors.ToDictionary());
        }

        var suggestions = await engine.SuggestAsync(new SuggestQuery { Prefix = q, Kind = kind, Size = size }, cancellationToken);
        return TypedResults.Ok(suggestions.Select(s => new SuggestionResponse(s.Text, s.Count)).ToList());
    }

    private static async Task<Results<Ok<List<SearchHitResponse>>, ValidationProblem, NotFound>> Related(
        string kind, long id, int? size, ISearchEngine engine, AppDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!ListingKinds.TryParseSlug(kind, out var listingKind))
        {
            return TypedResults.NotFound();
        }

        if (size is < 1 or > RelatedQuery.MaxSize)
        {
            return Invalid(new Dictionary<string, string[]> { ["size"] = [$"Must be 1 to {RelatedQuery.MaxSize}."] });
        }

        if (!await ListingKinds.Get(listingKind).ExistsAsync(db, id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var hits = await engine.RelatedAsync(
            new RelatedQuery { Kind = listingKind, Id = id, Size = size ?? 10, Now = time.GetUtcNow().UtcDateTime },
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
