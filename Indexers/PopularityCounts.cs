using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Indexers;

/// <summary>
/// Reads <see cref="ListingPopularity"/> from the stored interaction events, one grouped query at a
/// time (by listing and event type), for the documents the indexers build. Stateless and
/// thread-safe; the context it is given is not.
/// </summary>
public static class PopularityCounts
{
    /// <summary>The counts of these listings of <paramref name="kind"/>; a listing without events is absent.</summary>
    public static async Task<Dictionary<long, ListingPopularity>> OfAsync(
        AppDbContext db, ListingKind kind, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        return await CountAsync(db.Interactions.Where(e => e.ListingKind == kind && ids.Contains(e.ListingId)), cancellationToken);
    }

    /// <summary>The counts of every listing of <paramref name="kind"/> that has events, for a rebuild.</summary>
    public static Task<Dictionary<long, ListingPopularity>> OfKindAsync(
        AppDbContext db, ListingKind kind, CancellationToken cancellationToken) =>
        CountAsync(db.Interactions.Where(e => e.ListingKind == kind), cancellationToken);

    /// <summary>The document with its counts, or with none when the listing has no events.</summary>
    public static SearchDocument WithPopularity(this SearchDocument document, Dictionary<long, ListingPopularity> counts) =>
        counts.TryGetValue(document.Id, out var popularity) ? document with { Popularity = popularity } : document;

    /// <summary>One grouped query (listing, event type) over <paramref name="events"/>, folded per listing.</summary>
    private static async Task<Dictionary<long, ListingPopularity>> CountAsync(IQueryable<InteractionEvent> events, CancellationToken cancellationToken)
    {
        var groups = await events
            .GroupBy(e => new { e.ListingId, e.Type })
            .Select(g => new Group(g.Key.ListingId, g.Key.Type, g.Count()))
            .ToListAsync(cancellationToken);
        var counts = new Dictionary<long, ListingPopularity>();
        foreach (var group in groups)
        {
            counts[group.ListingId] = counts.GetValueOrDefault(group.ListingId, ListingPopularity.None).Add(group.Type, group.Count);
        }

        return counts;
    }

    private sealed record Group(long ListingId, InteractionType Type, int Count);
}
