using DongNai.Domain.Listings;

namespace DongNai.Search.Understanding;

/// <summary>
/// What <see cref="QueryInterpreter"/> understood in one query: the parts it took out, in text
/// order, and <see cref="RemainingText"/>, the words left to match as text. Immutable.
/// </summary>
/// <remarks>
/// The interpretation does not know the request's other parameters. The caller applies the rule
/// "an explicit request parameter wins" by dropping the parts of every field the request set
/// (<see cref="Without"/>) before it builds the search; the dropped words stay out of
/// <see cref="RemainingText"/>, since the parameter replaces what they said.
/// </remarks>
public sealed class Interpretation
{
    internal Interpretation(string text, string remainingText, IReadOnlyList<UnderstoodPart> parts)
    {
        Text = text;
        RemainingText = remainingText;
        Parts = parts;
    }

    /// <summary>The query as received.</summary>
    public string Text { get; }

    /// <summary>
    /// The words no part took, as typed (their case, accents and normalisation form), joined by single
    /// spaces; empty when everything was understood. Symbols are dropped.
    /// </summary>
    public string RemainingText { get; }

    /// <summary>Every understood part, ordered by where it starts in <see cref="Text"/>.</summary>
    public IReadOnlyList<UnderstoodPart> Parts { get; }

    /// <summary>The money range, or null.</summary>
    public MoneyPart? Money => First<MoneyPart>();

    /// <summary>Whether the query asks for low prices ("giá rẻ").</summary>
    public bool Cheap => First<CheapPart>() is not null;

    /// <summary>The place to search near, or null.</summary>
    public PlacePart? Place => First<PlacePart>();

    /// <summary>The floor-area range, or null.</summary>
    public AreaPart? Area => First<AreaPart>();

    /// <summary>The departure window, or null.</summary>
    public DeparturePart? Departure => First<DeparturePart>();

    /// <summary>Every keyword-filter value understood, in text order.</summary>
    public IReadOnlyList<NeedPart> Needs => [.. Parts.OfType<NeedPart>()];

    /// <summary>
    /// How strongly the words point at each kind, relative to the strongest (which has 1); kinds the
    /// words do not point at are absent, and an empty map means no intent. A weight, never a filter.
    /// </summary>
    public IReadOnlyDictionary<ListingKind, double> KindWeights
    {
        get
        {
            var sums = new Dictionary<ListingKind, double>();
            foreach (var part in Parts.OfType<KindPart>())
            {
                sums[part.Kind] = sums.GetValueOrDefault(part.Kind) + part.Weight;
            }

            var strongest = sums.Count == 0 ? 1 : sums.Values.Max();
            return sums.ToDictionary(pair => pair.Key, pair => pair.Value / strongest);
        }
    }

    /// <summary>
    /// The understood needs of <paramref name="kind"/> as keyword filters (filter name → codes, in the
    /// form of <see cref="SearchQuery.Filters"/>); empty when there are none.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FiltersFor(ListingKind kind) =>
        Parts.OfType<NeedPart>()
            .Where(need => need.Kind == kind)
            .GroupBy(need => need.Filter, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(need => need.Code).Distinct(StringComparer.Ordinal)], StringComparer.Ordinal);

    /// <summary>
    /// This interpretation without the parts of <paramref name="field"/> (for <see cref="UnderstoodField.Need"/>,
    /// only those of the keyword filter <paramref name="filter"/> when it is given): what is left
    /// after an explicit request parameter of that field won. <see cref="RemainingText"/> is unchanged.
    /// </summary>
    public Interpretation Without(UnderstoodField field, string? filter = null)
    {
        var kept = Parts.Where(part => part.Field != field
            || (filter is not null && part is NeedPart need && need.Filter != filter)).ToList();
        return kept.Count == Parts.Count ? this : new Interpretation(Text, RemainingText, kept);
    }

    public override string ToString() =>
        $"{string.Join(", ", Parts.Select(p => $"{p.Field}:{p.Source}"))} | {RemainingText}";

    private T? First<T>()
        where T : UnderstoodPart => Parts.OfType<T>().FirstOrDefault();
}
