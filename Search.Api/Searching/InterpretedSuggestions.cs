using System.Globalization;
using DongNai.Domain.Listings;
using DongNai.Domain.Places;
using DongNai.Domain.Text;
using DongNai.Search.Understanding;
using Microsoft.Extensions.Primitives;

namespace DongNai.Search.Api.Searching;

/// <summary>
/// Suggestions that complete what a user typed into a query the service understands, written out
/// as a person would say it ("phong tro gan ama" → "phòng trọ gần KCN Amata"; "phong tro duoi 2tr"
/// → "phòng trọ dưới 2 triệu"), each with how many listings it finds. A prefix whose last word
/// follows a place word (gần, ở, tại, KCN) is completed with the parks and communes whose names
/// start with it. Suggestions that find nothing are left out. Thread-safe; a singleton.
/// </summary>
public sealed class InterpretedSuggestions(QueryInterpreter interpreter, SearchRequestParser parser, PlaceCatalog places, ISearchEngine engine)
{
    private const int MaxCompletions = 3;

    private static readonly HashSet<string> PlaceCues = new(StringComparer.Ordinal) { "gan", "o", "tai", "kcn", "khu", "quanh" };

    /// <summary>Park names (without "KCN") and commune names, with their folded words, folded once.</summary>
    private readonly List<(string Name, string[] Words)> placeNames =
    [
        .. places.IndustrialParks.Select(p => p.Name.StartsWith("KCN ", StringComparison.Ordinal) ? p.Name[4..] : p.Name)
            .Concat(places.Communes.Select(c => c.Name))
            .Select(name => (name, NameWords(name))),
    ];

    public async Task<IReadOnlyList<SuggestionResponse>> SuggestAsync(string prefix, ListingKind? kind, DateTime now, CancellationToken cancellationToken)
    {
        var candidates = new List<string>();
        if (Render(interpreter.Interpret(prefix, kind)) is { } whole)
        {
            candidates.Add(whole);
        }

        candidates.AddRange(PlaceCompletions(prefix, kind));
        var suggestions = new List<SuggestionResponse>();
        foreach (var text in candidates.Distinct(StringComparer.Ordinal))
        {
            var count = await CountAsync(text, kind, now, cancellationToken);
            if (count > 0)
            {
                suggestions.Add(new SuggestionResponse(text, count, Interpreted: true));
            }
        }

        return suggestions;
    }

    /// <summary>
    /// The interpretation written out: the words left to match, then each understood part in text
    /// order, phrases as the vocabulary writes them, amounts in words, places by their names. Null
    /// when nothing was understood beyond words.
    /// </summary>
    public static string? Render(Interpretation understood)
    {
        if (!understood.Parts.Any(p => p.Field is not (UnderstoodField.Kind or UnderstoodField.Cheap) || p is NeedPart))
        {
            return null;
        }

        var words = new List<string>();
        foreach (var part in understood.Parts.GroupBy(p => (p.Start, p.Length)).Select(g => g.First()))
        {
            words.Add(part switch
            {
                MoneyPart money => Money(money),
                PlacePart place => "gần " + place.Place.Name,
                _ => part.Canonical ?? part.Source,
            });
        }

        return string.Join(' ', words.Prepend(understood.RemainingText).Where(w => w.Length > 0));
    }

    private IEnumerable<string> PlaceCompletions(string prefix, ListingKind? kind)
    {
        var tokens = prefix.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (tokens.Length < 2 || !PlaceCues.Contains(VietnameseText.FoldKey(tokens[^2])))
        {
            yield break;
        }

        var partial = VietnameseText.FoldKey(tokens[^1]);
        var head = string.Join(' ', tokens[..^1]);
        if (VietnameseText.FoldKey(tokens[^2]) == "kcn")
        {
            head = string.Join(' ', tokens[..^2]) + " gần KCN";
        }

        var names = placeNames
            .Where(place => place.Words.Any(word => word.StartsWith(partial, StringComparison.Ordinal)))
            .Select(place => place.Name)
            .Take(MaxCompletions * 2);
        var produced = 0;
        foreach (var name in names)
        {
            if (produced == MaxCompletions)
            {
                yield break;
            }

            var understood = interpreter.Interpret($"{head} {name}", kind);
            if (understood.Place is not null && Render(understood) is { } text)
            {
                produced++;
                yield return text;
            }
        }
    }

    /// <summary>The folded words of a place name after its unit word (Phường, Xã, KCN), for matching a typed start.</summary>
    private static string[] NameWords(string name)
    {
        var words = VietnameseText.FoldKey(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 1 && words[0] is "phuong" or "xa" or "kcn" ? words[1..] : words;
    }

    private async Task<int> CountAsync(string text, ListingKind? kind, DateTime now, CancellationToken cancellationToken)
    {
        var parameters = new QueryCollection(new Dictionary<string, StringValues> { ["q"] = text, ["size"] = "1" });
        var (query, _, _) = parser.Parse(parameters, kind is { } k ? ListingKinds.Get(k) : null, now);
        return query is null ? 0 : (await engine.SearchAsync(query with { Facets = [], PriceBands = null }, cancellationToken)).Total;
    }

    private static string Money(MoneyPart money)
    {
        var prefix = money.Meaning == MoneyField.Salary ? "lương " : "";
        return prefix + (money switch
        {
            { Approximate: true, MinVnd: { } min, MaxVnd: { } max } => "khoảng " + Amount((min + max) / 2),
            { MinVnd: { } min, MaxVnd: { } max } => $"từ {Amount(min)} đến {Amount(max)}",
            { MaxVnd: { } max } => "dưới " + Amount(max),
            { MinVnd: { } min } => "trên " + Amount(min),
            _ => money.Source,
        });
    }

    /// <summary>An amount as people say it: 2 triệu, 1,5 triệu, 500 nghìn, 15 nghìn.</summary>
    private static string Amount(long vnd)
    {
        var vietnamese = CultureInfo.GetCultureInfo("vi-VN");
        return vnd >= 1_000_000
            ? Math.Round(vnd / 1_000_000m, 1).ToString("0.#", vietnamese) + " triệu"
            : vnd >= 1_000 ? Math.Round(vnd / 1_000m).ToString("0", vietnamese) + " nghìn" : vnd.ToString(vietnamese) + " đồng";
    }
}
