using SharpFuzz;

namespace DongNai.Fuzz;

/// <summary>
/// The command line of the harness: instrument assemblies, or run one target on standard input: under
/// afl-fuzz, SharpFuzz's fork server runs it for every input; outside, it runs once (a replay).
/// </summary>
public static class FuzzProgram
{
    /// <summary>
    /// The types to instrument: the parsers of outside text and what they call (folding, the place
    /// catalog's lookups), not the rest of Lucene.NET, whose branches would only dilute the coverage map.
    /// </summary>
    private static readonly string[] InstrumentedNamespaces =
    [
        "DongNai.Search.Understanding", "DongNai.Domain.Text", "DongNai.Domain.Places", "DongNai.Search.Lucene.Querying", "DongNai.Ranking",
    ];

    public static int Run(string[] args)
    {
        if (args is ["instrument", .. var assemblies] && assemblies.Length > 0)
        {
            foreach (var assembly in assemblies)
            {
                Fuzzer.Instrument(assembly, type => InstrumentedNamespaces.Any(ns => type.StartsWith(ns + ".", StringComparison.Ordinal)), Options.Value);
            }

            return 0;
        }

        if (args is [var target] && FuzzTargets.Find(target) is { } fuzzed)
        {
            Fuzzer.Run(stream =>
            {
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                fuzzed(buffer.ToArray());
            });
            return 0;
        }

        Console.Error.WriteLine($"usage: instrument <assembly>… | {string.Join(" | ", FuzzTargets.Names)} (input on standard input)");
        return 2;
    }
}
