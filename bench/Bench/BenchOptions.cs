using System.Globalization;
using DongNai.Domain;
using Npgsql;

namespace DongNai.Bench;

/// <summary>What one run of the harness does; read from the command line (see <see cref="Usage"/>).</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Bench -- [options]
          --listings N        listings to generate (default 1000000; quick: 20000)
          --seed S            random seed of the data and of the query parameters (default 2025)
          --queries N         measured queries per query type and system (default 300; quick: 100)
          --warmup N          warm-up queries per query type and system before measuring (default 30; quick: 15)
          --http-warmup N     warm-up requests per query type before the HTTP phase, in the service's own process
                              (default 300; quick: 50): it starts cold, and its JIT's tier-up runs during the first ones
          --clients 1,2,4     concurrent HTTP clients (default 1,2,4; quick: 1,2)
          --phase-seconds S   time cap of one measured phase, so a slow system cannot stall the run (default 90; quick: 10)
          --check N           filter-only queries per type cross-checked for identical id sets (default 40; quick: 25)
          --types A,B         measure only these query types (slugs as in the report; needs --no-docs, for profiling)
          --no-peer           skip PostgreSQL + PostGIS (quick: always skipped)
          --no-http           skip the HTTP phase
          --databases A,B     the service's systems of record in the HTTP phase: sqlite, postgresql (default both
                              with the peer, sqlite without); sqlite is always measured (the targets are judged on
                              it); postgresql is a database of its own on the peer's server (<peer database>_service),
                              seeded with the same listings, its index rebuilt from it and measured
          --no-docs           do not rewrite docs/benchmarks.md and the chart (quick: never written)
          --reuse             keep the data folder and the peer's tables when they hold the same listings and seed
          --data DIR          working folder for SQLite, the index and the service (default /tmp/dongnai-bench/<listings>)
          --results DIR       where the JSON result goes (default docs/benchmarks; quick: a temp folder)
          --peer CONN         Npgsql connection string of the peer (default: 127.0.0.1:55432, database dongnai_bench,
                              as started by bench/peer/install-postgres.sh)
          --quick             smoke test for CI: 20k listings, a few hundred queries, no peer, no docs
          --soak              soak test instead: the service under mixed reads and writes from --clients concurrent
                              clients (one number, default 8) for --minutes, over --listings demo listings (default
                              20000); JSON in --results (default docs/benchmarks), its section of docs/benchmarks.md
          --minutes N         how long the soak runs (default 5, at most 720)
          --candidates N      synthetic discoverable CVs for the candidate-search phase (default 100000; quick: 2000);
                              with the peer, in a database of its own (<peer database>_candidates)
          --no-candidates     skip the candidate-search phase
          --candidates-only   run the candidate-search phase alone (no listings), JSON in --results
        """;

    public int Listings { get; init; } = 1_000_000;

    public int Seed { get; init; } = 2025;

    public int Queries { get; init; } = 300;

    public int WarmUp { get; init; } = 30;

    /// <summary>
    /// Requests per query type that warm the service's process up before the HTTP phase. The service
    /// starts cold; with 30, the 1-client feed phase (the first) still measured the JIT's tier-up
    /// (29 ms median against 17 ms for the 2-client phase after it; 19 ms with 300).
    /// </summary>
    public int HttpWarmUp { get; init; } = 300;

    public IReadOnlyList<int> Clients { get; init; } = [1, 2, 4];

    public double PhaseSeconds { get; init; } = 90;

    public int CheckQueries { get; init; } = 40;

    public IReadOnlyList<QueryType> Types { get; init; } = QueryTypes.All;

    public bool Quick { get; init; }

    /// <summary>Runs the soak scenario (<see cref="SoakScenario"/>) instead of the comparison.</summary>
    public bool Soak { get; init; }

    /// <summary>How long the soak runs.</summary>
    public int Minutes { get; init; } = 5;

    /// <summary>Synthetic discoverable CVs of the candidate-search phase; 0 skips it.</summary>
    public int Candidates { get; init; } = 100_000;

    /// <summary>Runs the candidate-search phase alone.</summary>
    public bool CandidatesOnly { get; init; }

    /// <summary>The candidate phase's peer database: the peer's server, a database named after the peer's with <c>_candidates</c>.</summary>
    public string CandidatesDatabaseConnection
    {
        get
        {
            var peer = new NpgsqlConnectionStringBuilder(PeerConnection);
            return new NpgsqlConnectionStringBuilder(PeerConnection) { Database = (peer.Database ?? "dongnai_bench") + "_candidates" }.ConnectionString;
        }
    }

    public bool Peer { get; init; } = true;

    public bool Http { get; init; } = true;

    /// <summary>The systems of record the service runs on in the HTTP phase (<see cref="Parse"/> makes it both when the peer is on).</summary>
    public IReadOnlyList<DatabaseProvider> Databases { get; init; } = [DatabaseProvider.Sqlite];

    /// <summary>Whether the HTTP phase also runs the service with <c>Database:Provider=PostgreSql</c>.</summary>
    public bool PostgreSqlService => Http && Databases.Contains(DatabaseProvider.PostgreSql);

    /// <summary>The PostgreSQL-backed service's database: the peer's server, a database named after the peer's with <c>_service</c>.</summary>
    public string ServiceDatabaseConnection
    {
        get
        {
            var peer = new NpgsqlConnectionStringBuilder(PeerConnection);
            return new NpgsqlConnectionStringBuilder(PeerConnection) { Database = (peer.Database ?? "dongnai_bench") + "_service", MaxPoolSize = 30 }.ConnectionString;
        }
    }

    public bool WriteDocs { get; init; } = true;

    public bool Reuse { get; init; }

    public string? DataPath { get; init; }

    public string? ResultsPath { get; init; }

    public string PeerConnection { get; init; } =
        "Host=127.0.0.1;Port=55432;Username=postgres;Database=dongnai_bench;Pooling=true;Maximum Pool Size=16;Command Timeout=300;Timeout=30";

    /// <summary>The arguments as given, for the report.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Parses the arguments; null (with a message) when they are wrong.</summary>
    public static BenchOptions? Parse(string[] args, out string? error)
    {
        error = null;
        var quick = args.Contains("--quick");
        var soak = args.Contains("--soak");
        if (quick && soak)
        {
            error = "--quick and --soak are two different runs; choose one.";
            return null;
        }

        var options = quick
            ? new BenchOptions { Quick = true, Listings = 20_000, Candidates = 2_000, Queries = 100, WarmUp = 15, HttpWarmUp = 50, Clients = [1, 2], PhaseSeconds = 10, CheckQueries = 25, Peer = false, WriteDocs = false }
            : soak ? new BenchOptions { Soak = true, Listings = 20_000, Clients = [8], Peer = false }
            : new BenchOptions();
        options = options with { Arguments = args };
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value()
            {
                if (i + 1 >= args.Length)
                {
                    throw new FormatException($"{name} needs a value.");
                }

                return args[++i];
            }

            int Int(int min, int max)
            {
                var text = Value();
                if (!int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
                {
                    throw new FormatException($"{name} must be a whole number from {min} to {max}.");
                }

                return value;
            }

            try
            {
                options = name switch
                {
                    "--quick" or "--soak" => options,
                    "--minutes" => options with { Minutes = Int(1, 12 * 60) },
                    "--candidates" => options with { Candidates = Int(100, 10_000_000) },
                    "--no-candidates" => options with { Candidates = 0 },
                    "--candidates-only" => options with { CandidatesOnly = true },
                    "--listings" => options with { Listings = Int(100, 10_000_000) },
                    "--seed" => options with { Seed = Int(0, int.MaxValue) },
                    "--queries" => options with { Queries = Int(10, 1_000_000) },
                    "--warmup" => options with { WarmUp = Int(0, 100_000) },
                    "--http-warmup" => options with { HttpWarmUp = Int(1, 100_000) },
                    "--clients" => options with { Clients = ParseClients(Value()) },
                    "--phase-seconds" => options with { PhaseSeconds = Int(1, 3600) },
                    "--check" => options with { CheckQueries = Int(0, 10_000) },
                    "--types" => options with { Types = ParseTypes(Value()) },
                    "--no-peer" => options with { Peer = false },
                    "--no-http" => options with { Http = false },
                    "--databases" => options with { Databases = ParseDatabases(Value()) },
                    "--no-docs" => options with { WriteDocs = false },
                    "--reuse" => options with { Reuse = true },
                    "--data" => options with { DataPath = Path.GetFullPath(Value()) },
                    "--results" => options with { ResultsPath = Path.GetFullPath(Value()) },
                    "--peer" => options with { PeerConnection = Value() },
                    _ => throw new FormatException($"Unknown option {name}."),
                };
            }
            catch (FormatException exception)
            {
                error = exception.Message;
                return null;
            }
        }

        if (options.Quick && (options.Peer || options.WriteDocs))
        {
            // Quick mode is the CI smoke test: no server to install, nothing written into docs/.
            options = options with { Peer = false, WriteDocs = false };
        }

        if (!args.Contains("--databases"))
        {
            // Both when the peer's server is there to hold the second database; the smoke test has none.
            options = options with { Databases = options.Peer ? [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql] : [DatabaseProvider.Sqlite] };
        }

        if (options.CandidatesOnly && options.Candidates == 0)
        {
            error = "--candidates-only and --no-candidates contradict each other.";
            return null;
        }

        if (options.Soak && options.Clients.Count != 1)
        {
            error = "--soak runs one number of clients (--clients 8).";
            return null;
        }

        if (!options.Soak && args.Contains("--minutes"))
        {
            error = "--minutes is the length of a --soak run.";
            return null;
        }

        if (options.WriteDocs && options.Types.Count != QueryTypes.All.Count)
        {
            error = "--types measures part of the mix, so it needs --no-docs: the published table stays complete.";
            return null;
        }

        return options;
    }

    private static QueryType[] ParseTypes(string text)
    {
        var types = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(slug => QueryTypes.All.FirstOrDefault(type => type.Slug() == slug) is var type && type.Slug() == slug
                ? type
                : throw new FormatException($"--types: unknown query type '{slug}'; known: {string.Join(", ", QueryTypes.All.Select(t => t.Slug()))}."))
            .Distinct()
            .Order()
            .ToArray();
        return types.Length > 0 ? types : throw new FormatException("--types needs at least one query type.");
    }

    private static DatabaseProvider[] ParseDatabases(string text)
    {
        var databases = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => name.ToUpperInvariant() switch
            {
                "SQLITE" => DatabaseProvider.Sqlite,
                "POSTGRESQL" => DatabaseProvider.PostgreSql,
                _ => throw new FormatException($"--databases: unknown system of record '{name}'; known: sqlite, postgresql."),
            })
            .Distinct()
            .Order()
            .ToArray();
        return databases.Contains(DatabaseProvider.Sqlite)
            ? databases
            : throw new FormatException("--databases must include sqlite: the SQLite-backed service is the reference the targets are judged on (give sqlite,postgresql).");
    }

    private static int[] ParseClients(string text)
    {
        var clients = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 64 ? n : throw new FormatException("--clients takes numbers from 1 to 64, comma-separated."))
            .Distinct()
            .Order()
            .ToArray();
        return clients.Length > 0 ? clients : throw new FormatException("--clients needs at least one number.");
    }
}
