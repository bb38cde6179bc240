using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DongNai.Search;

/// <summary>
/// The service's own traces and metrics, under one name (<see cref="Name"/>) for both the
/// <see cref="ActivitySource"/> and the <see cref="Meter"/>, so a host subscribes once. Defined here,
/// in the engine-neutral layer, because the engines, the indexers, the ranking and the host all
/// record into it; it needs nothing but the BCL, and records nothing until a host listens.
/// </summary>
/// <remarks>
/// <para>
/// Tags never carry personal data or user input: no query text (it may hold a phone number; only
/// its length is recorded), no account, phone or address. Listing kinds, listing ids, counts,
/// relaxation step names and outcomes are what they hold. Metric tags stay low in cardinality
/// (kind, operation, outcome, job type); ids appear on spans only.
/// </para>
/// <para>
/// Thread-safe: the source, the meter and the instruments are process-wide and safe to use from any
/// thread. Several hosts in one process (the API tests) share them, so each host's listener sees
/// every host's measurements.
/// </para>
/// </remarks>
public static class SearchTelemetry
{
    public const string Name = "DongNai.Search";

    /// <summary>Span and metric tag names (attributes), in the OpenTelemetry dotted style.</summary>
    public static class Tags
    {
        /// <summary>search, suggest, related; for the engine also spelling, frequencies, upsert, delete, commit, count, rebuild.</summary>
        public const string Operation = "dongnai.search.operation";

        /// <summary>A listing kind's slug, or <c>all</c> for a search over every kind.</summary>
        public const string Kind = "dongnai.listing.kind";

        public const string ListingId = "dongnai.listing.id";

        /// <summary>Length in characters of the text typed (never the text itself).</summary>
        public const string QueryLength = "dongnai.search.query_length";

        public const string Sort = "dongnai.search.sort";

        public const string PageSize = "dongnai.search.page_size";

        public const string HasCursor = "dongnai.search.has_cursor";

        /// <summary>Listings that match (the search's total).</summary>
        public const string Total = "dongnai.search.total";

        /// <summary>Hits or suggestions returned in this answer.</summary>
        public const string Returned = "dongnai.search.returned";

        /// <summary>How many relaxation steps the answer took (0 when the query found something as typed).</summary>
        public const string RelaxedSteps = "dongnai.search.relaxed_steps";

        /// <summary>The names of those steps in order, comma-separated (spelling, word, filter, radius, price).</summary>
        public const string Relaxations = "dongnai.search.relaxations";

        /// <summary>One relaxation step's name, on the relaxation counter.</summary>
        public const string Relaxation = "dongnai.search.relaxation";

        /// <summary>The <c>requestId</c> a search response carries, so events sent with it lead to this trace.</summary>
        public const string RequestId = "dongnai.search.request_id";

        public const string Documents = "dongnai.indexing.documents";

        public const string Batches = "dongnai.indexing.batches";

        public const string Read = "dongnai.indexing.read";

        public const string Applied = "dongnai.indexing.applied";

        public const string Failures = "dongnai.indexing.failures";

        public const string DeadLetters = "dongnai.indexing.dead_letters";

        public const string Pending = "dongnai.indexing.pending";

        /// <summary>A background job's class and method, e.g. <c>OutboxDrainJob.RunAsync</c>.</summary>
        public const string JobType = "dongnai.job.type";

        public const string JobId = "dongnai.job.id";

        /// <summary>succeeded, failed or canceled.</summary>
        public const string Outcome = "dongnai.job.outcome";
    }

    // Latencies from a millisecond to ten seconds: the SDK's default buckets are meant for milliseconds.
    private static readonly double[] s_secondBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] s_jobBuckets = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900];
    private static readonly long[] s_hitBuckets = [0, 1, 5, 10, 20, 50, 100, 1_000, 10_000, 100_000];

    public static ActivitySource ActivitySource { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    /// <summary>How long a search, suggest or related request took end to end (interpretation, engine, ranking, relaxation), by operation and kind.</summary>
    public static Histogram<double> SearchDuration { get; } = Meter.CreateHistogram(
        "dongnai.search.duration", "s", "Time to answer a search, suggest or related request.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_secondBuckets });

    /// <summary>How many listings a search matched (suggest and related: how many they returned), by operation and kind; the 0 bucket counts dead ends.</summary>
    public static Histogram<long> SearchHits { get; } = Meter.CreateHistogram(
        "dongnai.search.hits", "{hit}", "Listings a search matched, or suggestions and related listings returned.",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = s_hitBuckets });

    /// <summary>Relaxation steps taken by searches that found nothing as typed and something after relaxing, by kind and step.</summary>
    public static Counter<long> SearchRelaxations { get; } = Meter.CreateCounter<long>(
        "dongnai.search.relaxations", "{step}", "Relaxation steps taken to turn an empty search into one that finds something.");

    /// <summary>Time spent inside the engine, by operation: what the engine costs apart from the service around it.</summary>
    public static Histogram<double> EngineDuration { get; } = Meter.CreateHistogram(
        "dongnai.engine.duration", "s", "Time spent in the search engine per call.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_secondBuckets });

    public static Counter<long> IndexingApplied { get; } = Meter.CreateCounter<long>(
        "dongnai.indexing.applied", "{entry}", "Outbox entries applied to the search index.");

    public static Counter<long> IndexingFailures { get; } = Meter.CreateCounter<long>(
        "dongnai.indexing.failures", "{attempt}", "Failed attempts to index one listing (it is retried on the next drain).");

    public static Counter<long> IndexingDeadLetters { get; } = Meter.CreateCounter<long>(
        "dongnai.indexing.dead_letters", "{listing}", "Listings set aside as dead letters after failing too often.");

    /// <summary>From a listing's write (its outbox entry) to the engine holding it: how far the index is behind the database.</summary>
    public static Histogram<double> IndexingLag { get; } = Meter.CreateHistogram(
        "dongnai.indexing.lag", "s", "Time from a listing's write to its outbox entry being applied to the index.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_secondBuckets });

    /// <summary>Entries a drain left in the outbox (those that failed in it), or all of them when the drain itself failed.</summary>
    public static Gauge<long> OutboxPending { get; } = Meter.CreateGauge<long>(
        "dongnai.indexing.outbox.pending", "{entry}", "Outbox entries waiting after the last drain.");

    public static Histogram<double> JobDuration { get; } = Meter.CreateHistogram(
        "dongnai.jobs.duration", "s", "Background job run time, by job and outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_jobBuckets });

    /// <summary>The tag value of a kind: its slug, or <c>all</c>.</summary>
    public static string KindTag(Domain.Listings.ListingKind? kind) => kind is { } k ? Domain.Listings.ListingKinds.Slug(k) : "all";

    /// <summary>Seconds since a <see cref="Stopwatch.GetTimestamp"/>.</summary>
    public static double SecondsSince(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
}
