using System.Globalization;
using System.Text;
using Spectre.Console;

namespace DongNai.Bench;

/// <summary>The console summary of a soak run and its generated section of <c>docs/benchmarks.md</c>.</summary>
internal static class SoakReport
{
    public static void Print(SoakResult run)
    {
        var table = new Table().Title("Requests (latency after the warm-up, ms)").AddColumns("", "requests", "errors", "by status", "p50", "p95", "p99", "req/s");
        foreach (var (name, category) in Categories(run))
        {
            table.AddRow(name, N(category.Requests), N(category.Errors), Markup.Escape(Statuses(category.ByStatus)), F(category.AfterWarmUp.MedianMs), F(category.AfterWarmUp.P95Ms), F(category.AfterWarmUp.P99Ms), category.AfterWarmUp.ThroughputPerSecond.ToString("F0", CultureInfo.InvariantCulture));
            foreach (var operation in category.Operations)
            {
                table.AddRow("  " + operation.Operation, N(operation.Requests), "", Markup.Escape(Statuses(operation.ByStatus)), F(operation.AfterWarmUp.MedianMs), F(operation.AfterWarmUp.P95Ms), F(operation.AfterWarmUp.P99Ms), operation.AfterWarmUp.ThroughputPerSecond.ToString("F0", CultureInfo.InvariantCulture));
            }
        }

        AnsiConsole.Write(table);
        if (run.Visibility is { } v)
        {
            Ui.Info($"Create → searchable: {v.Probed} followed, median {F(v.Latency.MedianMs)} ms, p95 {F(v.Latency.P95Ms)} ms, p99 {F(v.Latency.P99Ms)} ms, max {F(v.Latency.MaxMs)} ms; not searchable within {v.GiveUpSeconds:F0} s: {v.NotVisible}");
        }

        if (run.Memory is { } m)
        {
            Ui.Info($"Service RSS: ready {RunResult.Bytes(m.RssAtReadyBytes)}, after warm-up {RunResult.Bytes(m.RssAfterWarmUpBytes)}, end {RunResult.Bytes(m.RssAtEndBytes)} (drift {Signed(m.RssDriftBytes)}, slope {m.RssSlopeMiBPerMinute:F2} MiB/min), peak {RunResult.Bytes(m.PeakRssBytes)}; anonymous {RunResult.Bytes(m.AnonymousAfterWarmUpBytes)} → {RunResult.Bytes(m.AnonymousAtEndBytes)} (drift {Signed(m.AnonymousDriftBytes)}, slope {m.AnonymousSlopeMiBPerMinute:F2} MiB/min)");
        }

        Ui.Info($"Outbox empty {run.CaughtUpSeconds:F1} s after the clients stopped (left: {run.OutboxLeft}); dead letters: {run.DeadLetters}; uptime before: {run.UptimeBefore}; after: {run.UptimeAfter}");
        foreach (var error in run.Errors.Take(10))
        {
            Ui.Error("  " + error);
        }
    }

    /// <summary>Replaces the soak section of the markdown file, or adds it after the comparison's generated section.</summary>
    public static void WriteMarkdown(SoakResult run, string path, string jsonRelative)
    {
        var generated = Generate(run, jsonRelative.Replace('\\', '/'));
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n\n";
        var begin = existing.IndexOf(SoakScenario.Begin, StringComparison.Ordinal);
        var end = existing.IndexOf(SoakScenario.End, StringComparison.Ordinal);
        var after = existing.IndexOf(Report.End, StringComparison.Ordinal);
        var text = begin >= 0 && end > begin
            ? existing[..begin] + generated + existing[(end + SoakScenario.End.Length)..]
            : after >= 0
                ? existing[..(after + Report.End.Length)] + "\n\n" + generated + existing[(after + Report.End.Length)..]
                : existing.TrimEnd() + "\n\n" + generated + "\n";
        File.WriteAllText(path, text);
    }

    private static string Generate(SoakResult run, string jsonRelative)
    {
        var m = run.Machine;
        var s = run.Settings;
        var md = new StringBuilder();
        md.AppendLine(SoakScenario.Begin);
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"## Soak: {run.StartedUtc:yyyy-MM-dd HH:mm} UTC, {s.Minutes:F0} min, {s.Clients} clients, {s.Listings:N0} listings");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- **Command**: `{run.Command}`");
        md.AppendLine(CultureInfo.InvariantCulture, $"- **Commit**: `{m.Commit}`{(m.WorkingTreeDirty ? $" (with uncommitted changes: {string.Join(", ", m.UncommittedFiles.Select(file => $"`{file}`"))})" : "")}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- **Machine**: {m.Cores} cores (`nproc`), {m.CpuModel}, {m.MemoryGiB} GiB RAM ({m.MemoryAvailableGiB} GiB available at start); {m.OperatingSystem}; {m.Runtime}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- **Load** (`uptime`): before `{run.UptimeBefore}`; after `{run.UptimeAfter}`");
        md.AppendLine(CultureInfo.InvariantCulture, $"- **Run**: seed {s.Seed}; {s.Clients} clients, each a registered worker sending one request after another; measured {run.MeasuredSeconds:F0} s, latencies after a {s.WarmUpSeconds:F0} s warm-up; service ready {run.ServiceReadySeconds:F1} s after its start (index built from the database); whole run {run.DurationSeconds / 60:F1} min; raw figures: [{jsonRelative}]({jsonRelative})");
        md.AppendLine();
        md.AppendLine("| | requests | errors | answers by status | p50 ms | p95 ms | p99 ms | req/s |");
        md.AppendLine("|---|---:|---:|---|---:|---:|---:|---:|");
        foreach (var (name, category) in Categories(run))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| **{name}** | {N(category.Requests)} | {N(category.Errors)} | {Statuses(category.ByStatus)} | {F(category.AfterWarmUp.MedianMs)} | {F(category.AfterWarmUp.P95Ms)} | {F(category.AfterWarmUp.P99Ms)} | {category.AfterWarmUp.ThroughputPerSecond:F0} |");
            foreach (var operation in category.Operations)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {Describe(operation.Operation)} | {N(operation.Requests)} | | {Statuses(operation.ByStatus)} | {F(operation.AfterWarmUp.MedianMs)} | {F(operation.AfterWarmUp.P95Ms)} | {F(operation.AfterWarmUp.P99Ms)} | {operation.AfterWarmUp.ThroughputPerSecond:F0} |");
            }
        }

        md.AppendLine();
        if (run.Visibility is { } v)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"**Write acknowledged → searchable**: {v.Probed} creates followed from their 201 by a search for their own word every {s.ProbeIntervalMs:F0} ms ({N(v.ProbeRequests)} probe searches, not counted above): median **{F(v.Latency.MedianMs)} ms**, p95 {F(v.Latency.P95Ms)} ms, p99 **{F(v.Latency.P99Ms)} ms**, max {F(v.Latency.MaxMs)} ms; not searchable within {v.GiveUpSeconds:F0} s: {v.NotVisible}.");
            md.AppendLine();
        }

        if (run.Memory is { } memory)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"**Service memory** (sampled every {s.SampleSeconds:F0} s; after warm-up and end are 30 s means): RSS {RunResult.Bytes(memory.RssAtReadyBytes)} when ready, {RunResult.Bytes(memory.RssAfterWarmUpBytes)} after the warm-up, {RunResult.Bytes(memory.RssAtEndBytes)} at the end: drift **{Signed(memory.RssDriftBytes)}** ({memory.RssSlopeMiBPerMinute:F2} MiB/min by least squares), peak {RunResult.Bytes(memory.PeakRssBytes)}. Anonymous part (managed heap and native): {RunResult.Bytes(memory.AnonymousAfterWarmUpBytes)} → {RunResult.Bytes(memory.AnonymousAtEndBytes)}, drift **{Signed(memory.AnonymousDriftBytes)}** ({memory.AnonymousSlopeMiBPerMinute:F2} MiB/min).");
            md.AppendLine();
        }

        md.AppendLine("| minute | reads | read p50 | read p99 | writes | write p50 | write p99 | errors | RSS | anonymous |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var minute in run.Minutes)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {minute.Minute} | {N(minute.Reads)} | {F(minute.ReadP50Ms)} | {F(minute.ReadP99Ms)} | {N(minute.Writes)} | {F(minute.WriteP50Ms)} | {F(minute.WriteP99Ms)} | {minute.Errors} | {RunResult.Bytes(minute.RssBytes)} | {RunResult.Bytes(minute.AnonymousBytes)} |");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- The index had every write (outbox empty) {run.CaughtUpSeconds:F1} s after the clients stopped{(run.OutboxLeft > 0 ? $"; **{run.OutboxLeft} entries were still waiting** when the run gave up" : "")}; indexing dead letters: {run.DeadLetters}.");
        if (run.Memory is { Samples.Count: > 0 } sampled)
        {
            var last = sampled.Samples[^1];
            md.AppendLine(CultureInfo.InvariantCulture, $"- At the end: index {RunResult.Bytes(last.IndexBytes)} on disk, database {RunResult.Bytes(last.DatabaseBytes)} (with its WAL), {last.Threads} threads, {last.CpuSeconds:F0} s of service CPU time.");
        }

        foreach (var error in run.Errors.Take(10))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- Error: {error}");
        }

        foreach (var note in run.Notes)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        }

        md.AppendLine();
        md.AppendLine(SoakScenario.End);
        return md.ToString();
    }

    private static IEnumerable<(string Name, SoakCategory Category)> Categories(SoakResult run)
    {
        if (run.Reads is not null)
        {
            yield return ("reads", run.Reads);
        }

        if (run.Writes is not null)
        {
            yield return ("writes", run.Writes);
        }
    }

    private static string Describe(string operation) => operation switch
    {
        "Search" => "search (text+geo+price, text, radius+price, whole kind with facets, viewport)",
        "Suggest" => "autocomplete",
        "Related" => "related (more like this)",
        "GetById" => "get by id",
        "Create" => "create (rental or classified)",
        "Update" => "update (PUT) of the client's own",
        "Delete" => "delete of the client's own",
        _ => operation,
    };

    private static string Statuses(IReadOnlyDictionary<string, int> byStatus) => string.Join(", ", byStatus.Select(pair => $"{pair.Key}: {N(pair.Value)}"));

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value) => double.IsFinite(value) ? value.ToString(value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) : "–";

    private static string Signed(long bytes) => (bytes < 0 ? "−" : "+") + RunResult.Bytes(Math.Abs(bytes));
}
