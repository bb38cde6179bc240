using System.Text.Json.Serialization;
using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Identity;
using DongNai.Indexers;
using DongNai.Ranking;
using DongNai.Ranking.Features;
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
        // Kinds only their own, authorised search reads (CVs) get no public route.
        foreach (var kind in ListingKinds.Public)
        {
            // One operation per kind, so each documents its own filters (from its descriptor).
            search.MapGet($"/search/{kind.Slug}", (HttpContext http, RelaxingSearch ranked, SearchRequestParser parser, TimeProvider time, CancellationToken cancellationToken) =>
                    RunAsync(http, kind, ranked, parser, time, cancellationToken))
                .WithName($"Search{kind.PluralName}")
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
            detail: $"'{kind}' is not a kind of listing anyone may search. Use one of: {ListingKinds.PublicSlugList}.");

    private static async Task<Results<Ok<SearchResponse>, ValidationProblem>> RunAsync(
        HttpContext http, ListingKindDescriptor? kind, RelaxingSearch search, SearchRequestParser parser, TimeProvider time, CancellationToken cancellationToken)
    {
        using var span = SearchSpan.Start("search", SearchTelemetry.KindTag(kind?.Kind), http.Request.Query[SearchParameters.Text.Name]);
        var (query, understood, errors) = parser.Parse(http.Request.Query, kind, time.GetUtcNow().UtcDateTime);
        if (query is null)
        {
            return Invalid(errors.ToDictionary());
        }

        // Not the trace id: a client that sends a traceparent header chooses that, and may send the
        // same one twice, while events group impressions by requestId. The search span carries it
        // (dongnai.search.request_id), so either leads to the other.
        var requestId = Guid.NewGuid().ToString("N");
        span.Activity?.SetTag(SearchTelemetry.Tags.RequestId, requestId)
            .SetTag(SearchTelemetry.Tags.Sort, query.Sort.ToString())
            .SetTag(SearchTelemetry.Tags.PageSize, query.Size)
            .SetTag(SearchTelemetry.Tags.HasCursor, query.Cursor is not null);

        SearchResult result;
        IReadOnlyList<RelaxationStep> relaxed;
        try
        {
            var accountId = http.User.Identity?.IsAuthenticated == true ? http.User.Id() : (long?)null;
            var context = await RankingContextAsync(http, query, accountId, cancellationToken);
            (result, relaxed) = await search.SearchAsync(context, understood, cancellationToken);
        }
        catch (InvalidCursorException)
        {
            return Invalid(new Dictionary<string, string[]> { ["cursor"] = ["Malformed cursor, or one issued for another kind or sort. Start again without it."] });
        }

        span.Answered(result.Total);
        if (result.Total == 0 && query.Cursor is null && !string.IsNullOrWhiteSpace(query.Text))
        {
            var person = http.User.Identity?.IsAuthenticated == true ? $"account:{http.User.Id()}" : $"ip:{http.Connection.RemoteIpAddress}";
            http.RequestServices.GetRequiredService<ZeroResultTerms>().Record(http.Request.Query[SearchParameters.Text.Name], person);
        }

        span.Activity?.SetTag(SearchTelemetry.Tags.Returned, result.Hits.Count)
            .SetTag(SearchTelemetry.Tags.RelaxedSteps, relaxed.Count)
            .SetTag(SearchTelemetry.Tags.Relaxations, relaxed.Count == 0 ? null : string.Join(',', relaxed.Select(step => step.Step)));
        foreach (var step in relaxed)
        {
            SearchTelemetry.SearchRelaxations.Add(
                1,
                new KeyValuePair<string, object?>(SearchTelemetry.Tags.Kind, SearchTelemetry.KindTag(kind?.Kind)),
                new KeyValuePair<string, object?>(SearchTelemetry.Tags.Relaxation, step.Step));
        }

        return TypedResults.Ok(new SearchResponse(
            result.Total,
            result.Hits.Select(SearchHitResponse.From).ToList(),
            result.Facets.ToDictionary(
                f => f.Key,
                f => (IReadOnlyList<FacetCountResponse>)f.Value.Select(v => new FacetCountResponse(v.Value, v.Count)).ToList(),
                StringComparer.Ordinal),
            result.NextCursor,
            requestId,
            understood is null ? null : UnderstoodResponse.From(understood, query.Text ?? ""),
            relaxed.Count == 0 ? null : relaxed));
    }

    /// <summary>
    /// Who asks: a signed-in user's relevance search is personalised (re-ranked in the top window for
    /// their places and tastes) unless <c>personalize=false</c>; anonymous searches and other sorts are not,
    /// so they go straight to the engine. The user's profile is loaded here (cached) because rankers are synchronous.
    /// </summary>
    private static async Task<RankingContext> RankingContextAsync(HttpContext http, SearchQuery query, long? accountId, CancellationToken cancellationToken)
    {
        var asked = new QueryReader(http.Request.Query, new FieldErrors()).Boolean(SearchParameters.Personalize) ?? true;
        if (!asked || accountId is not { } account || query.Sort != SearchSort.Relevance)
        {
            return new RankingContext { Query = query, AccountId = accountId, Personalize = false };
        }

        var profiles = http.RequestServices.GetRequiredService<UserProfileStore>();
        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        var user = await profiles.GetAsync(db, account, cancellationToken);
        return new RankingContext { Query = query, AccountId = accountId, User = user };
    }

    private static async Task<Results<Ok<List<SuggestionResponse>>, ValidationProblem>> Suggest(
        HttpContext http, ISearchEngine engine, InterpretedSuggestions interpreted, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var reader = new QueryReader(http.Request.Query, errors);
        using var span = SearchSpan.Start(
            "suggest",
            ListingKinds.TryParseSlug(http.Request.Query[SearchParameters.SuggestKind.Name], out var spanKind) ? spanKind.Slug() : "all",
            http.Request.Query[SearchParameters.SuggestText.Name]);
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
        var answer = understood.Concat(suggestions.Select(s => new SuggestionResponse(s.Text, s.Count)))
            .DistinctBy(s => VietnameseText.FoldKey(s.Text))
            .Take((int)size)
            .ToList();
        span.Answered(answer.Count);
        return TypedResults.Ok(answer);
    }

    private static async Task<Results<Ok<List<SearchHitResponse>>, ValidationProblem, ProblemHttpResult>> Related(
        string kind, long id, HttpContext http, ISearchEngine engine, AppDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!ListingKinds.TryParseSlug(kind, out var listingKind) || !ListingKinds.Get(listingKind).PubliclySearchable)
        {
            return UnknownKind(kind);
        }

        using var span = SearchSpan.Start("related", kind, null);
        span.Activity?.SetTag(SearchTelemetry.Tags.ListingId, id);
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
        span.Answered(hits.Count);
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
