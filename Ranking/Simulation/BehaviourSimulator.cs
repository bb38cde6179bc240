using DongNai.Domain.Listings;
using DongNai.Domain.Listings.Jobs;
using DongNai.Domain.Listings.Rentals;
using DongNai.Domain.People;
using DongNai.Ranking.Features;
using DongNai.Search;

namespace DongNai.Ranking.Simulation;

/// <summary>One search a simulated worker made: the engine's window (engine order), the ranking context and what was shown.</summary>
/// <param name="RequestId">As the search API issues it (32 hex digits); the events of the request carry it.</param>
/// <param name="Worker">Who searched.</param>
/// <param name="Context">The ranking context of the search, with the worker's profile at that moment.</param>
/// <param name="Window">The engine's top hits, in the engine's order.</param>
/// <param name="Shown">Indexes into <paramref name="Window"/> in the order the logging ranker showed them.</param>
/// <param name="At">When the search was made.</param>
public sealed record LoggedRequest(string RequestId, SimulatedWorker Worker, RankingContext Context, IReadOnlyList<SearchHit> Window, IReadOnlyList<int> Shown, DateTime At);

/// <summary>
/// Synthetic workers searching, scrolling and acting on what a ranker shows them. Each session:
/// the worker picks a kind (jobs with their <see cref="SimulatedWorker.JobInterest"/>), types a
/// query for it (sometimes with their trade), sometimes searches near their park; the engine
/// returns its top <see cref="WindowSize"/>; the logging ranker orders them; the worker scrolls one
/// page, sometimes two, and looks at position p with probability (1 / (1 + p))^<see cref="TrueExaminationExponent"/>
/// (the position bias, hidden from the learner, which assumes <see cref="PositionBias"/>); a looked-at
/// listing is clicked with a probability rising with its hidden utility, and a clicked one may be
/// saved, and applied to (jobs) or its owner contacted (rentals). Every impression and action is an
/// <see cref="InteractionEvent"/> with the request id and position, handed to the event store.
/// Deterministic for a seed; not thread-safe (one run at a time).
/// </summary>
public sealed class BehaviourSimulator(ISearchEngine engine, SyntheticMarket market, int seed)
{
    public const int WindowSize = RankingOptions.DefaultWindowSize;

    public const int PageSize = 20;

    public const double TrueExaminationExponent = 0.9;

    private static readonly string[] RentalQueries = ["phong tro", "nha tro", "cho thue phong", "phong tro gia re", "phong tro cong nhan"];

    private static readonly string[] JobQueries = ["tuyen cong nhan", "viec lam cong nhan", "tuyen dung cong nhan"];

    private readonly Dictionary<long, List<Engagement>> _history = [];
    private readonly Dictionary<ListingKey, ListingPopularity> _popularity = [];
    private int _sessionCounter;

    /// <summary>The interaction counts of every listing over all sessions run so far.</summary>
    public IReadOnlyDictionary<ListingKey, ListingPopularity> Popularity => _popularity;

    /// <summary>The ranking profile the worker has now: the places they stated and their engagements so far.</summary>
    public UserRankingProfile ProfileOf(SimulatedWorker worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return UserRankingProfile.Build(
            worker.AccountId,
            worker.StatesPark ? worker.ParkPoint : null,
            worker.StatesHome ? worker.HomePoint : null,
            _history.TryGetValue(worker.AccountId, out var engagements) ? engagements : []);
    }

    /// <summary>
    /// Runs <paramref name="sessionsPerWorker"/> sessions for each worker, one day apart from
    /// <paramref name="start"/>, shown in <paramref name="policy"/>'s order. Events go to
    /// <paramref name="store"/> (the real event store: <see cref="InteractionLog.AppendAsync"/>) after each session.
    /// </summary>
    public async Task<List<LoggedRequest>> RunAsync(
        IReadOnlyList<SimulatedWorker> workers,
        int sessionsPerWorker,
        IRanker policy,
        DateTime start,
        Func<IReadOnlyList<InteractionEvent>, CancellationToken, Task>? store,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workers);
        ArgumentNullException.ThrowIfNull(policy);
        var requests = new List<LoggedRequest>();
        for (var session = 0; session < sessionsPerWorker; session++)
        {
            foreach (var worker in workers)
            {
                var random = new Random(Mix(seed, worker.AccountId, _sessionCounter++));
                var at = start.AddDays(session).AddMinutes(random.Next(0, 24 * 60));
                var (request, events) = await SessionAsync(worker, policy, random, at, cancellationToken);
                requests.Add(request);
                if (store is not null && events.Count > 0)
                {
                    await store(events, cancellationToken);
                }
            }
        }

        return requests;
    }

    /// <summary>The engine's window and the ranking context for a worker's search now (no browsing).</summary>
    public async Task<(RankingContext Context, IReadOnlyList<SearchHit> Window)> SearchAsync(SimulatedWorker worker, Random random, DateTime at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(random);
        var job = random.NextDouble() < worker.JobInterest;
        var text = job
            ? JobQueries[random.Next(JobQueries.Length)] + (random.NextDouble() < 0.4 ? " " + SyntheticMarket.Skills.First(s => s.Code == worker.Skill).Words : "")
            : RentalQueries[random.Next(RentalQueries.Length)];
        var query = new SearchQuery
        {
            Kind = job ? ListingKind.Job : ListingKind.Rental,
            Text = text,
            ReferencePoint = random.NextDouble() < 0.5 ? worker.ParkPoint : null,
            Size = WindowSize,
            Now = at,
            ScoringNow = at,
            Highlight = false,
            Facets = [job ? JobKind.Shift : RentalKind.RentalType],
        };
        var result = await engine.SearchAsync(query, cancellationToken);
        return (new RankingContext { Query = query, AccountId = worker.AccountId, User = ProfileOf(worker) }, result.Hits);
    }

    private async Task<(LoggedRequest Request, List<InteractionEvent> Events)> SessionAsync(
        SimulatedWorker worker, IRanker policy, Random random, DateTime at, CancellationToken cancellationToken)
    {
        var (context, window) = await SearchAsync(worker, random, at, cancellationToken);
        var requestId = RequestId(random);
        var shown = Order(policy.Score(context, window), window);
        var events = new List<InteractionEvent>();
        var depth = Math.Min(shown.Count, random.NextDouble() < 0.3 ? 2 * PageSize : PageSize);
        var seconds = 0;
        for (var position = 0; position < depth; position++)
        {
            var hit = window[shown[position]];
            var listing = market.ByKey[new ListingKey(hit.Kind, hit.Id)];
            Add(InteractionType.Impression, listing, position);
            if (random.NextDouble() >= Math.Pow(1.0 / (1 + position), TrueExaminationExponent))
            {
                continue;
            }

            var utility = worker.Utility(listing);
            if (random.NextDouble() >= Sigmoid(2.5 * (utility - 3.0)))
            {
                continue;
            }

            Add(InteractionType.Click, listing, position);
            if (random.NextDouble() < 0.35 * Sigmoid(3 * (utility - 3.5)))
            {
                Add(InteractionType.Save, listing, position);
            }

            if (random.NextDouble() < 0.5 * Sigmoid(3 * (utility - 3.7)))
            {
                Add(listing.Kind == ListingKind.Job ? InteractionType.Apply : InteractionType.Contact, listing, position);
                if (random.NextDouble() < 0.5)
                {
                    break;
                }
            }
        }

        return (new LoggedRequest(requestId, worker, context, window, shown, at), events);

        void Add(InteractionType type, SimulatedListing listing, int position)
        {
            events.Add(new InteractionEvent
            {
                AccountId = worker.AccountId,
                ClientEventId = $"{requestId}-{events.Count}",
                ListingKind = listing.Kind,
                ListingId = listing.Id,
                Type = type,
                RequestId = requestId,
                Position = position,
                Query = context.Query.Text,
                OccurredAt = at.AddSeconds(seconds++),
            });
            _popularity[listing.Key] = _popularity.GetValueOrDefault(listing.Key, ListingPopularity.None).Add(type, 1);
            if (EngagementWeights.Grade(type) > 0)
            {
                if (!_history.TryGetValue(worker.AccountId, out var history))
                {
                    _history[worker.AccountId] = history = [];
                }

                history.Add(new Engagement(listing.Kind, listing.Category, listing.PriceMin, EngagementWeights.Grade(type)));
            }
        }
    }

    /// <summary>Window indexes by score descending, ties by kind then id (as <see cref="RankedSearch"/> orders).</summary>
    public static List<int> Order(IReadOnlyList<double> scores, IReadOnlyList<SearchHit> window)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(window);
        return Enumerable.Range(0, window.Count)
            .OrderByDescending(i => scores[i])
            .ThenBy(i => (int)window[i].Kind)
            .ThenBy(i => window[i].Id)
            .ToList();
    }

    private static string RequestId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>A seed from several numbers, the same in every process (<see cref="HashCode"/> is randomised per process).</summary>
    internal static int Mix(long a, long b, long c)
    {
        unchecked
        {
            var h = (ulong)a * 0x9E3779B97F4A7C15UL;
            h = (h ^ (ulong)b) * 0xBF58476D1CE4E5B9UL;
            h = (h ^ (ulong)c) * 0x94D049BB133111EBUL;
            return (int)(h ^ (h >> 31));
        }
    }
}
