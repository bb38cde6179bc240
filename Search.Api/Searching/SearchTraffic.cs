using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DongNai.Search.Api.Searching;

/// <summary>Searches and dead ends (searches that matched nothing) in one UTC hour.</summary>
public sealed record SearchTrafficHour(DateTimeOffset Hour, long Searches, long ZeroResults);

/// <summary>
/// Search traffic of this instance since it started, hour by hour (at most the last 48 hours), from
/// the <c>dongnai.search.hits</c> measurements every search records, and the terms people could not
/// find (<see cref="ZeroResultTerms"/>: only those several people searched, never ones that look personal).
/// </summary>
public sealed record SearchTrafficResponse(DateTimeOffset Since, IReadOnlyList<SearchTrafficHour> Hours, IReadOnlyList<ZeroResultTerm> ZeroResultTerms);

/// <summary>
/// Listens to the search meter (<see cref="SearchTelemetry.SearchHits"/>) and counts searches and
/// zero-result searches per hour, in memory: per instance, lost on restart, bounded to 48 hours.
/// Thread-safe singleton; disposing it stops listening.
/// </summary>
/// <remarks>
/// The meter is process-wide, so several hosts in one process (the API tests) all count every
/// host's searches; a test compares counts before and after, never absolute numbers.
/// </remarks>
public sealed class SearchTrafficRecorder : IDisposable
{
    private const int HoursKept = 48;

    private const string HitsInstrument = "dongnai.search.hits";

    private readonly TimeProvider _time;
    private readonly MeterListener _listener = new();
    private readonly SortedDictionary<DateTimeOffset, (long Searches, long ZeroResults)> _hours = [];
    private readonly Lock _lock = new();

    public SearchTrafficRecorder(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        Since = time.GetUtcNow();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // By name: the instrument is published from inside SearchTelemetry's static initialiser,
            // before SearchTelemetry.SearchHits holds it, when no search has run before this listener.
            if (instrument.Meter.Name == SearchTelemetry.Name && instrument.Name == HitsInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnHits);
        _listener.Start();
    }

    public DateTimeOffset Since { get; }

    /// <summary>The hours counted so far; the caller adds the zero-result terms.</summary>
    public SearchTrafficResponse Snapshot()
    {
        lock (_lock)
        {
            return new(Since, [.. _hours.Select(h => new SearchTrafficHour(h.Key, h.Value.Searches, h.Value.ZeroResults))], []);
        }
    }

    public void Dispose() => _listener.Dispose();

    private void OnHits(Instrument instrument, long hits, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == SearchTelemetry.Tags.Operation && tag.Value as string != "search")
            {
                return;
            }
        }

        var now = _time.GetUtcNow();
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        lock (_lock)
        {
            var (searches, zero) = _hours.GetValueOrDefault(hour);
            _hours[hour] = (searches + 1, zero + (hits == 0 ? 1 : 0));
            while (_hours.Count > HoursKept)
            {
                _hours.Remove(_hours.Keys.First());
            }
        }
    }
}

public static class SearchTrafficEndpoints
{
    public static void MapSearchTrafficEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/admin/search/traffic", GetTraffic).WithTags("Admin").WithName("SearchTraffic")
            .WithSummary("Searches and zero-result searches per hour since this instance started, at most 48 hours, and the terms people could not find (admins only)")
            .WithDescription("Counted in memory: per instance, reset by a restart. `zeroResultTerms` lists, most searched first (at most 50), the texts of searches that found nothing in the last 48 hours that at least 3 different people searched; a text with a run of 6 or more digits (a phone or ID number) or an e-mail address is never kept.")
            .RequireAuthorization(policy => policy.RequireRole(DongNai.Identity.RoleNames.Admin));
    }

    private static Ok<SearchTrafficResponse> GetTraffic(SearchTrafficRecorder recorder, ZeroResultTerms zeroResultTerms) =>
        TypedResults.Ok(recorder.Snapshot() with { ZeroResultTerms = zeroResultTerms.Top(50) });
}
