using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DongNai.Domain.Places;
using DongNai.Search.Api.Searching;
using DongNai.Search.Lucene;
using DongNai.Search.Understanding;
using Npgsql;
using Spectre.Console;

namespace DongNai.Bench;

/// <summary>
/// The benchmark harness of issue 4: generates the data with the real seeder, builds the index with
/// the real rebuilder, loads the same listings into PostgreSQL + PostGIS, runs one query mix against
/// both (in process, and over HTTP against the running service), cross-checks filter-only results,
/// and writes a JSON result, the markdown table and the chart. See <see cref="BenchOptions.Usage"/>.
/// </summary>
internal static class Program
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }

        var options = BenchOptions.Parse(args, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(error + Environment.NewLine + BenchOptions.Usage);
            return 2;
        }

        using var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopping.Cancel();
        };

        try
        {
            return options.Soak ? await SoakScenario.RunAsync(options, RepositoryRoot(), Json, stopping.Token) : await RunAsync(options, stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            Ui.Error("Cancelled.");
            return 130;
        }
    }

    private static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        if (!Ui.Interactive)
        {
            // Logs and CI: wide enough that the summary tables stay readable.
            AnsiConsole.Profile.Width = 200;
        }

        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var root = RepositoryRoot();
        var machine = Machine.Describe(root);
        // Quick runs get a folder of their own (CI and a developer may run at once) and remove it afterwards.
        var scratch = options.Quick && options.DataPath is null ? Path.Combine(Path.GetTempPath(), $"dongnai-bench-quick-{Environment.ProcessId}", "data") : null;
        var dataPath = options.DataPath ?? scratch ?? Path.Combine(Path.GetTempPath(), "dongnai-bench", options.Listings.ToString(CultureInfo.InvariantCulture));
        var resultsPath = options.ResultsPath
            ?? (options.Quick ? Path.Combine(Path.GetTempPath(), $"dongnai-bench-quick-{Environment.ProcessId}") : Path.Combine(root, "docs", "benchmarks"));
        var data = new BenchData(dataPath);
        var places = PlaceCatalog.Load();

        AnsiConsole.Write(new Rule($"[bold]Đồng Nai search benchmark[/] {(options.Quick ? "(quick)" : "")}").LeftJustified());
        Ui.Info($"{machine.Cores} cores, {machine.CpuModel}, {machine.MemoryGiB} GiB ({machine.MemoryAvailableGiB} GiB available), load {machine.LoadAverage}; {machine.Runtime}; commit {machine.Commit}{(machine.WorkingTreeDirty ? " (working tree has uncommitted changes)" : "")}");
        Ui.Info($"{(options.CandidatesOnly ? $"{options.Candidates:N0} CVs (no listings)" : $"{options.Listings:N0} listings")}, seed {options.Seed}; data in {dataPath}; results in {resultsPath}");

        // Listings are dated up to 20 days before today, so some jobs and vouchers have expired by now
        // and the expiry filters are exercised; the service under test reads the same real clock.
        var marker = options.Reuse ? data.ReadMarker() : null;
        var reuse = marker is not null && marker.Listings == options.Listings && marker.Seed == options.Seed;
        var referenceDate = reuse ? marker!.ReferenceDate : DateTime.UtcNow.Date.AddDays(-20);
        var now = DateTime.UtcNow;
        now = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var run = new RunResult
        {
            StartedUtc = started,
            Command = "dotnet run -c Release --project bench/Bench --" + (options.Arguments.Count > 0 ? " " + string.Join(' ', options.Arguments) : ""),
            Quick = options.Quick,
            Machine = machine,
            Settings = new RunSettings(options.Listings, options.Seed, options.Queries, options.WarmUp, options.Clients, options.PhaseSeconds, options.CheckQueries, options.Peer, options.Http, referenceDate, now,
                options.Http ? options.Databases.Select(d => d.ToString()).ToList() : null),
        };

        if (options.CandidatesOnly)
        {
            return await CandidatesOnlyAsync(options, run, dataPath, resultsPath, places, now, clock, cancellationToken);
        }

        // 1. Data: the real seeder into SQLite.
        Ui.Heading("Data");
        if (reuse)
        {
            Ui.Info($"Reusing {dataPath} ({marker!.Listings:N0} listings, seed {marker.Seed}, built at commit {marker.Commit}); the index build is not measured in this run.");
            run.DataReused = true;
        }
        else
        {
            run.Seed = await data.SeedAsync(options.Listings, options.Seed, referenceDate, cancellationToken);
            Ui.Good($"Seeded {run.Seed.Listings:N0} listings in {run.Seed.Seconds:F1} s ({run.Seed.ListingsPerSecond:N0}/s): jobs {run.Seed.Jobs:N0}, rentals {run.Seed.Rentals:N0}, classifieds {run.Seed.Classifieds:N0}, vouchers {run.Seed.Vouchers:N0}, bus routes {run.Seed.BusRoutes:N0}; SQLite {RunResult.Bytes(run.Seed.DatabaseBytes)}");
        }

        var (oracle, readSeconds) = await ReferenceIndex.ReadAsync(data, places, options.Listings, collectSuggestions: options.Peer, options.Seed, cancellationToken);
        Ui.Good($"Read {oracle.Count:N0} listings back as search documents in {readSeconds:F1} s ({oracle.Count / Math.Max(readSeconds, 1e-9):N0}/s) — the source side of a rebuild, without the engine");
        var benchPeakBeforeBuild = ProcessMemory.PeakBytes(Environment.ProcessId);

        // 2. The index: the real rebuilder into the real engine.
        Ui.Heading("Index build");
        LuceneSearchEngine engine;
        if (reuse)
        {
            engine = new LuceneSearchEngine(new LuceneOptions { IndexPath = data.IndexPath });
        }
        else
        {
            (engine, var build) = await data.BuildIndexAsync(places, oracle.Count, readSeconds, oracle.Count, cancellationToken);
            run.Build = build;
            data.WriteMarker(new DataMarker(options.Listings, options.Seed, referenceDate, machine.Commit));
            Ui.Good($"Indexed {build.Documents:N0} listings in {build.Seconds:F1} s: {build.DocumentsPerSecond:N0} listings/s (source alone {build.SourceDocumentsPerSecond:N0}/s); "
                + $"index {RunResult.Bytes(build.IndexBytes)} on disk; peak RSS {RunResult.Bytes(build.PeakRssBytes)}; CPU {build.CpuSeconds:F1} s; allocated {RunResult.Bytes(build.AllocatedBytes)}");
        }

        // 3. The peer: the same documents into PostgreSQL + PostGIS.
        PostgresPeer? peer = null;
        if (options.Peer)
        {
            Ui.Heading("Peer: PostgreSQL + PostGIS");
            try
            {
                peer = await PostgresPeer.ConnectAsync(options.PeerConnection, cancellationToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException)
            {
                Ui.Error($"Cannot reach the peer ({exception.Message}). Start it with bench/peer/install-postgres.sh, or pass --no-peer.");
                engine.Dispose();
                return 1;
            }

            var dataMarker = new DataMarker(options.Listings, options.Seed, referenceDate, machine.Commit);
            if (reuse && await peer.HoldsAsync(dataMarker, cancellationToken))
            {
                run.PeerLoad = await peer.DescribeAsync(reused: true, measured: null, cancellationToken);
                Ui.Info($"Reusing the peer's tables ({run.PeerLoad.Rows:N0} rows).");
            }
            else
            {
                run.PeerLoad = await peer.LoadAsync(data, places, oracle, dataMarker, cancellationToken);
            }

            var load = run.PeerLoad;
            Ui.Good($"PostgreSQL {load.ServerVersion}, PostGIS {load.PostgisVersion}: {load.Rows:N0} rows; COPY {load.CopySeconds:F1} s, indexes {load.IndexSeconds:F1} s, statistics {load.StatisticsSeconds:F1} s; "
                + $"table {RunResult.Bytes(load.TableBytes)}, indexes {RunResult.Bytes(load.IndexBytes)}; folding agrees on {load.FoldingAgreed}/{load.FoldingChecked} sampled titles");
        }

        // 3b. The PostgreSQL-backed service's system of record: the same listings, its own index rebuilt from it.
        BenchData? postgresData = null;
        if (options.PostgreSqlService)
        {
            Ui.Heading("The service's data on PostgreSQL (Database:Provider=PostgreSql)");
            postgresData = new BenchData(dataPath + "-postgresql", options.ServiceDatabaseConnection);
            try
            {
                var failure = await PreparePostgreSqlServiceAsync(postgresData, options, referenceDate, machine.Commit, engine, places, run, cancellationToken);
                if (failure is not null)
                {
                    Ui.Error(failure);
                    run.Errors.Add(failure);
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException)
            {
                Ui.Error($"Cannot prepare the PostgreSQL-backed service's database ({exception.Message}). Start the server with bench/peer/install-postgres.sh, or pass --databases sqlite.");
                engine.Dispose();
                return 1;
            }
        }

        // 4. The query mix.
        var generator = new WorkloadGenerator(places, oracle);
        var distinct = Math.Max(options.Queries, options.WarmUp);
        var workload = options.Types.ToDictionary(type => type, type => generator.Generate(type, distinct, options.Seed));
        var interpreter = new QueryInterpreter(places);
        var parser = new SearchRequestParser(places, interpreter);
        var ours = new OurEngine(engine, parser, now);
        if (options.Types.Contains(QueryType.Rerank) || options.Types.Contains(QueryType.Feed))
        {
            ours.Ranking = new RankingBench(engine, data, places, now);
        }
        var statements = new Dictionary<BenchQuery, PeerStatement>(ReferenceEqualityComparer.Instance);
        foreach (var query in workload.Values.SelectMany(list => list))
        {
            var search = query.Type.IsSearch() ? ours.ToSearchQuery(query) : null;
            if (peer is not null)
            {
                statements[query] = PostgresPeer.Statement(query, search, now);
            }
        }

        var oursTotals = new ConcurrentDictionary<BenchQuery, int>(ReferenceEqualityComparer.Instance);
        var inProcess = new Dictionary<QueryType, (Samples Ours, Samples? Peer)>();
        await using (var peerConnection = peer is null ? null : await peer.Source.OpenConnectionAsync(cancellationToken))
        {
            // 5. Correctness first: filter-only results must be identical. The oracle goes right after,
            // so its million objects do not lengthen the garbage collections of the measured phases.
            Ui.Heading("Cross-check of filter-only queries");
            var checks = options.Types.Count(t => t.IsFilterOnly()) * options.CheckQueries;
            run.CrossCheck = await Ui.ProgressAsync($"engine ⇄ oracle{(peer is null ? "" : " ⇄ PostgreSQL")}", checks, report =>
                CrossCheck.RunAsync(options.Types, workload.ToDictionary(p => p.Key, p => (IReadOnlyList<BenchQuery>)p.Value), ours, oracle, peerConnection, now, options.CheckQueries, report, cancellationToken));
            var check = run.CrossCheck;
            if (check.Passed)
            {
                Ui.Good($"Identical: {check.Queries} queries; engine id sets {check.EngineIdSets} (+{check.EngineTotalsOnly} by total and facets), peer id sets {check.PeerIdSets}, "
                    + $"facet sets {check.FacetComparisons}, {check.IdsCompared:N0} ids; boundary ties accepted {check.BoundaryTiesAccepted}");
            }
            else
            {
                Ui.Error($"CROSS-CHECK FAILED: {check.Failures.Count} differences");
                foreach (var failure in check.Failures.Take(20))
                {
                    Ui.Error($"  {failure.Query}: {failure.What}: {failure.Detail}");
                }
            }

            oracle = null!;
            generator = null!;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

            Ui.Heading($"In process: our engine ⇄ {(peer is null ? "(no peer)" : "PostgreSQL, one connection")}, alternating query by query");
            foreach (var type in options.Types)
            {
                var samples = await Ui.ProgressAsync($"{type.Slug()}", options.Queries, report =>
                    Measurements.InProcessAsync(workload[type], ours, peerConnection, statements, options.WarmUp, options.Queries, options.PhaseSeconds, oursTotals, report, cancellationToken));
                inProcess[type] = samples;
                var o = samples.Ours.BySummedLatency();
                var p = samples.Peer?.BySummedLatency();
                Ui.Info($"  {type.Slug()}: ours median {RunResult.Ms(o.MedianMs)}, p99 {RunResult.Ms(o.P99Ms)}"
                    + (p is null ? "" : $"; peer median {RunResult.Ms(p.MedianMs)}, p99 {RunResult.Ms(p.P99Ms)}; ×{p.MedianMs / o.MedianMs:F1} at median") + $" ({o.Count} queries)");
                ReportErrors(run, $"in-engine {type.Slug()}", samples.Ours);
                if (samples.Peer is not null)
                {
                    ReportErrors(run, $"peer {type.Slug()}", samples.Peer);
                }
            }
        }

        if (options.Types.Contains(QueryType.Rerank))
        {
            Ui.Heading("What re-ranking 200 candidates adds");
            run.Rerank = await ours.Ranking!.MeasureAddedCostAsync(workload[QueryType.Rerank], ours.ToSearchQuery, options.WarmUp, options.Queries, options.PhaseSeconds, cancellationToken);
            var cost = run.Rerank;
            var note = $"Re-ranking (heuristic ranker, window 200 in one engine call, page 20): plain search median {RunResult.Ms(cost.Plain.MedianMs)}, re-ranked median {RunResult.Ms(cost.ReRanked.MedianMs)}; "
                + $"added per query median {RunResult.Ms(cost.Added.MedianMs)}, p99 {RunResult.Ms(cost.Added.P99Ms)}; the ranker alone (features and scores) median {cost.RankerAlone.MedianMs:F3} ms, p99 {cost.RankerAlone.P99Ms:F3} ms; "
                + $"{cost.MeanCandidates:F1} candidates per window on average, {cost.FullWindows} of {cost.RankerAlone.Count} windows full (200); {cost.Added.Count} queries.";
            Ui.Good(note);
            run.Notes.Add(note);
        }

        Ui.Heading("The query interpreter's cost");
        run.Interpreter = await InterpreterCost.MeasureAsync(ours, interpreter, parser, options.Quick ? 5 : 50, cancellationToken);
        Ui.Good($"Interpreting alone: median {run.Interpreter.InterpretAlone.MedianMs:F4} ms, p95 {run.Interpreter.InterpretAlone.P95Ms:F4} ms over {run.Interpreter.InterpretAlone.Count} natural-language queries; "
            + $"search with it: median {run.Interpreter.SearchUnderstood.MedianMs:F3} ms, as plain text: {run.Interpreter.SearchLiteral.MedianMs:F3} ms");

        if (options.Candidates > 0)
        {
            run.Candidates = await CandidatePhaseAsync(options, dataPath, places, now, cancellationToken);
            run.Errors.AddRange(run.Candidates.Failures);
        }

        engine.Dispose();

        // 6. Over HTTP: the real service, started over the same data folder (and, with --databases, a second
        // one on PostgreSQL over its own folder and index), the systems taking turns block by block.
        var http = new Dictionary<QueryType, List<HttpLevelResult>>();
        var serviceMemory = new List<(long AtReady, long Peak, long AtEnd)>();
        if (options.Http)
        {
            var backends = new List<BenchData> { data };
            if (postgresData is not null)
            {
                backends.Add(postgresData);
            }

            var names = backends.Select(b => b.Provider == Domain.DatabaseProvider.Sqlite ? "the service on SQLite" : "the service on PostgreSQL").ToList();
            Ui.Heading($"Over HTTP: {string.Join(" ⇄ ", names)} ⇄ {(peer is null ? "(no peer)" : "PostgreSQL + PostGIS with as many connections")}, in alternating blocks");
            var services = new List<ServiceProcess>();
            var clientsOf = new List<HttpClient>();
            try
            {
                foreach (var backend in backends)
                {
                    var service = await ServiceProcess.StartAsync(root, backend.Folder, cancellationToken, backend.ServiceArguments());
                    services.Add(service);
                    serviceMemory.Add((ProcessMemory.CurrentBytes(service.ProcessId), 0, 0));
                    Ui.Info($"Service on {backend.Provider} pid {service.ProcessId} ready at {service.Address} (RSS {RunResult.Bytes(serviceMemory[^1].AtReady)})");
                    clientsOf.Add(new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseProxy = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
                    {
                        BaseAddress = service.Address,
                        Timeout = TimeSpan.FromMinutes(2),
                    });
                }

                for (var i = 0; i < clientsOf.Count; i++)
                {
                    await WarmUpAndValidateHttpAsync(clientsOf[i], names[i], workload, oursTotals, options, now, run, cancellationToken);
                }

                foreach (var type in options.Types.Where(QueryTypes.OverHttp))
                {
                    var levels = new List<HttpLevelResult>();
                    foreach (var clients in options.Clients)
                    {
                        var (o, p) = await Ui.ProgressAsync($"{type.Slug()}, {clients} client{(clients == 1 ? "" : "s")}", options.Queries * (clientsOf.Count + (peer is null ? 0 : 1)), report =>
                            HttpLevelAsync(clientsOf, peer, workload[type], statements, clients, options, report, cancellationToken));
                        for (var i = 0; i < o.Count; i++)
                        {
                            ReportErrors(run, $"HTTP {(i == 0 ? "" : "(PostgreSQL-backed) ")}{type.Slug()} ×{clients}", o[i]);
                        }

                        if (p is not null)
                        {
                            ReportErrors(run, $"peer {type.Slug()} ×{clients}", p);
                        }

                        var level = new HttpLevelResult(clients, o[0].ByWallTime(), p?.ByWallTime(), o.Count > 1 ? o[1].ByWallTime() : null);
                        levels.Add(level);
                        Ui.Info($"  {type.Slug()} ×{clients}: ours median {RunResult.Ms(level.Ours.MedianMs)}, p99 {RunResult.Ms(level.Ours.P99Ms)}, {level.Ours.ThroughputPerSecond:F0}/s"
                            + (level.OursOnPostgreSql is null ? "" : $"; ours on PostgreSQL median {RunResult.Ms(level.OursOnPostgreSql.MedianMs)}, p99 {RunResult.Ms(level.OursOnPostgreSql.P99Ms)}, {level.OursOnPostgreSql.ThroughputPerSecond:F0}/s")
                            + (level.Peer is null ? "" : $"; peer median {RunResult.Ms(level.Peer.MedianMs)}, p99 {RunResult.Ms(level.Peer.P99Ms)}, {level.Peer.ThroughputPerSecond:F0}/s"));
                        for (var i = 0; i < services.Count; i++)
                        {
                            serviceMemory[i] = serviceMemory[i] with { Peak = Math.Max(serviceMemory[i].Peak, ProcessMemory.PeakBytes(services[i].ProcessId)) };
                        }
                    }

                    http[type] = levels;
                }

                for (var i = 0; i < services.Count; i++)
                {
                    serviceMemory[i] = (serviceMemory[i].AtReady, Math.Max(serviceMemory[i].Peak, ProcessMemory.PeakBytes(services[i].ProcessId)), ProcessMemory.CurrentBytes(services[i].ProcessId));
                }
            }
            finally
            {
                foreach (var client in clientsOf)
                {
                    client.Dispose();
                }

                foreach (var service in services)
                {
                    await service.DisposeAsync();
                }
            }

            run.Notes.Add("The peer has no HTTP layer of its own: the service's HTTP figures are set against SQL over loopback TCP with as many connections as clients, which favours the peer (a real deployment would add an API in front of it).");
            if (postgresData is not null)
            {
                run.Notes.Add("The PostgreSQL-backed service (Database:Provider=PostgreSql, a database of its own on the peer's server, the same listings, its own Lucene index rebuilt from that database) runs beside the SQLite-backed one; both stay up through the HTTP phase and take turns with the peer block by block. Searches are answered by the embedded index either way: the database is read at start, for the index rebuild and by what a search request touches besides the index.");
            }
        }

        foreach (var type in options.Types)
        {
            var (o, p) = inProcess[type];
            run.Queries.Add(new QueryTypeResult(type.Slug(), type.Describe(), workload[type].Count, o.BySummedLatency(), p?.BySummedLatency(), http.GetValueOrDefault(type) ?? []));
        }

        var sqliteService = serviceMemory.Count > 0 ? serviceMemory[0] : default;
        var postgresService = serviceMemory.Count > 1 ? serviceMemory[1] : default;
        run.Memory = new MemoryResult(
            Math.Max(benchPeakBeforeBuild, ProcessMemory.PeakBytes(Environment.ProcessId)), sqliteService.AtReady, sqliteService.Peak, sqliteService.AtEnd,
            postgresService.AtReady, postgresService.Peak, postgresService.AtEnd);
        run.Notes.Add("In-process throughput is one client's: queries over the summed latency of that system, since the two systems take turns.");
        if (peer is not null)
        {
            run.Notes.Add("Text queries are not result-compared: the engine ranks with BM25 over the folded text with title and accent bonuses, synonyms, typo tolerance for rare words and a minimum-should-match; the peer ANDs the folded words (plainto_tsquery) and ranks with ts_rank_cd.");
            await peer.DisposeAsync();
        }

        run.Notes.Add($"Load average at start {machine.LoadAverage}, at the end {(File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?")} (1, 5, 15 min): other work on the machine shows here.");
        run.JudgeTargets();
        RankingBench.AddTargets(run, run.Rerank);
        run.DurationSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1);

        // 7. Output.
        Directory.CreateDirectory(resultsPath);
        var jsonPath = Path.Combine(resultsPath, $"results-{started:yyyyMMdd-HHmm}-{options.Listings}.json");
        await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(run, Json), cancellationToken);
        Report.PrintSummary(run);
        Ui.Good($"Results: {jsonPath}");
        if (options.WriteDocs)
        {
            var chart = Path.Combine(root, "docs", "benchmarks", "latency-by-query-type.png");
            Chart.Render(run, chart);
            var markdown = Path.Combine(root, "docs", "benchmarks.md");
            Report.WriteMarkdown(run, markdown, Path.GetRelativePath(Path.Combine(root, "docs"), jsonPath), Path.GetRelativePath(Path.Combine(root, "docs"), chart));
            Ui.Good($"Updated {markdown} and {chart}");
        }

        if (scratch is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(scratch, recursive: true);
            if (Directory.Exists(scratch + "-candidates"))
            {
                Directory.Delete(scratch + "-candidates", recursive: true);
            }
        }

        var failed = run.Errors.Count > 0 || run.CrossCheck is { Passed: false };
        if (failed)
        {
            Ui.Error($"FAILED: {run.Errors.Count} errors, {run.CrossCheck?.Failures.Count ?? 0} cross-check differences");
            foreach (var message in run.Errors.Take(20))
            {
                Ui.Error("  " + message);
            }
        }
        else
        {
            Ui.Good($"Done in {clock.Elapsed.TotalSeconds:F0} s.");
        }

        return failed ? 1 : 0;
    }

    /// <summary>The candidate-search phase alone (<c>--candidates-only</c>): no listings; writes the JSON result.</summary>
    private static async Task<int> CandidatesOnlyAsync(
        BenchOptions options, RunResult run, string dataPath, string resultsPath, PlaceCatalog places, DateTime now, Stopwatch clock, CancellationToken cancellationToken)
    {
        run.Candidates = await CandidatePhaseAsync(options, dataPath, places, now, cancellationToken);
        run.Errors.AddRange(run.Candidates.Failures);
        run.Notes.Add($"Load average at start {run.Machine.LoadAverage}, at the end {(File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?")} (1, 5, 15 min).");
        run.DurationSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1);
        Directory.CreateDirectory(resultsPath);
        var jsonPath = Path.Combine(resultsPath, $"candidates-{run.StartedUtc:yyyyMMdd-HHmm}-{options.Candidates}.json");
        await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(run, Json), cancellationToken);
        Ui.Good($"Results: {jsonPath}");
        foreach (var message in run.Errors.Take(20))
        {
            Ui.Error("  " + message);
        }

        return run.Errors.Count > 0 ? 1 : 0;
    }

    /// <summary>
    /// Candidate search (issue 10) over <see cref="BenchOptions.Candidates"/> synthetic CVs in an index
    /// of their own beside the data folder, with the peer (a database of its own) when it runs.
    /// </summary>
    private static async Task<CandidateBenchResult> CandidatePhaseAsync(BenchOptions options, string dataPath, PlaceCatalog places, DateTime now, CancellationToken cancellationToken)
    {
        Ui.Heading($"Candidate search: {options.Candidates:N0} discoverable CVs{(options.Peer ? " ⇄ PostgreSQL" : "")}");
        string? peer = null;
        if (options.Peer)
        {
            peer = options.CandidatesDatabaseConnection;
            await EnsureDatabaseAsync(peer, cancellationToken);
        }

        var result = await CandidateBench.RunAsync(
            options.Candidates, options.Seed, options.Queries, options.WarmUp, options.CheckQueries, options.PhaseSeconds, dataPath + "-candidates", peer, places, now, cancellationToken);
        Console.WriteLine(CandidateBench.Markdown(result));
        Ui.Info($"Engine matched {result.MeanEngineTotal} CVs per query on average"
            + (result.Peer is null ? "" : $", the peer {result.MeanPeerTotal}; share of the peer's top 100 in the engine's {result.MeanOverlapOfPeerTop}, of the engine's in the peer's {result.MeanOverlapOfEngineTop}")
            + $"; fit window (mean hits ranked) {result.MeanFitWindow}; filter-only checks {result.FilterChecks}, differing {result.FilterDifferences}");
        return result;
    }

    /// <summary>Creates the named database on the peer's server if it does not exist.</summary>
    private static async Task EnsureDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @n", connection);
        exists.Parameters.AddWithValue("n", target.Database!);
        if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0)
        {
            await using var create = new NpgsqlCommand("CREATE DATABASE \"" + target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// One concurrency level: blocks alternate between the services (SQLite-backed first, then the
    /// PostgreSQL-backed one when measured) and the peer, in order in the first round and in reverse in
    /// the second, half the requests each.
    /// </summary>
    private static async Task<(List<Samples> Ours, Samples? Peer)> HttpLevelAsync(
        List<HttpClient> services, PostgresPeer? peer, IReadOnlyList<BenchQuery> queries, IReadOnlyDictionary<BenchQuery, PeerStatement> statements,
        int clients, BenchOptions options, Action<double> report, CancellationToken cancellationToken)
    {
        var ours = services.Select(_ => new Samples()).ToList();
        var theirs = peer is null ? null : new Samples();
        const int rounds = 2;
        var perRound = Math.Max(1, options.Queries / rounds);
        var done = 0;
        void Tick() => report(Interlocked.Increment(ref done));
        for (var round = 0; round < rounds; round++)
        {
            var offset = round * perRound;
            var cap = options.PhaseSeconds / rounds;
            var turns = Enumerable.Range(0, services.Count).Append(-1).Where(turn => turn >= 0 || peer is not null).ToList();
            if (round % 2 == 1)
            {
                turns.Reverse();
            }

            foreach (var turn in turns)
            {
                if (turn < 0)
                {
                    theirs!.Merge(await Measurements.PeerBlockAsync(peer!.Source, queries, statements, offset, perRound, clients, cap, Tick, cancellationToken));
                }
                else
                {
                    ours[turn].Merge(await Measurements.HttpBlockAsync(services[turn], queries, offset, perRound, clients, cap, Tick, cancellationToken));
                }
            }
        }

        return (ours, theirs);
    }

    /// <summary>
    /// Seeds the PostgreSQL-backed service's database with the same listings as the SQLite file
    /// (same seed, same reference date) and rebuilds its own index from it with the real rebuilder,
    /// both measured; with <c>--reuse</c> keeps them when the marker and the database's listing count
    /// agree. Returns a failure message when the index does not hold as many documents as the
    /// SQLite-built one.
    /// </summary>
    private static async Task<string?> PreparePostgreSqlServiceAsync(
        BenchData postgres, BenchOptions options, DateTime referenceDate, string commit, LuceneSearchEngine sqliteEngine, PlaceCatalog places, RunResult run, CancellationToken cancellationToken)
    {
        var marker = options.Reuse ? postgres.ReadMarker() : null;
        var expected = await sqliteEngine.CountAsync(cancellationToken: cancellationToken);
        if (marker is not null && marker.Listings == options.Listings && marker.Seed == options.Seed && marker.ReferenceDate == referenceDate
            && await postgres.CountListingsAsync(cancellationToken) == options.Listings)
        {
            Ui.Info($"Reusing the PostgreSQL-backed service's database and index ({marker.Listings:N0} listings); its seed and rebuild are not measured in this run.");
        }
        else
        {
            var seed = await postgres.SeedAsync(options.Listings, options.Seed, referenceDate, cancellationToken);
            run.PostgreSqlSeed = seed;
            Ui.Good($"Seeded {seed.Listings:N0} listings into PostgreSQL in {seed.Seconds:F1} s ({seed.ListingsPerSecond:N0}/s); database {RunResult.Bytes(seed.DatabaseBytes)}");

            // The source side alone, as for SQLite: reading the rows and building the documents.
            var clock = Stopwatch.StartNew();
            long read = 0;
            await foreach (var _ in postgres.ReadDocumentsAsync(places, cancellationToken))
            {
                read++;
            }

            clock.Stop();
            var (engine, build) = await postgres.BuildIndexAsync(places, read, clock.Elapsed.TotalSeconds, read, cancellationToken);
            run.PostgreSqlBuild = build;
            postgres.WriteMarker(new DataMarker(options.Listings, options.Seed, referenceDate, commit));
            Ui.Good($"Indexed {build.Documents:N0} listings from PostgreSQL in {build.Seconds:F1} s: {build.DocumentsPerSecond:N0} listings/s (source alone {build.SourceDocumentsPerSecond:N0}/s); "
                + $"index {RunResult.Bytes(build.IndexBytes)} on disk; peak RSS {RunResult.Bytes(build.PeakRssBytes)}; CPU {build.CpuSeconds:F1} s; allocated {RunResult.Bytes(build.AllocatedBytes)}");
            var held = await engine.CountAsync(cancellationToken: cancellationToken);
            engine.Dispose();
            if (held != expected)
            {
                return $"The index rebuilt from PostgreSQL holds {held:N0} documents, the one from SQLite {expected:N0}.";
            }
        }

        return null;
    }

    /// <summary>
    /// Warms the service up with each type's first queries, one at a time, and checks that every
    /// answer is a 200 whose result count equals the in-engine one, unless the engine found nothing
    /// and the service relaxed the search, or the service put understood queries among the
    /// suggestions (skipped if the UTC date changed since the in-engine phase, as expiries fall at
    /// midnight).
    /// </summary>
    private static async Task WarmUpAndValidateHttpAsync(
        HttpClient client, string name, Dictionary<QueryType, IReadOnlyList<BenchQuery>> workload, ConcurrentDictionary<BenchQuery, int> oursTotals,
        BenchOptions options, DateTime now, RunResult run, CancellationToken cancellationToken)
    {
        var count = Math.Max(options.HttpWarmUp, 1);
        var mismatches = 0;
        await Ui.ProgressAsync($"Warm-up and answer check: {name}", count * workload.Keys.Count(QueryTypes.OverHttp), async report =>
        {
            var done = 0;
            foreach (var (type, queries) in workload.Where(pair => pair.Key.OverHttp()))
            {
                foreach (var query in queries.Take(count))
                {
                    using var response = await client.GetAsync(query.HttpPath(), cancellationToken);
                    var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    if (!response.IsSuccessStatusCode)
                    {
                        run.Errors.Add($"HTTP {(int)response.StatusCode} from {name} for {query}: {System.Text.Encoding.UTF8.GetString(body)[..Math.Min(300, body.Length)]}");
                    }
                    else if (oursTotals.TryGetValue(query, out var expected) && DateTime.UtcNow.Date == now.Date)
                    {
                        var actual = Measurements.ResultCount(body);

                        // The service relaxes a search that finds nothing (and says so); the engine alone does not.
                        var root = JsonDocument.Parse(body).RootElement;
                        var relaxed = expected == 0 && root.ValueKind == JsonValueKind.Object && root.TryGetProperty("relaxed", out _);

                        // Suggest puts the queries it understood ("đồ cũ" for "cu") before the engine's
                        // completions, within the same size: each one may push out or stand for one of them.
                        var interpreted = Measurements.InterpretedCount(body);
                        var fromEngine = actual - interpreted;
                        var agrees = actual == expected
                            || (interpreted > 0 && fromEngine <= expected && fromEngine >= Math.Min(expected, query.Size) - interpreted);
                        if (!agrees && !relaxed)
                        {
                            mismatches++;
                            run.Errors.Add($"HTTP answer of {name} differs from in-engine for {query}: {actual} vs {expected}");
                        }
                    }

                    report(++done);
                }
            }
        });
        if (mismatches == 0)
        {
            Ui.Good($"{char.ToUpperInvariant(name[0])}{name[1..]} answers every warm-up query with the in-engine result count.");
        }
    }

    private static void ReportErrors(RunResult run, string phase, Samples samples)
    {
        if (samples.Errors > 0)
        {
            run.Errors.Add($"{phase}: {samples.Errors} failed; first: {samples.FirstError}");
            Ui.Error($"{phase}: {samples.Errors} failed; first: {samples.FirstError}");
        }
    }

    private static string RepositoryRoot()
    {
        foreach (var start in (string[])[Directory.GetCurrentDirectory(), AppContext.BaseDirectory])
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "DongNai.slnx")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run from inside the repository (DongNai.slnx not found).");
    }
}
