using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Listings.Cvs;
using DongNai.Domain.People;
using DongNai.Domain.Places;
using DongNai.Domain.Text;
using DongNai.Ranking.Features;
using DongNai.Search;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Ranking.Feed;

/// <summary>
/// The personalised home feed: candidates of every kind near the person's anchors (work park,
/// home) and what people near their park engage with, scored by the registered <see cref="IRanker"/>,
/// lifted for freshness and local interest, then blended by <see cref="FeedBlender"/> for variety
/// and exploration, each item with its reasons. See docs/feed.md.
/// </summary>
/// <remarks>
/// <para>
/// Stateless between pages: every page gathers and scores the candidates again, as of the first
/// page's instant (carried in the cursor), and leaves out every listing the cursor says was shown
/// and every listing the person dismissed. Paging therefore never repeats an item, whatever is
/// written between pages; a listing written meanwhile may appear on a later page.
/// </para>
/// <para>Scoped (one database context per request); the engine, ranker and codec it uses are singletons.</para>
/// </remarks>
public sealed class HomeFeed(AppDbContext db, ISearchEngine engine, IRanker ranker, UserProfileStore profiles, FeedCursorCodec cursors, FeedOptions options)
{
    /// <summary>
    /// What the interest of the park's people adds at most (3 or more people) for a person with no
    /// events: as much as the ranker's whole range, so what colleagues engage with leads.
    /// </summary>
    private const double ColdStartInterestWeight = 1.0;

    /// <summary>The same for a person with events, whose own order (the ranker's) leads.</summary>
    private const double InterestWeight = 0.25;

    /// <summary>One page of the feed.</summary>
    /// <exception cref="InvalidCursorException">The cursor was not issued by this service for this person and these parameters.</exception>
    /// <exception cref="ArgumentException">A value of the request is out of range.</exception>
    public async Task<FeedPage> PageAsync(FeedRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Anchors.Count is < 1 or > 2)
        {
            throw new ArgumentException("A feed has one or two anchors.", nameof(request));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(request.Size, 1, nameof(request.Size));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Size, SearchQuery.MaxSize, nameof(request.Size));

        var scope = Scope(request);
        FeedCursor cursor;
        if (request.Cursor is null)
        {
            cursor = new FeedCursor(scope, UnixMilliseconds(request.Now), BlendState.Start, []);
        }
        else
        {
            cursor = cursors.Decode(request.Cursor, scope)
                ?? throw new InvalidCursorException("The cursor is malformed, or was issued for another person or other feed parameters.");
        }

        var size = Math.Min(request.Size, FeedCursorCodec.MaxShown - cursor.Shown.Count);
        if (size <= 0)
        {
            return new FeedPage([], null, ColdStart: false);
        }

        // The person's CVs: their skills for the skill reason, and their salary expectation when the
        // request gives none. Read after the cursor's scope is fixed, so editing a CV between pages
        // changes the candidates of later pages (never repeating an item) rather than voiding the cursor.
        var cvs = await CvFactsAsync(request.AccountId, cancellationToken);
        if (request.SalaryFloorVnd is null && cvs.SalaryExpectationVnd is { } expected)
        {
            request = request with { SalaryFloorVnd = expected };
        }

        var scoringNow = DateTime.UnixEpoch.AddTicks(cursor.ScoringNowMs * TimeSpan.TicksPerMillisecond);
        var kinds = request.Kinds.Count == 0 ? ListingKinds.All : ListingKinds.All.Where(request.Kinds.Contains).ToList();
        var coldStart = request.AccountId is not { } me
            || !await db.Interactions.AnyAsync(e => e.AccountId == me && e.Type != InteractionType.Impression && e.OccurredAt <= scoringNow, cancellationToken);
        var interest = await InterestNearParkAsync(request, scoringNow, cancellationToken);

        var hits = await CandidatesAsync(request, kinds, interest, scoringNow, cancellationToken);
        var excluded = new HashSet<uint>(cursor.Shown);
        foreach (var key in await DismissedAsync(request.AccountId, cancellationToken))
        {
            excluded.Add(FeedCursor.Fingerprint(key.Kind, key.Id));
        }

        hits.RemoveAll(hit => excluded.Contains(FeedCursor.Fingerprint(hit.Kind, hit.Id))
            || hit.Signals.AgeDays > (ListingKinds.Get(hit.Kind).Search.FeedMaxAgeDays ?? double.PositiveInfinity));
        var facts = await FactsAsync(hits, cancellationToken);
        hits.RemoveAll(hit => !facts.ContainsKey(new ListingKey(hit.Kind, hit.Id)));

        var primary = request.Anchors[0];
        var placed = hits.ConvertAll(hit =>
        {
            var fact = facts[new ListingKey(hit.Kind, hit.Id)];
            var toPrimary = GeoMath.HaversineKm(primary.Latitude, primary.Longitude, fact.Latitude, fact.Longitude);
            var (from, km) = request.Anchors
                .Select(anchor => (Anchor: anchor, Km: GeoMath.HaversineKm(anchor.Latitude, anchor.Longitude, fact.Latitude, fact.Longitude)))
                .MinBy(pair => pair.Km);
            return new Placed(hit with { DistanceKm = toPrimary, Signals = hit.Signals with { DistanceKm = toPrimary } }, fact.OwnerId, from, km);
        });

        // The ranker sees the candidates in engine order, as from one search around the primary anchor.
        placed.Sort((a, b) => EngineOrder(a.Hit, b.Hit));
        // What ranking knows of a signed-in person (places, recent tastes), as a personalised search
        // gets it; without it a personalising ranker gives the engine's order.
        var user = request.AccountId is { } asker ? await profiles.GetAsync(db, asker, cancellationToken) : null;
        var scores = Score(request, user, primary, scoringNow, placed);

        var seed = FeedHash.Combine(request.AccountId is { } account ? (ulong)account : scope, (ulong)(cursor.ScoringNowMs / TimeSpan.FromDays(1).TotalMilliseconds));
        var candidates = new List<FeedCandidate>(placed.Count);
        for (var i = 0; i < placed.Count; i++)
        {
            var (hit, owner, _, _) = placed[i];
            var people = interest.GetValueOrDefault(new ListingKey(hit.Kind, hit.Id));
            var score = scores[i]
                + (0.15 * Math.Exp(-Math.Max(0, hit.Signals.AgeDays) / ListingKinds.Get(hit.Kind).Search.FeedFreshnessDays))
                + ((coldStart ? ColdStartInterestWeight : InterestWeight) * Math.Min(1, people / 3.0));
            var explorable = hit.Signals.AgeDays <= options.ExplorationMaxAgeDays && hit.Signals.Popularity.Impressions < options.ExplorationMaxImpressions;
            candidates.Add(new FeedCandidate(hit.Kind, hit.Id, owner, score, explorable, FeedHash.Combine(seed, (ulong)hit.Kind, (ulong)hit.Id)));
        }

        var (page, next) = FeedBlender.Blend(candidates, cursor.State, options.Rules, size);
        var byKey = placed.ToDictionary(p => new ListingKey(p.Hit.Kind, p.Hit.Id));
        var items = page.Select(item =>
        {
            var entry = byKey[new ListingKey(item.Candidate.Kind, item.Candidate.Id)];
            var reasons = Reasons(request, entry, interest.GetValueOrDefault(new ListingKey(entry.Hit.Kind, entry.Hit.Id)), cvs.Skills);
            return new FeedItem(entry.Hit with { DistanceKm = entry.Km }, entry.Km, entry.From, reasons, item.Exploration);
        }).ToList();

        var shown = cursor.Shown.Concat(items.Select(item => FeedCursor.Fingerprint(item.Hit.Kind, item.Hit.Id))).ToList();
        var more = items.Count == size && candidates.Count > items.Count && shown.Count < FeedCursorCodec.MaxShown;
        return new FeedPage(items, more ? cursors.Encode(cursor with { State = next, Shown = shown }) : null, coldStart);
    }

    /// <summary>Percentile of each candidate in the ranker's order (1 best, towards 0 worst), so any ranker's scale fits the feed's other terms.</summary>
    private double[] Score(FeedRequest request, UserRankingProfile? user, FeedAnchor primary, DateTime scoringNow, List<Placed> placed)
    {
        var hits = placed.ConvertAll(p => p.Hit);
        var context = new RankingContext
        {
            AccountId = request.AccountId,
            User = user,
            Query = new SearchQuery
            {
                Geo = new GeoRadius(primary.Point, options.RadiusKm),
                ReferencePoint = primary.Point,
                Size = SearchQuery.MaxSize,
                Now = scoringNow,
                ScoringNow = scoringNow,
                Highlight = false,
            },
        };
        IReadOnlyList<double> raw = hits.Count == 0 ? [] : ranker.Score(context, hits);
        if (raw.Count != hits.Count || raw.Any(score => !double.IsFinite(score)))
        {
            throw new InvalidOperationException($"The ranker {ranker.GetType().Name} gave {raw.Count} scores (or a non-finite one) for {hits.Count} candidates.");
        }

        var order = Enumerable.Range(0, hits.Count)
            .OrderByDescending(i => raw[i])
            .ThenBy(i => (int)hits[i].Kind)
            .ThenBy(i => hits[i].Id)
            .ToList();
        var percentile = new double[hits.Count];
        for (var rank = 0; rank < order.Count; rank++)
        {
            percentile[order[rank]] = 1 - ((double)rank / order.Count);
        }

        return percentile;
    }

    private async Task<List<SearchHit>> CandidatesAsync(
        FeedRequest request, IReadOnlyList<ListingKind> kinds, IReadOnlyDictionary<ListingKey, int> interest, DateTime scoringNow, CancellationToken cancellationToken)
    {
        var queries = new List<SearchQuery>();
        foreach (var anchor in request.Anchors)
        {
            foreach (var kind in kinds)
            {
                queries.Add(MatchingProfile(request, kind, new SearchQuery
                {
                    Kind = kind,
                    Geo = new GeoRadius(anchor.Point, options.NearRadiusKm),
                    ReferencePoint = anchor.Point,
                    Size = options.CandidatesPerKind,
                    // A kind that leaves the feed with age (news) fills its slots with the newest
                    // near the anchor, so articles past the limit do not take the places of fresh ones.
                    Sort = ListingKinds.Get(kind).Search.FeedMaxAgeDays is null ? SearchSort.Relevance : SearchSort.Newest,
                    Now = request.Now,
                    ScoringNow = scoringNow,
                    Highlight = false,
                    // The ranker reads each candidate's category (the person's category affinity).
                    HitKeywords = UserRankingProfile.CategoryFields([kind]),
                }));
            }
        }

        var interesting = interest.Keys.Where(key => kinds.Contains(key.Kind)).ToList();
        if (interesting.Count > 0)
        {
            queries.Add(new SearchQuery
            {
                Listings = interesting,
                ReferencePoint = request.Anchors[0].Point,
                Size = interesting.Count,
                Now = request.Now,
                ScoringNow = scoringNow,
                Highlight = false,
                HitKeywords = UserRankingProfile.CategoryFields(interesting.Select(key => key.Kind)),
            });
        }

        // The near circle first; a kind with too few there is looked for again in the whole radius.
        // One after another: an in-process engine answers on the caller's thread, and spreading
        // the queries over the two cores measured slower (docs/benchmarks.md).
        var results = new List<SearchResult>(queries.Count);
        foreach (var query in queries)
        {
            var result = await engine.SearchAsync(query, cancellationToken);
            if (query.Geo is GeoRadius near && near.Km < options.RadiusKm && result.Hits.Count < query.Size)
            {
                result = await engine.SearchAsync(query with { Geo = near with { Km = options.RadiusKm } }, cancellationToken);
            }

            results.Add(result);
        }
        var seen = new HashSet<ListingKey>();
        return results.SelectMany(result => result.Hits).Where(hit => seen.Add(new ListingKey(hit.Kind, hit.Id))).ToList();
    }

    /// <summary>The known budget and salary narrow the kinds they concern: rent up to a quarter over budget, salaries reaching 80 % of the floor.</summary>
    private static SearchQuery MatchingProfile(FeedRequest request, ListingKind kind, SearchQuery query)
    {
        if (kind == ListingKind.Rental && request.RentBudgetVnd is { } budget)
        {
            query = query with { MaxPrice = budget > long.MaxValue - (budget / 4) ? long.MaxValue : budget + (budget / 4) };
        }

        if (ListingKinds.Get(kind).Search.Money == MoneyField.Salary && request.SalaryFloorVnd is { } floor)
        {
            query = query with { MinPrice = floor - (floor / 5) };
        }

        return query;
    }

    /// <summary>Distinct people whose profile names the park and who clicked, saved, applied, claimed or contacted each listing within the window before the scoring instant.</summary>
    private async Task<Dictionary<ListingKey, int>> InterestNearParkAsync(FeedRequest request, DateTime scoringNow, CancellationToken cancellationToken)
    {
        if (request.Park is not { } park)
        {
            return [];
        }

        var since = scoringNow - options.InterestWindow;
        var me = request.AccountId ?? 0;
        var rows = await (
                from e in db.Interactions
                join p in db.Profiles on e.AccountId equals (long?)p.AccountId
                where p.IndustrialParkCode == park.Code
                    && e.AccountId != me
                    && e.Type != InteractionType.Impression
                    && e.OccurredAt > since
                    && e.OccurredAt <= scoringNow
                group e by new { e.ListingKind, e.ListingId } into listing
                select new { listing.Key.ListingKind, listing.Key.ListingId, People = listing.Select(x => x.AccountId).Distinct().Count() })
            .OrderByDescending(x => x.People).ThenBy(x => x.ListingKind).ThenBy(x => x.ListingId)
            .Take(options.InterestCandidates)
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(row => new ListingKey(row.ListingKind, row.ListingId), row => row.People);
    }

    private async Task<List<ListingKey>> DismissedAsync(long? accountId, CancellationToken cancellationToken)
    {
        if (accountId is not { } me)
        {
            return [];
        }

        var rows = await db.FeedDismissals.AsNoTracking().Where(d => d.AccountId == me)
            .Select(d => new { d.ListingKind, d.ListingId }).ToListAsync(cancellationToken);
        return rows.ConvertAll(row => new ListingKey(row.ListingKind, row.ListingId));
    }

    /// <summary>Owner and point of each candidate that still exists in the database (the index may lag a delete).</summary>
    private async Task<Dictionary<ListingKey, ListingFacts>> FactsAsync(List<SearchHit> hits, CancellationToken cancellationToken)
    {
        var facts = new Dictionary<ListingKey, ListingFacts>();
        foreach (var group in hits.GroupBy(hit => hit.Kind))
        {
            var ids = group.Select(hit => hit.Id).ToArray();
            foreach (var fact in await ListingKinds.Get(group.Key).Accept(new FactsQuery(db, ids, cancellationToken)))
            {
                facts[new ListingKey(group.Key, fact.Id)] = fact;
            }
        }

        return facts;
    }

    private List<string> Reasons(FeedRequest request, Placed entry, int people, IReadOnlyList<CvSkill> skills)
    {
        var hit = entry.Hit;
        var reasons = new List<string> { FeedReasons.Distance(entry.From.Name, entry.Km) };
        if (hit.Kind == ListingKind.Job && skills.Count > 0)
        {
            var title = " " + VietnameseText.FoldKey(hit.Title) + " ";
            if (skills.FirstOrDefault(skill => title.Contains(skill.Folded, StringComparison.Ordinal)) is { } matched)
            {
                reasons.Add(FeedReasons.Skill(matched.Written));
            }
        }
        if (hit.Kind == ListingKind.Rental && request.RentBudgetVnd is { } budget && hit.PriceMin is { } rent && rent <= budget)
        {
            reasons.Add(FeedReasons.InBudget);
        }

        if (ListingKinds.Get(hit.Kind).Search.Money == MoneyField.Salary && request.SalaryFloorVnd is { } floor && hit.PriceMax is { } salary && salary >= floor)
        {
            reasons.Add(FeedReasons.SalaryMet);
        }

        if (hit.Signals.AgeDays <= FeedReasons.NewWithinDays)
        {
            reasons.Add(FeedReasons.New);
        }

        if (request.Park is { } park && people >= options.InterestReasonMinPeople)
        {
            reasons.Add(FeedReasons.PopularNear(park.Name));
        }

        return reasons;
    }

    /// <summary>
    /// The skills of the person's CVs (as written, and folded with a space either side so a match
    /// is of whole words), first CV first, without repeats; and the lowest salary expectation among
    /// them. Nothing for an anonymous feed or a person without a CV.
    /// </summary>
    private async Task<CvFacts> CvFactsAsync(long? accountId, CancellationToken cancellationToken)
    {
        if (accountId is not { } me)
        {
            return CvFacts.None;
        }

        var rows = await db.Set<Cv>().AsNoTracking()
            .Where(cv => cv.OwnerId == me)
            .OrderBy(cv => cv.Id)
            .Select(cv => new { cv.Skills, cv.SalaryExpectationVnd })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return CvFacts.None;
        }

        var skills = rows.SelectMany(row => row.Skills)
            .Select(skill => new CvSkill(skill.Trim(), " " + VietnameseText.FoldKey(skill) + " "))
            .Where(skill => skill.Folded.Length > 2)
            .DistinctBy(skill => skill.Folded, StringComparer.Ordinal)
            .ToList();
        var salaries = rows.Select(row => row.SalaryExpectationVnd).Where(salary => salary > 0).ToList();
        return new CvFacts(skills, salaries.Count > 0 ? salaries.Min() : null);
    }

    /// <summary>Binds a cursor to the person and the parameters that decide the candidates.</summary>
    private static ulong Scope(FeedRequest request)
    {
        var parts = new List<ulong>
        {
            (ulong)(request.AccountId ?? 0),
            FeedHash.Text(request.Park?.Code),
            (ulong)(request.RentBudgetVnd ?? -1),
            (ulong)(request.SalaryFloorVnd ?? -1),
        };
        foreach (var anchor in request.Anchors)
        {
            parts.Add((ulong)BitConverter.DoubleToInt64Bits(Math.Round(anchor.Latitude, 6)));
            parts.Add((ulong)BitConverter.DoubleToInt64Bits(Math.Round(anchor.Longitude, 6)));
        }

        parts.AddRange(request.Kinds.Order().Select(kind => (ulong)kind));
        return FeedHash.Combine([.. parts]);
    }

    private static int EngineOrder(SearchHit a, SearchHit b)
    {
        var byScore = b.Score.CompareTo(a.Score);
        if (byScore != 0)
        {
            return byScore;
        }

        var byKind = ((int)a.Kind).CompareTo((int)b.Kind);
        return byKind != 0 ? byKind : a.Id.CompareTo(b.Id);
    }

    private static long UnixMilliseconds(DateTime instant)
    {
        var utc = instant.Kind == DateTimeKind.Local ? instant.ToUniversalTime() : instant;
        return (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
    }

    private sealed record Placed(SearchHit Hit, long OwnerId, FeedAnchor From, double Km);

    private sealed record CvSkill(string Written, string Folded);

    private sealed record CvFacts(IReadOnlyList<CvSkill> Skills, long? SalaryExpectationVnd)
    {
        public static CvFacts None { get; } = new([], null);
    }

    private sealed record ListingFacts(long Id, long OwnerId, double Latitude, double Longitude);

    /// <summary>Reads owner and point of some listings of one kind, through the kind's own entity (no switch on the kind).</summary>
    private sealed class FactsQuery(AppDbContext db, long[] ids, CancellationToken cancellationToken) : IListingKindVisitor<Task<List<ListingFacts>>>
    {
        public Task<List<ListingFacts>> Visit<TListing, TRequest, TResponse>(ListingKindDescriptor<TListing, TRequest, TResponse> kind)
            where TListing : Listing, new()
            where TRequest : IListingRequest<TListing>
            where TResponse : IListingResponse<TListing, TResponse> =>
            db.Set<TListing>().AsNoTracking()
                .Where(listing => ids.Contains(listing.Id))
                .Select(listing => new ListingFacts(listing.Id, listing.OwnerId, listing.Latitude, listing.Longitude))
                .ToListAsync(cancellationToken);
    }
}
