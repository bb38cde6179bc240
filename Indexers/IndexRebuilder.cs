using System.Diagnostics;
using System.Runtime.CompilerServices;
using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Places;
using DongNai.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DongNai.Indexers;

/// <summary>
/// Rebuilds the whole index from the database: streams every listing, with its interaction
/// counts, into a new index, which the engine swaps in atomically (searches keep using the old one
/// until then), then applies the outbox so nothing written during the rebuild is missed.
/// Thread-safe; one instance per process.
/// </summary>
public sealed partial class IndexRebuilder(
    IServiceScopeFactory scopes,
    ISearchEngine engine,
    PlaceCatalog places,
    OutboxDrainer drainer,
    ILogger<IndexRebuilder> logger)
{
    /// <summary>Rebuilds and returns how many listings the new index was built from.</summary>
    /// <remarks>Traced as an <c>indexing.rebuild</c> span holding the engine's rebuild and the drain after it.</remarks>
    public async Task<long> RebuildAsync(IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = SearchTelemetry.ActivitySource.StartActivity("indexing.rebuild");
        var counter = new Counter(progress);
        try
        {
            await engine.RebuildAsync(ReadAllAsync(counter, cancellationToken), cancellationToken);
            await drainer.DrainAsync(cancellationToken: cancellationToken);
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }

        var seconds = SearchTelemetry.SecondsSince(started);
        activity?.SetTag(SearchTelemetry.Tags.Documents, counter.Count);
        LogRebuilt(logger, counter.Count, seconds);
        return counter.Count;
    }

    /// <summary>Every listing in the database as a search document, kind by kind, in id order.</summary>
    private async IAsyncEnumerable<SearchDocument> ReadAllAsync(Counter counter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var kind in ListingKinds.Descriptors)
        {
            // One grouped pass over the kind's events, held while its listings stream: memory grows
            // with the listings that have events, not with the events.
            var popularity = await PopularityCounts.OfKindAsync(db, kind.Kind, cancellationToken);
            await foreach (var listing in kind.StreamAllAsync(db, cancellationToken))
            {
                if (!kind.IsListed(listing))
                {
                    continue;
                }

                yield return counter.Next(kind.BuildDocument(listing, places).WithPopularity(popularity));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt the search index from {Count} listings in {Seconds:F1} s")]
    private static partial void LogRebuilt(ILogger logger, long count, double seconds);

    private sealed class Counter(IProgress<long>? progress)
    {
        public long Count { get; private set; }

        public SearchDocument Next(SearchDocument document)
        {
            Count++;
            if (Count % 10_000 == 0)
            {
                progress?.Report(Count);
            }

            return document;
        }
    }
}
