using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.People;
using DongNai.Ranking.Features;
using DongNai.Search;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Ranking.Learning;

/// <summary>
/// Builds the training set from the stored interaction events: the signed-in requests since a
/// given instant whose impressions carry a position, each replayed through the engine (the logged
/// query text, the kind when all its listings are of one kind, relevance, the request's instant)
/// to get the window the features are computed from, with the user's current ranking profile.
/// A replay is an approximation of what was shown (filters and places of the request are not
/// logged, and the index has moved on); listings that are no longer in the window are left out.
/// </summary>
public sealed class EventReplay(ISearchEngine engine, UserProfileStore profiles, FeatureExtractor features)
{
    /// <summary>The most requests one training reads (the newest).</summary>
    public const int MaxRequests = 20_000;

    public async Task<List<LoggedGroup>> BuildAsync(AppDbContext db, DateTime since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var requestIds = await db.Interactions.AsNoTracking()
            .Where(e => e.AccountId != null && e.RequestId != null && e.OccurredAt >= since && e.Type != InteractionType.Impression && e.Type != InteractionType.View)
            .Select(e => e.RequestId!)
            .Distinct()
            .Take(MaxRequests)
            .ToListAsync(cancellationToken);
        var groups = new List<LoggedGroup>();
        foreach (var chunk in requestIds.Chunk(500))
        {
            var events = await db.Interactions.AsNoTracking().Where(e => chunk.Contains(e.RequestId!)).ToListAsync(cancellationToken);
            foreach (var request in events.GroupBy(e => e.RequestId!))
            {
                var first = request.OrderBy(e => e.OccurredAt).First();
                var kinds = request.Select(e => e.ListingKind).Distinct().ToList();
                var query = new SearchQuery
                {
                    Kind = kinds.Count == 1 && ListingKinds.All.Contains(kinds[0]) ? kinds[0] : null,
                    Text = first.Query,
                    Size = RankingOptions.DefaultWindowSize,
                    Now = first.OccurredAt,
                    ScoringNow = first.OccurredAt,
                    Highlight = false,
                    Facets = kinds.Count == 1 && ListingKinds.All.Contains(kinds[0]) && UserRankingProfile.CategoryField(kinds[0]) is { } field ? [field] : [],
                };
                var window = (await engine.SearchAsync(query, cancellationToken)).Hits;
                var user = await profiles.GetAsync(db, first.AccountId!.Value, cancellationToken);
                var context = new RankingContext { Query = query, AccountId = first.AccountId, User = user };
                var built = TrainingSetBuilder.Build(request, _ => new RequestWindow(context, window), features);
                groups.AddRange(built.Select(g => new LoggedGroup(first.OccurredAt, g)));
            }
        }

        return groups;
    }
}
