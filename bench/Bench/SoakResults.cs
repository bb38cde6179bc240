namespace DongNai.Bench;

internal sealed record SoakSettings(int Listings, int Seed, double Minutes, int Clients, double WarmUpSeconds, double SampleSeconds, double ProbeIntervalMs, IReadOnlyList<string> ServiceArguments);

/// <summary>One operation's requests: how many, the answers by HTTP status (or the exception), and latency after the warm-up.</summary>
internal sealed record SoakOperation(string Operation, int Requests, IReadOnlyDictionary<string, int> ByStatus, LatencyStats AfterWarmUp);

/// <summary>Reads or writes as a whole, and each operation of them.</summary>
internal sealed record SoakCategory(int Requests, int Errors, IReadOnlyDictionary<string, int> ByStatus, LatencyStats AfterWarmUp, IReadOnlyList<SoakOperation> Operations);

/// <summary>From a create's 201 to the first search that finds it, for the creates the probe followed.</summary>
internal sealed record SoakVisibility(int Probed, int NotVisible, double GiveUpSeconds, LatencyStats Latency, int ProbeRequests);

/// <summary>
/// One sample of the service process (from /proc: resident memory, its anonymous part, which holds
/// the managed heap, and its file-backed part, mostly the memory-mapped index; CPU time; threads)
/// and of its data folder.
/// </summary>
internal sealed record SoakSample(
    double Seconds, long RssBytes, long AnonymousBytes, long FileBytes, double CpuSeconds, int Threads, long IndexBytes, long DatabaseBytes, int Requests);

/// <summary>
/// Memory over the run: the service's resident memory when ready, after the warm-up and at the
/// end (each the mean of the samples in a 30 s window), the drift between the last two, the slope
/// of a least-squares line through the samples after the warm-up, and the peak (VmHWM).
/// </summary>
internal sealed record SoakMemory(
    long RssAtReadyBytes,
    long RssAfterWarmUpBytes,
    long RssAtEndBytes,
    long RssDriftBytes,
    double RssSlopeMiBPerMinute,
    long AnonymousAfterWarmUpBytes,
    long AnonymousAtEndBytes,
    long AnonymousDriftBytes,
    double AnonymousSlopeMiBPerMinute,
    long PeakRssBytes,
    IReadOnlyList<SoakSample> Samples);

/// <summary>One minute of the run: requests and latency of reads and writes, and memory at its end.</summary>
internal sealed record SoakMinute(int Minute, int Reads, double ReadP50Ms, double ReadP99Ms, int Writes, double WriteP50Ms, double WriteP99Ms, int Errors, long RssBytes, long AnonymousBytes);

/// <summary>Everything one soak run measured; serialised as its JSON result file.</summary>
internal sealed record SoakResult
{
    public string Harness { get; init; } = "dongnai-bench/soak-1";

    public required DateTime StartedUtc { get; init; }

    public double DurationSeconds { get; set; }

    public required string Command { get; init; }

    public required MachineInfo Machine { get; init; }

    public required SoakSettings Settings { get; init; }

    /// <summary><c>uptime</c> just before the run and just after it: the other work on the machine shows here.</summary>
    public required string UptimeBefore { get; init; }

    public string UptimeAfter { get; set; } = "";

    public SeedResult? Seed { get; set; }

    /// <summary>From starting the service to its readiness: the start plus building the index from the database.</summary>
    public double ServiceReadySeconds { get; set; }

    public double MeasuredSeconds { get; set; }

    public SoakCategory? Reads { get; set; }

    public SoakCategory? Writes { get; set; }

    public SoakVisibility? Visibility { get; set; }

    public SoakMemory? Memory { get; set; }

    public List<SoakMinute> Minutes { get; } = [];

    /// <summary>Outbox entries still waiting when the index was given up on (30 s after the clients stopped; 0 when it caught up).</summary>
    public long OutboxLeft { get; set; }

    /// <summary>From the clients' stop to an empty outbox: the index has every write.</summary>
    public double CaughtUpSeconds { get; set; }

    /// <summary>Listings the indexer set aside during the run (it should set none aside).</summary>
    public long DeadLetters { get; set; }

    public List<string> Errors { get; } = [];

    public List<string> Notes { get; } = [];
}
