using DongNai.Domain.Listings;
using DongNai.Domain.Places;
using DongNai.Domain.Text;

namespace DongNai.Search.Understanding;

/// <summary>
/// Reads a free-text query the way a factory worker types it on a phone (with or without accents,
/// any case, NFC or NFD, odd spacing) and takes out what it understands: a money range
/// (salary for jobs, price or fare otherwise), "cheap", a place to search near, which kinds the
/// words point at, needs that are values of a kind's keyword filters (a night shift, a private
/// bathroom, a used item, a food voucher), a floor area for rentals and a departure window for bus
/// routes. What it does not understand stays as text to match (<see cref="Interpretation.RemainingText"/>).
/// docs/query-understanding.md lists every form.
/// </summary>
/// <remarks>
/// <para>
/// Steps, each over the words the previous ones left: money and area (numbers drive them), the
/// phrase vocabulary (kinds, needs, cheap; the longest phrase wins), departure times (bus routes
/// only), one place, then filler words ("cần tìm", "mình") are dropped. For one kind, only that
/// kind's needs are read; in a cross-kind search (kind null) a need counts only when the query also
/// points at its kind ("ký túc xá" alone is left as text, "cho thuê ký túc xá" is a rental type).
/// </para>
/// <para>
/// Place names that are also common words are never taken alone: single words only when they are
/// an industrial park's own distinctive name ("Amata", "Loteco"); names of two words or more when
/// they are not common phrases ("thuận lợi", "hòa bình") and do not follow a street word
/// ("đường Quang Trung"); after a cue ("gần", "ở", "tại", "khu vực", "KCN", "phường"…) whatever the
/// place catalog resolves.
/// </para>
/// Pure: no I/O and no clock; the tries are built once in the constructor and only read afterwards,
/// so one instance is safe to share between threads (register it as a singleton).
/// </remarks>
public sealed partial class QueryInterpreter
{
    /// <summary>The half-width of the band a single amount stands for: "khoảng 2 triệu" is 1,700,000–2,300,000 VND.</summary>
    public const double ApproximateBand = 0.15;

    private static readonly (double Park, double Area) CrossKindRadii = (5, 8);

    private readonly PlaceCatalog places;
    private readonly PhraseTrie<PreparedEntry> phrases = new();
    private readonly PhraseTrie<PreparedEntry> dayparts = new();
    private readonly PhraseTrie<PreparedEntry> fillers = new();
    private readonly PhraseTrie<PreparedEntry> moneyWords = new();
    private readonly PhraseTrie<PreparedEntry> rangeWords = new();
    private readonly PhraseTrie<PreparedEntry> afterAmountWords = new();
    private readonly PhraseTrie<PreparedEntry> unitWords = new();
    private readonly PhraseTrie<PreparedEntry> placeCues = new();
    private readonly PhraseTrie<PreparedEntry> placeUnits = new();
    private readonly PhraseTrie<bool> names = new();

    /// <summary>
    /// Builds the lookup tables from the vocabulary and the place catalog (a few milliseconds).
    /// Throws <see cref="InvalidOperationException"/> when a need names a filter or code its kind's
    /// descriptor does not accept.
    /// </summary>
    public QueryInterpreter(PlaceCatalog places)
    {
        ArgumentNullException.ThrowIfNull(places);
        this.places = places;
        foreach (var entry in QueryVocabulary.Phrases())
        {
            if (entry.Meaning is NeedMeaning need && ListingKinds.Get(need.Kind).Search.Filter(need.Filter)?.Values?.Contains(need.Code) != true)
            {
                throw new InvalidOperationException($"'{entry.Phrase}' means {need.Filter}={need.Code}, which the {need.Kind} descriptor does not accept.");
            }

            Add(phrases, entry);
        }

        AddAll(dayparts, QueryVocabulary.Dayparts());
        AddAll(fillers, QueryVocabulary.Fillers());
        AddAll(moneyWords, QueryVocabulary.MoneyWords());
        AddAll(rangeWords, QueryVocabulary.RangeWords());
        AddAll(afterAmountWords, QueryVocabulary.AfterAmountWords());
        AddAll(unitWords, QueryVocabulary.UnitWords());
        AddAll(placeCues, QueryVocabulary.PlaceCues());
        AddAll(placeUnits, PlaceUnitWords().Select(word => new VocabularyEntry(word, new FillerMeaning())));
        AddNames();
    }

    /// <summary>The radius to search around a place read from the text, in km: the kind's <see cref="KindSearchProfile.NearRadiusKm"/>.</summary>
    public static double DefaultRadiusKm(ListingKind? kind, PlaceKind place)
    {
        var radii = kind is { } k ? ListingKinds.Get(k).Search.NearRadiusKm : CrossKindRadii;
        return place == PlaceKind.IndustrialPark ? radii.Park : radii.Area;
    }

    /// <summary>
    /// Interprets <paramref name="text"/> for a search of <paramref name="kind"/> (null: every kind).
    /// Never throws for any text; blank text gives an empty interpretation. Thread-safe.
    /// </summary>
    public Interpretation Interpret(string? text, ListingKind? kind)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Interpretation(text ?? "", "", []);
        }

        var tokens = new QueryTokens(text);
        var parts = new List<UnderstoodPart>();
        var matches = new List<(int Length, IReadOnlyList<PreparedEntry> Values)>();
        var money = ReadMoneyAndArea(tokens, kind, parts, matches);
        ReadPhrases(tokens, kind, parts, matches);
        if (money is { } read)
        {
            parts.Add(ToMoneyPart(tokens, read, kind, parts));
        }

        if (kind == ListingKind.BusRoute || (kind is null && parts.Any(p => p is KindPart { Kind: ListingKind.BusRoute })))
        {
            ReadDeparture(tokens, parts, matches);
        }

        ReadPlace(tokens, kind, parts, matches);
        Drop(tokens, fillers, matches);
        return new Interpretation(text, tokens.Remaining(), [.. parts.OrderBy(p => p.Start)]);
    }

    private static IEnumerable<string> PlaceUnitWords() =>
        ["kcn", "khu công nghiệp", "khu cn", "phường", "xã", "thị trấn", "tt", "p", "thành phố", "tp", "thị xã", "tx", "huyện"];

    private static void AddAll(PhraseTrie<PreparedEntry> trie, IEnumerable<VocabularyEntry> entries)
    {
        foreach (var entry in entries)
        {
            Add(trie, entry);
        }
    }

    private static void Add(PhraseTrie<PreparedEntry> trie, VocabularyEntry entry)
    {
        var tokens = new QueryTokens(entry.Phrase);
        var folded = tokens.Tokens.Select(t => t.Folded).ToArray();
        var accented = tokens.Tokens.Select(t => VietnameseText.Normalize(entry.Phrase.Substring(t.Start, t.Length))).ToArray();
        trie.Add(folded, new PreparedEntry(entry, accented));
    }

    /// <summary>
    /// Whether <paramref name="entry"/> matches the <paramref name="length"/> tokens at
    /// <paramref name="start"/>: every accented word as the entry writes it, and the entry's rules for
    /// text typed without accents. <paramref name="afterAmount"/> relaxes the accent rule ("6h toi" is "tối").
    /// </summary>
    private static bool Matches(QueryTokens tokens, int start, int length, PreparedEntry entry, bool afterAmount = false)
    {
        var anyMarks = false;
        for (var k = 0; k < length; k++)
        {
            if (!tokens.Spells(start + k, entry.Words[k]))
            {
                return false;
            }

            anyMarks |= tokens.Tokens[start + k].HasMarks;
        }

        if (anyMarks || afterAmount)
        {
            return true;
        }

        var next = start + length;
        if (entry.Entry.NotBefore is { } notBefore && next < tokens.Count && notBefore.Contains(tokens.Folded(next), StringComparer.Ordinal))
        {
            return false;
        }

        return entry.Entry.Unaccented switch
        {
            Unaccented.Reject => false,
            Unaccented.BeforeNumber => tokens.IsNumber(next),
            Unaccented.NotBeforeNumber => !tokens.IsNumber(next),
            _ => true,
        };
    }

    /// <summary>The longest phrase of <paramref name="trie"/> at <paramref name="start"/> whose entries pass <paramref name="accept"/>, as (length, accepted entries).</summary>
    private static (int Length, List<PreparedEntry> Entries) Longest(
        QueryTokens tokens,
        int start,
        PhraseTrie<PreparedEntry> trie,
        List<(int Length, IReadOnlyList<PreparedEntry> Values)> matches,
        Func<PreparedEntry, bool>? accept = null,
        bool afterAmount = false)
    {
        trie.Match(tokens, start, matches);
        for (var m = matches.Count - 1; m >= 0; m--)
        {
            var (length, values) = matches[m];
            List<PreparedEntry>? accepted = null;
            foreach (var entry in values)
            {
                if (Matches(tokens, start, length, entry, afterAmount) && (accept is null || accept(entry)))
                {
                    (accepted ??= []).Add(entry);
                }
            }

            if (accepted is not null)
            {
                return (length, accepted);
            }
        }

        return (0, []);
    }

    /// <summary>Consumes every phrase of <paramref name="trie"/> in the free tokens, understanding nothing (fillers).</summary>
    private static void Drop(QueryTokens tokens, PhraseTrie<PreparedEntry> trie, List<(int Length, IReadOnlyList<PreparedEntry> Values)> matches)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens.IsFree(i) && Longest(tokens, i, trie, matches) is { Length: > 0 } found)
            {
                tokens.Consume(i, i + found.Length);
                i += found.Length - 1;
            }
        }
    }

    /// <summary>Kinds, needs and "cheap" from the phrase vocabulary; see the class remarks for the cross-kind rule.</summary>
    private void ReadPhrases(QueryTokens tokens, ListingKind? kind, List<UnderstoodPart> parts, List<(int Length, IReadOnlyList<PreparedEntry> Values)> matches)
    {
        var found = new List<(int Start, int End, List<PreparedEntry> Entries)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens.IsFree(i))
            {
                continue;
            }

            var (length, entries) = Longest(tokens, i, phrases, matches, entry => Applies(entry.Entry.Meaning, kind));
            if (length > 0)
            {
                tokens.Consume(i, i + length);
                found.Add((i, i + length, entries));
                i += length - 1;
            }
        }

        var intended = found.SelectMany(f => f.Entries).Select(e => e.Entry.Meaning).OfType<IntentMeaning>().Select(m => m.Kind).ToHashSet();
        foreach (var (start, end, entries) in found)
        {
            var kept = entries.Select(e => e.Entry.Meaning)
                .Where(meaning => meaning is not NeedMeaning need || kind is not null || intended.Contains(need.Kind))
                .Distinct()
                .ToList();
            if (kept.Count == 0)
            {
                tokens.Release(start, end);
                continue;
            }

            var source = tokens.Source(start, end);
            var at = tokens.Start(start);
            var length = tokens.End(end) - at;
            var canonical = entries[0].Entry.Phrase;
            foreach (var meaning in kept)
            {
                parts.Add((meaning switch
                {
                    IntentMeaning intent => new KindPart(at, length, source, intent.Kind, intent.Weight),
                    NeedMeaning need => new NeedPart(at, length, source, need.Kind, need.Filter, need.Code),
                    _ => (UnderstoodPart)new CheapPart(at, length, source),
                }) with { Canonical = canonical });
            }
        }
    }

    private static bool Applies(PhraseMeaning meaning, ListingKind? kind) => meaning switch
    {
        IntentMeaning intent => kind is null || intent.Kind == kind,
        NeedMeaning need => kind is null || need.Kind == kind,
        _ => true,
    };

    /// <summary>A vocabulary entry with its words normalised (accents kept) for the accent check.</summary>
    private sealed record PreparedEntry(VocabularyEntry Entry, string[] Words);
}
