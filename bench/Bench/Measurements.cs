using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace DongNai.Bench;

/// <summary>Latency figures of one system on one query type (milliseconds), and its throughput.</summary>
internal sealed record LatencyStats(int Count, int Errors, double MedianMs, double P95Ms, double P99Ms, double MeanMs, double MaxMs, double ThroughputPerSecond)
{
    /// <summary>Nearest-rank percentiles of the samples; throughput is count / <paramref name="seconds"/>.</summary>
    public static LatencyStats From(List<double> samples, int errors, double seconds)
    {
        if (samples.Count == 0)
        {
            return new LatencyStats(0, errors, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);
        }

        var sorted = samples.Order().ToArray();
        double Percentile(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencyStats(
            sorted.Length,
            errors,
            Math.Round(Percentile(0.50), 3),
            Math.Round(Percentile(0.95), 3),
            Math.Round(Percentile(0.99), 3),
            Math.Round(sorted.Average(), 3),
            Math.Round(sorted[^1], 3),
            Math.Round(sorted.Length / Math.Max(seconds, 1e-9), 1));
    }
}

/// <summary>Samples of one block of requests: latencies, errors (with the first message), and the wall time.</summary>
internal sealed class Samples
{
    private readonly Lock _gate = new();

    public List<double> Milliseconds { get; } = [];

    public int Errors { get; private set; }

    public string? FirstError { get; private set; }

    public double WallSeconds { get; set; }

    public void Add(double milliseconds)
    {
        lock (_gate)
        {
            Milliseconds.Add(milliseconds);
        }
    }

    public void AddAll(IEnumerable<double> milliseconds)
    {
        lock (_gate)
        {
            Milliseconds.AddRange(milliseconds);
        }
    }

    public void Fail(string message)
    {
        lock (_gate)
        {
            Errors++;
            FirstError ??= message;
        }
    }

    public void Merge(Samples other)
    {
        AddAll(other.Milliseconds);
        lock (_gate)
        {
            Errors += other.Errors;
            FirstError ??= other.FirstError;
            WallSeconds += other.WallSeconds;
        }
    }

    /// <summary>Throughput over the wall time (concurrent blocks).</summary>
    public LatencyStats ByWallTime() => LatencyStats.From(Milliseconds, Errors, WallSeconds);

    /// <summary>Throughput of one sequential client: count over the summed latencies (the alternating phase shares its wall time between two systems).</summary>
    public LatencyStats BySummedLatency() => LatencyStats.From(Milliseconds, Errors, Milliseconds.Sum() / 1000.0);
}

/// <summary>
/// The measuring loops. In process, our engine and the peer take turns query by query (the order
/// flips every query), so whatever else the machine does hits both alike. Over HTTP, each
/// concurrency level runs in blocks that alternate between the service and the peer. Every loop is
/// bounded by a count and by a time cap.
/// </summary>
internal static class Measurements
{
    /// <summary>Warms up, then measures our engine and the peer (if any) alternately on the same queries, one at a time.</summary>
    public static async Task<(Samples Ours, Samples? Peer)> InProcessAsync(
        IReadOnlyList<BenchQuery> queries,
        OurEngine ours,
        NpgsqlConnection? peer,
        IReadOnlyDictionary<BenchQuery, PeerStatement>? statements,
        int warmUp,
        int count,
        double maxSeconds,
        ConcurrentDictionary<BenchQuery, int> oursTotals,
        Action<double> report,
        CancellationToken cancellationToken)
    {
        var ourSamples = new Samples();
        var peerSamples = peer is null ? null : new Samples();
        for (var i = 0; i < warmUp; i++)
        {
            var query = queries[i % queries.Count];
            await TimeOurs(query, new Samples());
            if (peer is not null)
            {
                await TimePeer(query, new Samples());
            }
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count && clock.Elapsed.TotalSeconds < maxSeconds; i++)
        {
            var query = queries[i % queries.Count];
            if (i % 2 == 0 || peer is null)
            {
                await TimeOurs(query, ourSamples);
                if (peer is not null)
                {
                    await TimePeer(query, peerSamples!);
                }
            }
            else
            {
                await TimePeer(query, peerSamples!);
                await TimeOurs(query, ourSamples);
            }

            report(i + 1);
        }

        return (ourSamples, peerSamples);

        async Task TimeOurs(BenchQuery query, Samples samples)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                var total = await ours.RunAsync(query, cancellationToken);
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                oursTotals.TryAdd(query, total);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                samples.Fail($"{query}: {exception.GetType().Name}: {exception.Message}");
            }
        }

        async Task TimePeer(BenchQuery query, Samples samples)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                await PostgresPeer.RunAsync(peer!, statements![query], cancellationToken);
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
            {
                samples.Fail($"{query}: {exception.GetType().Name}: {exception.Message}");
            }
        }
    }

    /// <summary>Sends <paramref name="count"/> requests from <paramref name="clients"/> concurrent loops (each one request at a time), starting at query <paramref name="offset"/>.</summary>
    public static Task<Samples> HttpBlockAsync(
        HttpClient client, IReadOnlyList<BenchQuery> queries, int offset, int count, int clients, double maxSeconds, Action? onRequest, CancellationToken cancellationToken) =>
        BlockAsync(queries, offset, count, clients, maxSeconds, onRequest, async (_, query) =>
        {
            try
            {
                using var response = await client.GetAsync(query.HttpPath(), HttpCompletionOption.ResponseContentRead, cancellationToken);
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException exception)
            {
                return exception.Message;
            }
        });

    /// <summary>The peer's counterpart of <see cref="HttpBlockAsync"/>: concurrent loops, each on its own connection, one statement at a time.</summary>
    public static async Task<Samples> PeerBlockAsync(
        NpgsqlDataSource source, IReadOnlyList<BenchQuery> queries, IReadOnlyDictionary<BenchQuery, PeerStatement> statements,
        int offset, int count, int clients, double maxSeconds, Action? onRequest, CancellationToken cancellationToken)
    {
        var connections = new List<NpgsqlConnection>();
        try
        {
            for (var c = 0; c < clients; c++)
            {
                connections.Add(await source.OpenConnectionAsync(cancellationToken));
            }

            return await BlockAsync(queries, offset, count, clients, maxSeconds, onRequest, async (worker, query) =>
            {
                try
                {
                    await PostgresPeer.RunAsync(connections[worker], statements[query], cancellationToken);
                    return null;
                }
                catch (NpgsqlException exception)
                {
                    return exception.Message;
                }
            });
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="count"/> queries from <paramref name="clients"/> concurrent loops, each
    /// one at a time, starting at query <paramref name="offset"/>, until done or
    /// <paramref name="maxSeconds"/> have passed. <paramref name="send"/> gets the loop's number and
    /// the query, and returns null on success or what went wrong; successes are timed.
    /// </summary>
    private static async Task<Samples> BlockAsync(
        IReadOnlyList<BenchQuery> queries, int offset, int count, int clients, double maxSeconds, Action? onRequest, Func<int, BenchQuery, Task<string?>> send)
    {
        var samples = new Samples();
        var next = -1;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(worker => Task.Run(async () =>
        {
            var mine = new List<double>();
            int i;
            while ((i = Interlocked.Increment(ref next)) < count && clock.Elapsed.TotalSeconds < maxSeconds)
            {
                var query = queries[(offset + i) % queries.Count];
                var start = Stopwatch.GetTimestamp();
                if (await send(worker, query) is { } failure)
                {
                    samples.Fail($"{query}: {failure}");
                }
                else
                {
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }

                onRequest?.Invoke();
            }

            samples.AddAll(mine);
        })).ToList();
        await Task.WhenAll(workers);
        samples.WallSeconds = clock.Elapsed.TotalSeconds;
        return samples;
    }

    /// <summary>How many results an HTTP response reports: the search total, the length of a suggest/related list, or a feed page's items.</summary>
    public static int ResultCount(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement.GetArrayLength()
            : document.RootElement.TryGetProperty("items", out var items) && !document.RootElement.TryGetProperty("total", out _)
                ? items.GetArrayLength()
                : document.RootElement.GetProperty("total").GetInt32();
    }

    /// <summary>
    /// How many entries of a suggest response the service added from its query interpreter
    /// (<c>"interpreted": true</c>) rather than from the engine's suggestions; zero for any other body.
    /// </summary>
    public static int InterpretedCount(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement.EnumerateArray().Count(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("interpreted", out var flag) && flag.ValueKind == JsonValueKind.True)
            : 0;
    }
}
