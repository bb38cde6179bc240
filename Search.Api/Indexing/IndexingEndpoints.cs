using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Outbox;
using DongNai.Identity;
using DongNai.Indexers;
using DongNai.Search.Api.Parameters;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Search.Api.Indexing;

/// <summary>An outbox entry the indexer set aside after failing to apply it (see <see cref="OutboxDrainer"/>).</summary>
/// <param name="Id">The dead letter's id, for the retry.</param>
/// <param name="Kind">The listing's kind, as its slug (<c>rentals</c>, <c>jobs</c>, …).</param>
/// <param name="ListingId">The listing the entry was for.</param>
/// <param name="Version">The listing version the entry carried.</param>
/// <param name="Operation"><c>upsert</c> or <c>delete</c>.</param>
/// <param name="Attempts">How many drains tried it.</param>
/// <param name="Error">The last failure: exception type and message.</param>
/// <param name="DeadLetteredAt">When it was set aside (UTC).</param>
public sealed record DeadLetterResponse(
    long Id, string Kind, long ListingId, int Version, string Operation, int Attempts, string Error, DateTime DeadLetteredAt);

/// <summary>The dead letters, newest first, at most <see cref="IndexingEndpoints.MaxListed"/>, and how many there are in all.</summary>
public sealed record DeadLettersResponse(int Total, IReadOnlyList<DeadLetterResponse> Items);

/// <summary>Admin views of indexing: what the indexer could not apply, and a way to try it again.</summary>
public static class IndexingEndpoints
{
    public const int MaxListed = 500;

    public static void MapIndexingEndpoints(this IEndpointRouteBuilder routes)
    {
        var indexing = routes.MapGroup("/api/admin/indexing").WithTags("Admin")
            .RequireAuthorization(policy => policy.RequireRole(RoleNames.Admin));
        indexing.MapGet("/dead-letters", DeadLetters).WithName("IndexingDeadLetters")
            .WithSummary("Listings the indexer could not apply after several attempts, newest first, with the last error (admins only)")
            .AllowQuery();
        indexing.MapPost("/dead-letters/{id:long}/retry", Retry).WithName("RetryIndexingDeadLetter")
            .WithSummary("Queue a dead letter for indexing again; it leaves the list and returns there if it fails again (admins only)")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<DeadLettersResponse>> DeadLetters(AppDbContext db, CancellationToken cancellationToken)
    {
        var total = await db.IndexingDeadLetters.CountAsync(cancellationToken);
        var items = await db.IndexingDeadLetters.AsNoTracking().OrderByDescending(d => d.Id).Take(MaxListed).ToListAsync(cancellationToken);
        return TypedResults.Ok(new DeadLettersResponse(total, [.. items.Select(d => new DeadLetterResponse(
            d.Id,
            d.Kind.Slug(),
            d.ListingId,
            d.Version,
            d.Operation == OutboxOperation.Delete ? "delete" : "upsert",
            d.Attempts,
            d.Error,
            d.DeadLetteredAt))]));
    }

    /// <summary>Moves the dead letter back to the outbox with its attempts reset, in one transaction, and wakes the drain.</summary>
    private static async Task<Results<Accepted, ProblemHttpResult>> Retry(
        long id, AppDbContext db, TimeProvider time, IndexingTrigger indexing, CancellationToken cancellationToken)
    {
        var deadLetter = await db.IndexingDeadLetters.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (deadLetter is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No such dead letter.",
                detail: $"There is no indexing dead letter {id}; it may have been retried already.");
        }

        db.IndexingDeadLetters.Remove(deadLetter);
        db.Outbox.Add(new OutboxEntry
        {
            Kind = deadLetter.Kind,
            ListingId = deadLetter.ListingId,
            Version = deadLetter.Version,
            Operation = deadLetter.Operation,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        indexing.Poke();
        return TypedResults.Accepted((string?)null);
    }
}
