using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Outbox;
using DongNai.Domain.Validation;
using DongNai.Identity;
using DongNai.Indexers;
using DongNai.Search.Api.Accounts;
using DongNai.Search.Api.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Search.Api.Listings;

/// <summary>
/// Create, read, update and delete for every listing kind, one flow for all five. Each write changes
/// the row and adds an outbox entry in one transaction, so the search index can never miss it.
/// Owners alone change or delete their listings.
/// </summary>
public static class ListingEndpoints
{
    public static void MapListingEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapListingKind<JobPosting, JobRequest, JobResponse>(ListingKind.Job, RoleNames.Employer, RoleNames.Admin);
        routes.MapListingKind<Rental, RentalRequest, RentalResponse>(ListingKind.Rental);
        routes.MapListingKind<Classified, ClassifiedRequest, ClassifiedResponse>(ListingKind.Classified);
        routes.MapListingKind<Voucher, VoucherRequest, VoucherResponse>(ListingKind.Voucher, RoleNames.Employer, RoleNames.Admin);
        routes.MapListingKind<BusRoute, BusRouteRequest, BusRouteResponse>(ListingKind.BusRoute, RoleNames.AgencyStaff, RoleNames.Admin);
    }

    /// <summary>Maps the routes of one kind; <paramref name="creatorRoles"/> may create it (none: any signed-in account).</summary>
    private static void MapListingKind<TListing, TRequest, TResponse>(this IEndpointRouteBuilder routes, ListingKind kind, params string[] creatorRoles)
        where TListing : Listing, new()
        where TRequest : IListingRequest<TListing>
        where TResponse : IListingResponse<TListing, TResponse>
    {
        var slug = kind.Slug();
        var group = routes.MapGroup($"/api/{slug}").WithTags(kind.ToString());

        // Passed as Delegate values: the ASP.NET route-handler analyzer (10.0.15) crashes (AD0001)
        // on method groups of a generic type; binding and OpenAPI metadata are the same either way.
        Delegate create = ListingHandlers<TListing, TRequest, TResponse>.Create;
        Delegate get = ListingHandlers<TListing, TRequest, TResponse>.Get;
        Delegate update = ListingHandlers<TListing, TRequest, TResponse>.Update;
        Delegate delete = ListingHandlers<TListing, TRequest, TResponse>.Delete;

        var creating = group.MapPost("/", create).WithName($"Create{kind}").WithSummary($"Create a {kind} listing")
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        if (creatorRoles.Length > 0)
        {
            creating.RequireAuthorization(policy => policy.RequireRole(creatorRoles));
        }
        else
        {
            creating.RequireAuthorization();
        }

        group.MapGet("/{id:long}", get).WithName($"Get{kind}").WithSummary($"Get a {kind} listing by id");
        group.MapPut("/{id:long}", update).WithName($"Update{kind}").WithSummary($"Replace a {kind} listing (owner only)")
            .RequireAuthorization().RequireRateLimiting(HostingExtensions.WriteRateLimit);
        group.MapDelete("/{id:long}", delete).WithName($"Delete{kind}").WithSummary($"Delete a {kind} listing (owner only)")
            .RequireAuthorization().RequireRateLimiting(HostingExtensions.WriteRateLimit);
    }
}

/// <summary>The handlers behind <see cref="ListingEndpoints"/>, one closed type per listing kind.</summary>
internal static class ListingHandlers<TListing, TRequest, TResponse>
    where TListing : Listing, new()
    where TRequest : IListingRequest<TListing>
    where TResponse : IListingResponse<TListing, TResponse>
{
    public static async Task<Results<Created<TResponse>, ValidationProblem>> Create(
        TRequest request, HttpContext http, AppDbContext db, TimeProvider time, IndexingTrigger indexing, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var callerId = http.User.Id();
        var errors = await ValidateAsync(request, db, callerId, now, cancellationToken);
        if (!errors.IsEmpty)
        {
            return Invalid(errors);
        }

        var listing = new TListing { OwnerId = callerId, CreatedAt = now, UpdatedAt = now, Version = 1 };
        request.ApplyTo(listing, now, isNew: true);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Set<TListing>().Add(listing);
        await db.SaveChangesAsync(cancellationToken);
        db.Outbox.Add(OutboxFor(listing, OutboxOperation.Upsert, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        indexing.Poke();

        return TypedResults.Created($"/api/{listing.Kind.Slug()}/{listing.Id}", TResponse.From(listing));
    }

    public static async Task<Results<Ok<TResponse>, NotFound>> Get(
        long id, AppDbContext db, CancellationToken cancellationToken)
    {
        var listing = await db.Set<TListing>().AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        return listing is null ? TypedResults.NotFound() : TypedResults.Ok(TResponse.From(listing));
    }

    public static async Task<Results<Ok<TResponse>, ValidationProblem, NotFound, ForbidHttpResult>> Update(
        long id, TRequest request, HttpContext http, AppDbContext db, TimeProvider time, IndexingTrigger indexing, CancellationToken cancellationToken)
    {
        var listing = await db.Set<TListing>().SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (listing is null)
        {
            return TypedResults.NotFound();
        }

        var callerId = http.User.Id();
        if (listing.OwnerId != callerId)
        {
            return TypedResults.Forbid();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var errors = await ValidateAsync(request, db, callerId, now, cancellationToken);
        if (!errors.IsEmpty)
        {
            return Invalid(errors);
        }

        request.ApplyTo(listing, now, isNew: false);
        listing.UpdatedAt = now;
        listing.Version++;
        db.Outbox.Add(OutboxFor(listing, OutboxOperation.Upsert, now));
        await db.SaveChangesAsync(cancellationToken);
        indexing.Poke();
        return TypedResults.Ok(TResponse.From(listing));
    }

    public static async Task<Results<NoContent, NotFound, ForbidHttpResult>> Delete(
        long id, HttpContext http, AppDbContext db, TimeProvider time, IndexingTrigger indexing, CancellationToken cancellationToken)
    {
        var listing = await db.Set<TListing>().SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (listing is null)
        {
            return TypedResults.NotFound();
        }

        if (listing.OwnerId != http.User.Id())
        {
            return TypedResults.Forbid();
        }

        db.Set<TListing>().Remove(listing);
        var tombstone = OutboxFor(listing, OutboxOperation.Delete, time.GetUtcNow().UtcDateTime);
        tombstone.Version = listing.Version + 1;
        db.Outbox.Add(tombstone);
        await db.SaveChangesAsync(cancellationToken);
        indexing.Poke();
        return TypedResults.NoContent();
    }

    private static async Task<FieldErrors> ValidateAsync(
        TRequest request, AppDbContext db, long callerId, DateTime now, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        request.Validate(errors, now);
        if (errors.IsEmpty)
        {
            await request.CheckReferencesAsync(db, callerId, errors, cancellationToken);
        }

        return errors;
    }

    private static ValidationProblem Invalid(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more fields are invalid.");

    private static OutboxEntry OutboxFor(Listing listing, OutboxOperation operation, DateTime now) => new()
    {
        Kind = listing.Kind,
        ListingId = listing.Id,
        Version = listing.Version,
        Operation = operation,
        CreatedAt = now,
    };
}
