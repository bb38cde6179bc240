using System.Text.Json.Serialization;
using DongNai.Domain.Text;
using DongNai.Ranking;
using DongNai.Search.Understanding;

namespace DongNai.Search.Api.Searching;

/// <summary>
/// One step taken to turn a search that found nothing into one that finds something.
/// <see cref="Step"/> says which members it carries: <c>spelling</c> (from, to), <c>word</c> (word
/// left out), <c>filter</c> (filter, value: one keyword filter value left out), <c>radius</c>
/// (fromKm, toKm), <c>price</c> (minVnd, maxVnd: the widened range).
/// </summary>
public sealed record RelaxationStep(
    string Step,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? From = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? To = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Word = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Filter = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Value = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? FromKm = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ToKm = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? MinVnd = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? MaxVnd = null);

/// <summary>
/// No dead ends: a search that finds nothing is relaxed step by step, least important first, and
/// answers with the first relaxed query that finds something, listing the steps it took. Only what
/// the user typed is relaxed; a request parameter is a choice the app made (a filter chip, a map
/// viewport) and stays as given, as it wins over the text. The order: the spelling corrected from
/// the index's own words; then the rarest word left out (repeatedly, keeping one word unless a
/// place, price or filter still says what is wanted); then the needs read from the text left out
/// one by one, the last first; then the radius around a place read from the text doubled, twice;
/// then a price read from the text widened by <see cref="PriceMargin"/>. A query with nothing in
/// common with any listing still answers empty. Every page of a relaxed search (with its cursor)
/// takes the same steps, since they depend only on the query and the data. Thread-safe; a singleton.
/// </summary>
public sealed class RelaxingSearch(RankedSearch search, ISearchEngine engine)
{
    /// <summary>How much a price range widens in its relaxation step: the minimum by this share down, the maximum up.</summary>
    public const double PriceMargin = 0.2;

    public async Task<(SearchResult Result, IReadOnlyList<RelaxationStep> Relaxed)> SearchAsync(
        RankingContext context, Interpretation? understood, CancellationToken cancellationToken)
    {
        var result = await search.SearchAsync(context, cancellationToken);
        var steps = new List<RelaxationStep>();
        var query = context.Query;
        if (result.Total > 0)
        {
            return (result, steps);
        }

        async Task<bool> TryAsync(SearchQuery relaxed, RelaxationStep step)
        {
            query = relaxed;
            steps.Add(step);
            result = await search.SearchAsync(context with { Query = relaxed }, cancellationToken);
            return result.Total > 0;
        }

        if (query.Text is { } text
            && await engine.CorrectSpellingAsync(new SpellingQuery { Text = text, Kind = query.Kind }, cancellationToken) is { } corrected
            && VietnameseText.FoldKey(corrected) != VietnameseText.FoldKey(text)
            && await TryAsync(query with { Text = corrected }, new RelaxationStep("spelling", From: text, To: corrected)))
        {
            return (result, steps);
        }

        while (Words(query.Text) is { Count: > 0 } words && (words.Count > 1 || HasOtherConstraints(query)))
        {
            var frequencies = await engine.WordFrequenciesAsync(words.Take(SpellingQuery.MaxWords).ToList(), query.Kind, cancellationToken);
            var rarest = words.Take(SpellingQuery.MaxWords).OrderBy(w => frequencies.GetValueOrDefault(w)).First();
            var rest = words.ToList();
            rest.RemoveAt(words.IndexOf(rarest));
            if (await TryAsync(query with { Text = rest.Count == 0 ? null : string.Join(' ', rest) }, new RelaxationStep("word", Word: rarest)))
            {
                return (result, steps);
            }
        }

        var understoodNeeds = understood?.Needs.Where(n => n.Kind == query.Kind).Select(n => (n.Filter, n.Code)).Distinct().Reverse().ToList() ?? [];
        foreach (var (filter, code) in understoodNeeds.Where(need => query.Filters.GetValueOrDefault(need.Filter)?.Contains(need.Code) == true))
        {
            var filters = query.Filters.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
            var left = filters[filter].Where(v => v != code).ToList();
            if (left.Count == 0)
            {
                filters.Remove(filter);
            }
            else
            {
                filters[filter] = left;
            }

            if (await TryAsync(query with { Filters = filters }, new RelaxationStep("filter", Filter: filter, Value: code)))
            {
                return (result, steps);
            }
        }

        for (var widening = 0; widening < 2 && understood?.Place is not null && query.Geo is GeoRadius radius && radius.Km < SearchParameters.MaxRadiusKm; widening++)
        {
            var wider = Math.Min(radius.Km * 2, SearchParameters.MaxRadiusKm);
            if (await TryAsync(query with { Geo = radius with { Km = wider } }, new RelaxationStep("radius", FromKm: radius.Km, ToKm: wider)))
            {
                return (result, steps);
            }
        }

        if (understood?.Money is not null && (query.MinPrice is not null || query.MaxPrice is not null))
        {
            var min = query.MinPrice is { } low ? (long)(low * (1 - PriceMargin)) : (long?)null;
            var max = query.MaxPrice is { } high ? (high >= long.MaxValue / 2 ? high : (long)(high * (1 + PriceMargin))) : (long?)null;
            await TryAsync(query with { MinPrice = min, MaxPrice = max }, new RelaxationStep("price", MinVnd: min, MaxVnd: max));
        }

        // Nothing found even so: the steps led nowhere, and the answer is the plain empty page.
        return (result, result.Total > 0 ? steps : []);
    }

    private static bool HasOtherConstraints(SearchQuery query) =>
        query.Geo is not null || query.MinPrice is not null || query.MaxPrice is not null || query.Filters.Count > 0
        || query.MinArea is not null || query.MaxArea is not null || query.DepartureFrom is not null || query.DepartureTo is not null;

    private static List<string> Words(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
