using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Outbox;
using DongNai.Domain.People;
using DongNai.Domain.Validation;
using DongNai.Identity;
using DongNai.Identity.Verification;
using DongNai.Indexers;
using DongNai.Search.Api.Accounts;
using DongNai.Search.Api.Hosting;
using DongNai.Search.Api.IdentityVerification;
using DongNai.Search.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Search.Api.Listings;

/// <summary>
/// Create, read, update and delete for every registered listing kind (<see cref="ListingKinds"/>), one flow for all. Each write changes
/// the row and adds an outbox entry in one transaction, so the search index can never miss it.
/// Owners alone change or delete their listings. Reads and writes send the listing's version as its
/// <c>ETag</c>; updates and deletes honour <c>If-Match</c> (<see cref="ListingVersionTag"/>).
/// </summary>
public static class ListingEndpoints
{
    public static void MapListingEndpoints(this IEndpointRouteBuilder routes)
    {
        // A kind written through its own workflow (feedback reports) has no generic routes.
        foreach (var kind in ListingKinds.WithListingRoutes)
        {
            kind.Accept(new RouteMapper(routes));
        }
    }

    /// <summary>Maps the routes of one kind with its entity and contract types.</summary>
    private sealed class RouteMapper(IEndpointRouteBuilder routes) : IListingKindVisitor<RouteGroupBuilder>
    {
        public RouteGroupBuilder Visit<TListing, TRequest, TResponse>(ListingKindDescriptor<TListing, TRequest, TResponse> kind)
            where TListing : Listing, new()
            where TRequest : IListingRequest<TListing>
            where TResponse : IListingResponse<TListing, TResponse>
        {
            var group = routes.MapGroup($"/api/{kind.Slug}").WithTags(kind.Name);

            // Passed as Delegate values: the ASP.NET route-handler analyzer (10.0.15) crashes (AD0001)
            // on method groups of a generic type; binding and OpenAPI metadata are the same either way.
            Delegate create = ListingHandlers<TListing, TRequest, TResponse>.Create;
            Delegate get = ListingHandlers<TListing, TRequest, TResponse>.Get;
            Delegate update = ListingHandlers<TListing, TRequest, TResponse>.Update;
            Delegate delete = ListingHandlers<TListing, TRequest, TResponse>.Delete;

            var creating = group.MapPost("/", create).WithName($"Create{kind.Name}").WithSummary($"Create a {kind.Name} listing")
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .AddOpenApiOperationTransformer((operation, _, _) =>
                {
                    OpenApiSecurity.DescribeForbidden(operation, $"The caller's identity is not verified while Verification:Required:{TrustedActions.Posting(kind)} is on (problem type {VerificationProblems.RequiredType}).");
                    return Task.CompletedTask;
                })
                .DocumentsETag(StatusCodes.Status201Created)
                .RequireRateLimiting(HostingExtensions.WriteRateLimit);
            if (kind.CreatorRoles.Count > 0)
            {
                creating.RequireAuthorization(policy => policy.RequireRole(kind.CreatorRoles.Select(RoleNames.Of)));
            }
            else
            {
                creating.RequireAuthorization();
            }

            group.MapGet("/{id:long}", get).WithName($"Get{kind.Name}").WithSummary($"Get a {kind.Name} listing by id")
                .DocumentsETag(StatusCodes.Status200OK);
            group.MapPut("/{id:long}", update).WithName($"Update{kind.Name}").WithSummary($"Replace a {kind.Name} listing (owner only)")
                .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
                .HonoursIfMatch().DocumentsETag(StatusCodes.Status200OK)
                .RequireAuthorization().RequireRateLimiting(HostingExtensions.WriteRateLimit);
            group.MapDelete("/{id:long}", delete).WithName($"Delete{kind.Name}").WithSummary($"Delete a {kind.Name} listing (owner only)")
                .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
                .HonoursIfMatch()
                .RequireAuthorization().RequireRateLimiting(HostingExtensions.WriteRateLimit);
            return group;
        }
    }
}

/// <summary>The handlers behind <see cref="ListingEndpoints"/>, one closed type per listing kind.</summary>
internal static class ListingHandlers<TListing, TRequest, TResponse>
    where TListing : Listing, new()
    where TRequest : IListingRequest<TListing>
    where TResponse : IListingResponse<TListing, TResponse>
{
    /// <summary>The trusted action creating a listing of this kind is (<see cref="VerificationOptions"/>).</summary>
    private static readonly ListingKindDescriptor Kind = ListingKinds.Get(new TListing().Kind);

    private static readonly string PostAction = TrustedActions.Posting(Kind);

    // The request is nullable because minimal APIs treat a body of a generic parameter type as
    // optional: an empty body or the JSON literal null arrives here as null, not as a binding error.
    public static async Task<Results<Created<TResponse>, ValidationProblem, ProblemHttpResult>> Create(
        TRequest? request, HttpContext http, AppDbContext db, TimeProvider time, IndexingTrigger indexing, OwnerHandles handles,
        VerificationGate verification, CancellationToken cancellationToken)
    {
        var callerId = http.User.Id();
        if (!await verification.AllowsAsync(PostAction, callerId, cancellationToken))
        {
            return VerificationProblems.Required(PostAction);
        }

        if (request is null)
        {
            return MissingBody();
        }

        var now = time.GetUtcNow().UtcDateTime;
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

        ListingVersionTag.Send(http, listing);
        return TypedResults.Created($"/api/{listing.Kind.Slug()}/{listing.Id}", TResponse.From(listing, await OwnerAsync(db, handles, listing.OwnerId, cancellationToken)));
    }

    public static async Task<Results<Ok<TResponse>, NotFound>> Get(
        long id, HttpContext http, AppDbContext db, OwnerHandles handles, CancellationToken cancellationToken)
    {
        var listing = await db.Set<TListing>().AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (listing is null || (!Kind.IsListed(listing) && !IsOwner(http, listing)))
        {
            // A listing that is not listed (a CV that is not discoverable) does not exist for anyone but its owner.
            return TypedResults.NotFound();
        }

        ListingVersionTag.Send(http, listing);
        return TypedResults.Ok(TResponse.From(listing, await OwnerAsync(db, handles, listing.OwnerId, cancellationToken)));
    }

    public static async Task<Results<Ok<TResponse>, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult>> Update(
        long id, TRequest? request, HttpContext http, AppDbContext db, TimeProvider time, IndexingTrigger indexing, OwnerHandles handles, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return MissingBody();
        }

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

        // RFC 9110 evaluates preconditions before the request content: a stale copy is refused
        // even when its fields are also invalid.
        if (!ListingVersionTag.Allows(http.Request, listing))
        {
            return ListingVersionTag.PreconditionFailed(listing);
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
        ListingVersionTag.Send(http, listing);
        return TypedResults.Ok(TResponse.From(listing, await OwnerAsync(db, handles, listing.OwnerId, cancellationToken)));
    }

    public static async Task<Results<NoContent, NotFound, ForbidHttpResult, ProblemHttpResult>> Delete(
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

        if (!ListingVersionTag.Allows(http.Request, listing))
        {
            return ListingVersionTag.PreconditionFailed(listing);
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

    /// <summary>The owner as listings show it: the handle, and the verified badge read from the profile.</summary>
    private static async Task<ListingOwner> OwnerAsync(AppDbContext db, OwnerHandles handles, long ownerId, CancellationToken cancellationToken) => new(
        handles.Of(ownerId),
        await db.Profiles.AnyAsync(p => p.AccountId == ownerId && p.Verification == VerificationStatus.Verified, cancellationToken));

    private static bool IsOwner(HttpContext http, Listing listing) =>
        http.User.Identity?.IsAuthenticated == true && http.User.Id() == listing.OwnerId;

    private static ValidationProblem MissingBody() =>
        TypedResults.ValidationProblem(ApiExceptionHandler.MissingBody().Errors, title: "One or more fields are invalid.");

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
