using System.Text.Json.Serialization;
using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.People;
using DongNai.Domain.Places;
using DongNai.Domain.Validation;
using DongNai.Ranking.Feed;
using DongNai.Search.Api.Accounts;
using DongNai.Search.Api.Hosting;
using DongNai.Search.Api.Parameters;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Search.Api.Feed;

/// <summary>
/// One feed item as the API shows it: the listing, its distance from the place named in
/// <see cref="DistanceFrom"/>, the money field as its kind names it, and why it is shown.
/// </summary>
public sealed record FeedItemResponse(
    string Kind,
    long Id,
    string Title,
    double DistanceKm,
    string DistanceFrom,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? SalaryMinVnd,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? SalaryMaxVnd,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? PriceVnd,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? FareVnd,
    IReadOnlyList<string> Reasons,
    bool Exploration)
{
    public static FeedItemResponse From(FeedItem item)
    {
        var hit = item.Hit;
        var money = ListingKinds.Get(hit.Kind).Search.Money;
        return new(
            hit.Kind.Slug(),
            hit.Id,
            hit.Title,
            Math.Round(item.DistanceKm, 3),
            item.From.Name,
            money == MoneyField.Salary ? hit.PriceMin : null,
            money == MoneyField.Salary ? hit.PriceMax : null,
            money == MoneyField.Price ? hit.PriceMin : null,
            money == MoneyField.Fare ? hit.PriceMin : null,
            item.Reasons,
            item.Exploration);
    }
}

/// <summary>
/// One page of the home feed. <see cref="RequestId"/> is new on every request, for impressions and
/// clicks; positions of later pages continue from the earlier ones. <see cref="ColdStart"/>: the
/// person has no interactions yet, so the page leans on what people near their park engage with.
/// </summary>
public sealed record FeedResponse(IReadOnlyList<FeedItemResponse> Items, string? NextCursor, string RequestId, bool ColdStart);

/// <summary>
/// The personalised home feed (<c>GET /api/feed</c>) and dismissing an item from it. Signed in, the
/// feed is built around the profile's industrial park and home commune; anonymous (or to look
/// elsewhere), around <c>near</c> or <c>lat</c>/<c>lon</c>. See docs/feed.md.
/// </summary>
public static class FeedEndpoints
{
    /// <summary>The name reasons give a point given as lat/lon: "Cách bạn 1,2 km".</summary>
    private const string YourPosition = "bạn";

    public static void MapFeedEndpoints(this IEndpointRouteBuilder routes)
    {
        var feed = routes.MapGroup("/api/feed").WithTags("Feed");
        feed.MapGet("", GetFeed).WithName("HomeFeed")
            .WithSummary("Personalised home feed of every kind near the person's park and home, or near a place; each item says why it is shown")
            .WithParameters(FeedParameters.Feed)
            .RequireRateLimiting(HostingExtensions.SearchRateLimit);
        feed.MapPost("/{kind}/{id:long}/dismiss", Dismiss).WithName("DismissFeedItem")
            .WithSummary("Never show this listing in the signed-in person's feed again (idempotent)")
            .AllowQuery(FeedParameters.DismissKind)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization()
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
    }

    private static async Task<Results<Ok<FeedResponse>, ValidationProblem>> GetFeed(
        HttpContext http, HomeFeed feed, AppDbContext db, PlaceCatalog places, FeedOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var reader = new QueryReader(http.Request.Query, errors);
        if (!reader.RejectUnknown(FeedParameters.Feed))
        {
            return Invalid(errors);
        }

        var near = reader.Text(FeedParameters.Near);
        var latitude = reader.Number(FeedParameters.Latitude);
        var longitude = reader.Number(FeedParameters.Longitude);
        errors.When(latitude.HasValue != longitude.HasValue, latitude.HasValue ? "lon" : "lat", "Give lat and lon together.");
        errors.When(near is not null && latitude.HasValue, "near", "Give either near or lat/lon, not both.");
        var kinds = reader.List(FeedParameters.Kinds).Select(slug => ListingKinds.TryParseSlug(slug, out var kind) ? kind : default).ToList();
        var budget = reader.WholeNumber(FeedParameters.RentBudget);
        var salary = reader.WholeNumber(FeedParameters.SalaryFloor);
        var size = reader.WholeNumber(FeedParameters.Size) ?? 20;
        var cursor = reader.Text(FeedParameters.Cursor);

        ResolvedPlace? place = null;
        if (near is not null && errors.IsEmpty)
        {
            place = places.ResolvePlace(near);
            errors.When(place is null, "near", "Unknown place: give an industrial park (amata, KCN Amata), a commune or ward, or a town.");
        }

        if (!errors.IsEmpty)
        {
            return Invalid(errors);
        }

        var accountId = http.User.Identity?.IsAuthenticated == true ? http.User.Id() : (long?)null;
        var profile = accountId is { } me ? await db.Profiles.AsNoTracking().FirstOrDefaultAsync(p => p.AccountId == me, cancellationToken) : null;
        var profilePark = places.FindPark(profile?.IndustrialParkCode);
        var anchors = new List<FeedAnchor>();
        if (place is not null)
        {
            anchors.Add(new FeedAnchor(place.Name, place.Latitude, place.Longitude));
        }
        else if (latitude is { } lat && longitude is { } lon)
        {
            anchors.Add(new FeedAnchor(YourPosition, lat, lon));
        }
        else
        {
            if (profilePark is not null)
            {
                anchors.Add(new FeedAnchor(profilePark.Name, profilePark.Latitude, profilePark.Longitude));
            }

            if (places.FindCommune(profile?.HomeCommuneCode) is { } home)
            {
                anchors.Add(new FeedAnchor(home.Name, home.Latitude, home.Longitude));
            }
        }

        if (anchors.Count == 0)
        {
            errors.Add("near", accountId is null
                ? "Required for an anonymous feed: give near (a park, commune or town) or lat and lon."
                : "Your profile names no industrial park or home commune: set one (PUT /api/accounts/me/profile), or give near or lat and lon.");
            return Invalid(errors);
        }

        var request = new FeedRequest
        {
            AccountId = accountId,
            Anchors = anchors,
            Park = InterestPark(profilePark, place, anchors[0], places, options),
            RentBudgetVnd = budget,
            SalaryFloorVnd = salary,
            Kinds = kinds,
            Size = (int)size,
            Cursor = cursor,
            Now = time.GetUtcNow().UtcDateTime,
        };

        FeedPage page;
        try
        {
            page = await feed.PageAsync(request, cancellationToken);
        }
        catch (Search.InvalidCursorException)
        {
            errors.Add("cursor", "Malformed cursor, or one issued to another person or for other feed parameters. Start again without it.");
            return Invalid(errors);
        }

        return TypedResults.Ok(new FeedResponse(
            page.Items.Select(FeedItemResponse.From).ToList(),
            page.NextCursor,
            Guid.NewGuid().ToString("N"),
            page.ColdStart));
    }

    /// <summary>
    /// Whose interest counts: the people of the profile's park; else of the park the place names;
    /// else of the park nearest the feed's centre, when one lies within the feed's radius.
    /// </summary>
    private static FeedPark? InterestPark(IndustrialPark? profilePark, ResolvedPlace? place, FeedAnchor centre, PlaceCatalog places, FeedOptions options)
    {
        var park = profilePark
            ?? (place is { Kind: PlaceKind.IndustrialPark } ? places.FindPark(place.Code) : null);
        if (park is null)
        {
            var nearest = places.NearestPark(centre.Latitude, centre.Longitude);
            park = GeoMath.HaversineKm(centre.Latitude, centre.Longitude, nearest.Latitude, nearest.Longitude) <= options.RadiusKm ? nearest : null;
        }

        return park is null ? null : new FeedPark(park.Code, park.Name);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Dismiss(
        string kind, long id, HttpContext http, AppDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!ListingKinds.TryParseSlug(kind, out var listingKind))
        {
            var errors = new FieldErrors();
            errors.Add("kind", $"'{kind}' is not a kind of listing. Use one of: {ListingKinds.SlugList}.");
            return Invalid(errors);
        }

        if (!await ListingKinds.Get(listingKind).ExistsAsync(db, id, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such listing.");
        }

        var accountId = http.User.Id();
        if (await db.FeedDismissals.AnyAsync(d => d.AccountId == accountId && d.ListingKind == listingKind && d.ListingId == id, cancellationToken))
        {
            return TypedResults.NoContent();
        }

        db.FeedDismissals.Add(new FeedDismissal { AccountId = accountId, ListingKind = listingKind, ListingId = id, DismissedAt = time.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same dismissal may have arrived twice at once, and the other request stored it.
            db.ChangeTracker.Clear();
            if (!await db.FeedDismissals.AnyAsync(d => d.AccountId == accountId && d.ListingKind == listingKind && d.ListingId == id, cancellationToken))
            {
                throw;
            }
        }

        return TypedResults.NoContent();
    }

    private static ValidationProblem Invalid(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more parameters are invalid.");
}
