using System.Globalization;

namespace DongNai.Bench;

/// <summary>
/// Our figures and the peer's over HTTP (ours) and SQL over loopback (the peer) at one concurrency.
/// <paramref name="Ours"/> is the service on SQLite; <paramref name="OursOnPostgreSql"/> the same
/// service with <c>Database:Provider=PostgreSql</c>, when measured (<c>--databases</c>).
/// </summary>
internal sealed record HttpLevelResult(int Clients, LatencyStats Ours, LatencyStats? Peer, LatencyStats? OursOnPostgreSql = null)
{
    /// <summary>The PostgreSQL-backed service's median over the SQLite-backed one's (above 1: slower).</summary>
    public double? PostgreSqlMedianRatio => Ratio(OursOnPostgreSql?.MedianMs ?? double.NaN, Ours.MedianMs);

    public double? PostgreSqlP99Ratio => Ratio(OursOnPostgreSql?.P99Ms ?? double.NaN, Ours.P99Ms);

    public double? PostgreSqlThroughputRatio => Ratio(OursOnPostgreSql?.ThroughputPerSecond ?? double.NaN, Ours.ThroughputPerSecond);

    public double? MedianRatio => Ratio(Ours.MedianMs, Peer?.MedianMs);

    public double? P99Ratio => Ratio(Ours.P99Ms, Peer?.P99Ms);

    /// <summary>Our throughput over the peer's (higher is better for us).</summary>
    public double? ThroughputRatio => Ratio(Ours.ThroughputPerSecond, Peer?.ThroughputPerSecond);

    internal static double? Ratio(double ours, double? peer) =>
        peer is { } p && p > 0 && double.IsFinite(ours) && double.IsFinite(p) ? Math.Round(ours / p, 4) : null;
}

internal sealed record QueryTypeResult(
    string Type,
    string Description,
    int DistinctQueries,
    LatencyStats InEngine,
    LatencyStats? Peer,
    IReadOnlyList<HttpLevelResult> Http)
{
    /// <summary>Our median over the peer's: 0.1 means ten times faster.</summary>
    public double? MedianRatio => HttpLevelResult.Ratio(InEngine.MedianMs, Peer?.MedianMs);

    public double? P99Ratio => HttpLevelResult.Ratio(InEngine.P99Ms, Peer?.P99Ms);
}

/// <summary>Peak and resident memory; the PostgreSQL-backed service's figures are 0 when it did not run.</summary>
internal sealed record MemoryResult(
    long BenchPeakBytes,
    long ServiceRssAtReadyBytes,
    long ServicePeakBytes,
    long ServiceRssAtEndBytes,
    long PostgreSqlServiceRssAtReadyBytes = 0,
    long PostgreSqlServicePeakBytes = 0,
    long PostgreSqlServiceRssAtEndBytes = 0);

internal sealed record TargetResult(string Target, string Measured, bool? Met);

internal sealed record RunSettings(
    int Listings,
    int Seed,
    int Queries,
    int WarmUp,
    IReadOnlyList<int> Clients,
    double PhaseSeconds,
    int CheckQueries,
    bool Peer,
    bool Http,
    DateTime ReferenceDate,
    DateTime Now,
    IReadOnlyList<string>? Databases = null);

/// <summary>Everything one run measured; serialised as the JSON result file.</summary>
internal sealed record RunResult
{
    public string Harness { get; init; } = "dongnai-bench/1";

    public required DateTime StartedUtc { get; init; }

    public double DurationSeconds { get; set; }

    public required string Command { get; init; }

    public required bool Quick { get; init; }

    public required MachineInfo Machine { get; init; }

    public required RunSettings Settings { get; init; }

    public SeedResult? Seed { get; set; }

    public bool DataReused { get; set; }

    public BuildResult? Build { get; set; }

    public PeerLoadResult? PeerLoad { get; set; }

    /// <summary>The same listings seeded into the PostgreSQL-backed service's database (<c>--databases</c>).</summary>
    public SeedResult? PostgreSqlSeed { get; set; }

    /// <summary>The index rebuilt from that database, as the PostgreSQL-backed service would.</summary>
    public BuildResult? PostgreSqlBuild { get; set; }

    public List<QueryTypeResult> Queries { get; } = [];

    public CrossCheckResult? CrossCheck { get; set; }

    public InterpreterCostResult? Interpreter { get; set; }

    /// <summary>What re-ranking 200 candidates adds to a relevance search (RankingWorkload.cs); null when rerank is not measured.</summary>
    public RerankCostResult? Rerank { get; set; }

    /// <summary>Candidate search over synthetic CVs (issue 10), when measured.</summary>
    public CandidateBenchResult? Candidates { get; set; }

    public MemoryResult? Memory { get; set; }

    public List<TargetResult> Targets { get; } = [];

    public List<string> Errors { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>The issue's targets (2-core machine, 1M listings), judged on this run's figures.</summary>
    public void JudgeTargets()
    {
        Targets.Clear();
        var scale = Settings.Listings == 1_000_000 ? "" : $" (this run: {Settings.Listings:N0} listings, the target is for 1,000,000)";
        var headline = Queries.FirstOrDefault(q => q.Type == QueryType.TextGeoPrice.Slug());
        if (headline is not null)
        {
            Targets.Add(new("In-engine text+geo+price+facets: median ≤ 3 ms" + scale, Ms(headline.InEngine.MedianMs), headline.InEngine.MedianMs <= 3));
            Targets.Add(new("In-engine text+geo+price+facets: p99 ≤ 15 ms" + scale, Ms(headline.InEngine.P99Ms), headline.InEngine.P99Ms <= 15));
            if (headline.Http.FirstOrDefault(h => h.Clients == 2) is { } two)
            {
                Targets.Add(new("HTTP, 2 clients, text+geo+price+facets: median ≤ 8 ms" + scale, Ms(two.Ours.MedianMs), two.Ours.MedianMs <= 8));
                Targets.Add(new("HTTP, 2 clients, text+geo+price+facets: ≥ 300 req/s" + scale, $"{two.Ours.ThroughputPerSecond:F0} req/s", two.Ours.ThroughputPerSecond >= 300));
            }
        }

        if (Queries.Any(q => q.Peer is not null))
        {
            var slow = Queries.Where(q => q.Peer is not null && !(q.MedianRatio <= 0.1 && q.P99Ratio <= 0.1)).Select(q => q.Type).ToList();
            var worst = Queries.Where(q => q.Peer is not null).Select(q => Math.Min(1 / (q.MedianRatio ?? double.NaN), 1 / (q.P99Ratio ?? double.NaN))).Min();
            Targets.Add(new(
                "≥ 10× faster than PostgreSQL + PostGIS at median and p99 on every query type (in-engine vs one SQL connection)" + scale,
                slow.Count == 0 ? $"all types; the least is {worst:F1}×" : $"missed on: {string.Join(", ", slow)}; the least is {worst:F1}×",
                slow.Count == 0));
        }

        if (CrossCheck is { } check)
        {
            Targets.Add(new(
                "Identical filter results (radius, bbox, polygon, ranges, categories)",
                check.Passed ? $"{check.Queries} queries, {check.IdsCompared:N0} ids compared, 0 differences" : $"{check.Failures.Count} differences",
                check.Passed));
        }

        if (Build is { } build)
        {
            Targets.Add(new("Full index build ≥ 25,000 listings/s" + scale, $"{build.DocumentsPerSecond:N0} listings/s", build.DocumentsPerSecond >= 25_000));
        }

        if (Memory is { ServicePeakBytes: > 0 } memory)
        {
            Targets.Add(new("Service peak memory ≤ 1.5 GiB" + scale, Bytes(memory.ServicePeakBytes), memory.ServicePeakBytes <= 1.5 * 1024 * 1024 * 1024));
        }
    }

    public static string Ms(double value) => double.IsFinite(value) ? value.ToString(value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " ms" : "–";

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):F2} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):F0} MiB",
        _ => $"{bytes / 1024.0:F0} KiB",
    };
}
