using DongNai.Domain.People;
using DongNai.Domain.Places;
using DongNai.Ranking.Features;
using DongNai.Ranking.Learning;
using DongNai.Search;
using Microsoft.ML;

namespace DongNai.Ranking.Simulation;

/// <summary>How big an offline evaluation is.</summary>
/// <param name="Seed">Seeds the market, both populations and every session.</param>
/// <param name="Users">Workers in the training population, and as many held out.</param>
/// <param name="Listings">Listings in the synthetic market.</param>
/// <param name="WarmUpSessions">Sessions per training worker before the logged ones, so listings have popularity.</param>
/// <param name="TrainingSessions">Logged sessions per training worker, the training set.</param>
/// <param name="HistorySessions">Sessions per held-out worker before the measured ones, so they have a history.</param>
/// <param name="TestSessions">Measured searches per held-out worker.</param>
public sealed record EvaluationOptions(int Seed, int Users, int Listings = 4000, int WarmUpSessions = 2, int TrainingSessions = 6, int HistorySessions = 2, int TestSessions = 3);

/// <summary>The result of an offline evaluation: each ranker's quality on the held-out workers' searches, judged by their hidden preferences.</summary>
public sealed record EvaluationReport(
    EvaluationOptions Options, int TrainingEvents, int TrainingGroups, int TrainingRows, IReadOnlyDictionary<string, RankingQuality> Rankers)
{
    public const string Engine = "engine";
    public const string Popularity = "popularity";
    public const string Heuristic = "heuristic";
    public const string Learned = "learned";

    public double LearnedOverEngine => Ratio(Learned, Engine);

    public double LearnedOverPopularity => Ratio(Learned, Popularity);

    private double Ratio(string a, string b) => Rankers[b].Ndcg10 > 0 ? Rankers[a].Ndcg10 / Rankers[b].Ndcg10 : double.PositiveInfinity;
}

/// <summary>
/// The offline evaluation of the rankers on simulated workers (docs/ranking.md): a synthetic market
/// is indexed in the given (empty) engine; a training population warms up the listings' popularity
/// and then searches, half the sessions shown in the engine's order and half in the heuristic's
/// (what signed-in users see before a model exists), its events going through the event store; the
/// training set is built from the events read back from the store, a LambdaRank model trained on
/// it; then a held-out population (other workers, never trained on) builds a short history and
/// searches again, and every ranker orders the same windows. Quality is NDCG@10, recall@10 and
/// MRR against each held-out worker's true grades (<see cref="SimulatedWorker.Grade"/>).
/// Deterministic for a seed (LightGBM runs on one thread).
/// </summary>
public static class OfflineEvaluation
{
    private static readonly DateTime Epoch = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    public static async Task<(EvaluationReport Report, LearnedRanker Learned)> RunAsync(
        ISearchEngine engine,
        PlaceCatalog places,
        EvaluationOptions options,
        Func<IReadOnlyList<InteractionEvent>, CancellationToken, Task> store,
        Func<CancellationToken, Task<IReadOnlyList<InteractionEvent>>> readBack,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(readBack);
        var market = SyntheticMarket.Generate(places, options.Listings, options.Seed, Epoch);
        var simulator = new BehaviourSimulator(engine, market, options.Seed);
        await IndexAsync(engine, market, simulator, cancellationToken);

        var statistics = new ListingStatisticsHolder();
        var extractor = new FeatureExtractor(statistics);
        var engineOrder = new EngineOrderRanker();
        var trainers = SimulatedWorker.Population(market, places, options.Users, (options.Seed * 7919) + 1, 1_000_000);
        await simulator.RunAsync(trainers, options.WarmUpSessions, engineOrder, Epoch.AddDays(-40), store, cancellationToken);
        await IndexAsync(engine, market, simulator, cancellationToken);
        // Logged as the service would show them: signed-in workers see the heuristic while no model
        // exists; half the sessions in the engine's order (personalize=false, or the time before the heuristic).
        var heuristic = new HeuristicRanker(extractor);
        var logged = await simulator.RunAsync(trainers, options.TrainingSessions / 2, engineOrder, Epoch.AddDays(-30), store, cancellationToken);
        logged.AddRange(await simulator.RunAsync(
            trainers, options.TrainingSessions - (options.TrainingSessions / 2), heuristic, Epoch.AddDays(-30 + (options.TrainingSessions / 2)), store, cancellationToken));
        await IndexAsync(engine, market, simulator, cancellationToken);

        var events = await readBack(cancellationToken);
        var verified = market.Listings.Where(l => l.OwnerVerified).Select(l => l.Key).ToList();
        statistics.Swap(ListingStatistics.FromEvents(events, verified));
        var windows = logged.ToDictionary(r => r.RequestId, r => new RequestWindow(r.Context, r.Window), StringComparer.Ordinal);
        var groups = TrainingSetBuilder.Build(events, id => windows.GetValueOrDefault(id), extractor);
        var ml = new MLContext(seed: options.Seed);
        var learned = new LearnedRanker(ml, RankingModelTrainer.Train(ml, groups, options.Seed), extractor, $"evaluation-seed-{options.Seed}");

        var heldOut = SimulatedWorker.Population(market, places, options.Users, (options.Seed * 7919) + 2, 2_000_000);
        await simulator.RunAsync(heldOut, options.HistorySessions, engineOrder, Epoch, store, cancellationToken);
        var rankers = new Dictionary<string, IRanker>(StringComparer.Ordinal)
        {
            [EvaluationReport.Engine] = engineOrder,
            [EvaluationReport.Popularity] = new PopularityRanker(),
            [EvaluationReport.Heuristic] = heuristic,
            [EvaluationReport.Learned] = learned,
        };
        var lists = rankers.Keys.ToDictionary(name => name, _ => new List<IReadOnlyList<int>>(), StringComparer.Ordinal);
        for (var session = 0; session < options.TestSessions; session++)
        {
            foreach (var worker in heldOut)
            {
                var random = new Random(BehaviourSimulator.Mix(options.Seed, worker.AccountId, 1_000_000 + session));
                var (context, window) = await simulator.SearchAsync(worker, random, Epoch.AddDays(options.HistorySessions + session).AddHours(12), cancellationToken);
                foreach (var (name, ranker) in rankers)
                {
                    var order = BehaviourSimulator.Order(ranker.Score(context, window), window);
                    lists[name].Add(order.Select(i => worker.Grade(market.ByKey[new ListingKey(window[i].Kind, window[i].Id)])).ToList());
                }
            }
        }

        var quality = lists.ToDictionary(pair => pair.Key, pair => RankingMetrics.Mean(pair.Value), StringComparer.Ordinal);
        var report = new EvaluationReport(options, events.Count, groups.Count, groups.Sum(g => g.Count), quality);
        return (report, learned);
    }

    private static async Task IndexAsync(ISearchEngine engine, SyntheticMarket market, BehaviourSimulator simulator, CancellationToken cancellationToken)
    {
        var documents = market.Listings
            .Select(l => SyntheticMarket.Document(l, simulator.Popularity.GetValueOrDefault(l.Key, Domain.Listings.ListingPopularity.None)) with { Version = simulator.Popularity.Count + 1 })
            .ToList();
        await engine.UpsertAsync(documents, cancellationToken);
        await engine.CommitAsync(cancellationToken);
        await engine.RefreshAsync(cancellationToken);
    }
}
