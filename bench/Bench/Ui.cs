using System.Diagnostics;
using Spectre.Console;

namespace DongNai.Bench;

/// <summary>
/// Progress and messages on the console: live progress bars on a terminal, and a plain line every
/// few seconds when the output goes to a file or CI log (where bars would only add noise).
/// </summary>
internal static class Ui
{
    private static readonly Lock Gate = new();

    public static bool Interactive { get; } = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static void Heading(string text) => AnsiConsole.MarkupLineInterpolated($"\n[bold underline]{text}[/]");

    public static void Info(string text) => AnsiConsole.MarkupLineInterpolated($"[grey]{text}[/]");

    public static void Good(string text) => AnsiConsole.MarkupLineInterpolated($"[green]{text}[/]");

    public static void Warn(string text) => AnsiConsole.MarkupLineInterpolated($"[yellow]{text}[/]");

    public static void Error(string text) => AnsiConsole.MarkupLineInterpolated($"[bold red]{text}[/]");

    /// <summary>Runs <paramref name="work"/>, which reports how far it got (0–<paramref name="total"/>) through the callback it is given, from any thread.</summary>
    public static async Task<T> ProgressAsync<T>(string title, double total, Func<Action<double>, Task<T>> work)
    {
        total = Math.Max(total, 1);
        if (Interactive)
        {
            T result = default!;
            await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(title), maxValue: total);
                    result = await work(value => task.Value = Math.Min(value, total));
                    task.Value = total;
                });
            return result;
        }

        Console.WriteLine($"{title} ...");
        var clock = Stopwatch.StartNew();
        var lastPrinted = TimeSpan.Zero;
        var value = await work(done =>
        {
            lock (Gate)
            {
                if (clock.Elapsed - lastPrinted < TimeSpan.FromSeconds(5))
                {
                    return;
                }

                lastPrinted = clock.Elapsed;
            }

            Console.WriteLine($"  {title}: {done:N0} / {total:N0} ({100 * done / total:F0}%), {clock.Elapsed.TotalSeconds:F0} s");
        });
        Console.WriteLine($"  {title}: done in {clock.Elapsed.TotalSeconds:F1} s");
        return value;
    }

    public static Task ProgressAsync(string title, double total, Func<Action<double>, Task> work) =>
        ProgressAsync<bool>(title, total, async report =>
        {
            await work(report);
            return true;
        });
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread at once (System.Progress posts to the thread pool, out of order).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
