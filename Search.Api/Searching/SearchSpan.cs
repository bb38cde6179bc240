using System.Diagnostics;

namespace DongNai.Search.Api.Searching;

/// <summary>
/// One search, suggest or related request as telemetry: a span of <see cref="SearchTelemetry"/>
/// named after the operation, and, once it has answered, a point of
/// <see cref="SearchTelemetry.SearchDuration"/> and <see cref="SearchTelemetry.SearchHits"/> tagged
/// with the operation and the kind. A request refused for bad input records no metric (the HTTP
/// server metrics count it). Not thread-safe: one per request, disposed when it ends.
/// </summary>
internal sealed class SearchSpan : IDisposable
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly string _operation;
    private readonly string _kind;

    private SearchSpan(string operation, string kind)
    {
        _operation = operation;
        _kind = kind;
        Activity = SearchTelemetry.ActivitySource.StartActivity(operation);
        Activity?.SetTag(SearchTelemetry.Tags.Kind, kind);
    }

    /// <summary>The span, or null when nobody listens; tag it with <c>?.</c>.</summary>
    public Activity? Activity { get; }

    /// <param name="operation">search, suggest or related: the span's name and the operation tag.</param>
    /// <param name="kind">The kind's slug, or <c>all</c> (see <see cref="SearchTelemetry.KindTag"/>).</param>
    /// <param name="text">What the user typed: only its length is recorded, since it may hold a phone number.</param>
    public static SearchSpan Start(string operation, string kind, string? text)
    {
        var span = new SearchSpan(operation, kind);
        span.Activity?.SetTag(SearchTelemetry.Tags.QueryLength, text?.Length ?? 0);
        return span;
    }

    /// <summary>The request answered: <paramref name="hits"/> is the search's total, or how many suggestions or listings were returned.</summary>
    public void Answered(long hits)
    {
        var operation = new KeyValuePair<string, object?>(SearchTelemetry.Tags.Operation, _operation);
        var kind = new KeyValuePair<string, object?>(SearchTelemetry.Tags.Kind, _kind);
        SearchTelemetry.SearchDuration.Record(SearchTelemetry.SecondsSince(_started), operation, kind);
        SearchTelemetry.SearchHits.Record(hits, operation, kind);
        Activity?.SetTag(SearchTelemetry.Tags.Total, hits);
    }

    public void Dispose() => Activity?.Dispose();
}
