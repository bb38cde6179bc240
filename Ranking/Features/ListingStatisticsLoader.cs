using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.People;
using DongNai.Search;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Ranking.Features;

/// <summary>
/// Builds <see cref="ListingStatistics"/> from the database, as the simulator builds it from its
/// events, so the features the service scores with are the ones the model was trained on: the
/// listings whose owner's identity is verified, and each listing's impressions of the last
/// <see cref="ImpressionWindow"/> weighted by <see cref="PositionBias.Examination"/> of the position
/// they were shown at. Two aggregate reads per kind and one over the events (grouped by listing and
/// position in SQL); nothing is tracked.
/// </summary>
public static class ListingStatisticsLoader
{
    /// <summary>How far back impressions count.</summary>
    public static readonly TimeSpan ImpressionWindow = TimeSpan.FromDays(90);

    public static async Task<ListingStatistics> LoadAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var verified = new List<ListingKey>();
        foreach (var kind in ListingKinds.All)
        {
            var ids = await ListingKinds.Get(kind).Accept(new VerifiedOwnerListings(db, cancellationToken));
            verified.AddRange(ids.Select(id => new ListingKey(kind, id)));
        }

        var since = now - ImpressionWindow;
        var impressions = await db.Interactions.AsNoTracking()
            .Where(e => e.Type == InteractionType.Impression && e.OccurredAt > since && e.OccurredAt <= now)
            .GroupBy(e => new { e.ListingKind, e.ListingId, e.Position })
            .Select(g => new { g.Key.ListingKind, g.Key.ListingId, g.Key.Position, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var examinations = new Dictionary<ListingKey, float>();
        foreach (var row in impressions)
        {
            var key = new ListingKey(row.ListingKind, row.ListingId);
            examinations[key] = examinations.GetValueOrDefault(key) + (float)(row.Count * PositionBias.Examination(row.Position ?? -1));
        }

        return new ListingStatistics(verified, examinations);
    }

    /// <summary>Ids of the listings of one kind whose owner's identity is verified, through the kind's own entity.</summary>
    private sealed class VerifiedOwnerListings(AppDbContext db, CancellationToken cancellationToken) : IListingKindVisitor<Task<List<long>>>
    {
        public Task<List<long>> Visit<TListing, TRequest, TResponse>(ListingKindDescriptor<TListing, TRequest, TResponse> kind)
            where TListing : Listing, new()
            where TRequest : IListingRequest<TListing>
            where TResponse : IListingResponse<TListing, TResponse> =>
            (from listing in db.Set<TListing>().AsNoTracking()
             join profile in db.Profiles.AsNoTracking() on listing.OwnerId equals profile.AccountId
             where profile.Verification == VerificationStatus.Verified
             select listing.Id).ToListAsync(cancellationToken);
    }
}
