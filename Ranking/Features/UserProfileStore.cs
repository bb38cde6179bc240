using System.Collections.Concurrent;
using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.People;
using DongNai.Domain.Places;
using DongNai.Search;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Ranking.Features;

/// <summary>
/// Builds and caches each signed-in user's <see cref="UserRankingProfile"/> from their profile's
/// places and their last <see cref="RecentEvents"/> engagements (clicks, saves, contacts,
/// applications, claims), for <see cref="CacheFor"/>. Reads only <see cref="Profile.IndustrialParkCode"/>,
/// <see cref="Profile.HomeCommuneCode"/> and the user's interaction events with the listings they
/// point at; never the identity card (decision 0015). Thread-safe; a singleton. The database
/// context is the caller's (one per request).
/// </summary>
public sealed class UserProfileStore(PlaceCatalog places, TimeProvider time)
{
    public const int RecentEvents = 200;

    public const int MaxCachedUsers = 50_000;

    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<long, (UserRankingProfile Profile, DateTimeOffset LoadedAt)> _cache = new();

    /// <summary>The user's profile, from the cache when it is younger than <see cref="CacheFor"/>.</summary>
    public async Task<UserRankingProfile> GetAsync(AppDbContext db, long accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(accountId, out var cached) && now - cached.LoadedAt < CacheFor)
        {
            return cached.Profile;
        }

        var profile = await LoadAsync(db, accountId, cancellationToken);
        if (_cache.Count >= MaxCachedUsers)
        {
            _cache.Clear();
        }

        _cache[accountId] = (profile, now);
        return profile;
    }

    /// <summary>Forgets a user's cached profile (after they change their places, or erase their data).</summary>
    public void Forget(long accountId) => _cache.TryRemove(accountId, out _);

    private async Task<UserRankingProfile> LoadAsync(AppDbContext db, long accountId, CancellationToken cancellationToken)
    {
        var placesOfUser = await db.Profiles.AsNoTracking()
            .Where(p => p.AccountId == accountId)
            .Select(p => new { p.IndustrialParkCode, p.HomeCommuneCode })
            .FirstOrDefaultAsync(cancellationToken);
        GeoPoint? park = places.FindPark(placesOfUser?.IndustrialParkCode) is { } p ? new GeoPoint(p.Latitude, p.Longitude) : null;
        GeoPoint? home = places.FindCommune(placesOfUser?.HomeCommuneCode) is { } c ? new GeoPoint(c.Latitude, c.Longitude) : null;

        InteractionType[] engaging = [InteractionType.Click, InteractionType.Save, InteractionType.Contact, InteractionType.Apply, InteractionType.Claim];
        var events = await db.Interactions.AsNoTracking()
            .Where(e => e.AccountId == accountId && engaging.Contains(e.Type))
            .OrderByDescending(e => e.Id)
            .Take(RecentEvents)
            .Select(e => new { e.ListingKind, e.ListingId, e.Type })
            .ToListAsync(cancellationToken);

        var documents = new Dictionary<ListingKey, SearchDocument>();
        foreach (var group in events.GroupBy(e => e.ListingKind))
        {
            if (!ListingKinds.All.Contains(group.Key))
            {
                continue;
            }

            var descriptor = ListingKinds.Get(group.Key);
            foreach (var listing in await descriptor.LoadAsync(db, group.Select(e => e.ListingId).Distinct().ToList(), cancellationToken))
            {
                documents[new ListingKey(group.Key, listing.Id)] = descriptor.BuildDocument(listing, places);
            }
        }

        var engagements = events.Select(e =>
        {
            var document = documents.GetValueOrDefault(new ListingKey(e.ListingKind, e.ListingId));
            var field = ListingKinds.All.Contains(e.ListingKind) ? UserRankingProfile.CategoryField(e.ListingKind) : null;
            var category = document is not null && field is not null && document.Keywords.TryGetValue(field, out var values) && values.Count > 0 ? values[0] : null;
            return new Engagement(e.ListingKind, category, document?.PriceMin, EngagementWeights.Grade(e.Type));
        });
        return UserRankingProfile.Build(accountId, park, home, engagements);
    }
}
