using DongNai.Domain.Listings;
using DongNai.Domain.Places;

namespace DongNai.Search.Understanding;

public sealed partial class QueryInterpreter
{
    /// <summary>Place words the catalog may resolve after a cue, tried when no known name follows ("gần BH1").</summary>
    private const int MaxFreeNameWords = 3;

    /// <summary>A single word taken alone as a place must be at least this long ("amata", "loteco"), never "an" or "tân".</summary>
    private const int MinBareWordLength = 5;

    /// <summary>
    /// The names the interpreter looks for: every commune, old ward, town and park name of the catalog,
    /// and the distinctive words of park names that resolve to that park on their own ("sikico",
    /// "becamex"). The value says whether the name may be taken without a cue.
    /// </summary>
    private void AddNames()
    {
        var keys = places.Communes.Select(c => c.FoldedName)
            .Concat(places.OldWardAliases.Select(a => a.FoldedOldName))
            .Concat(places.Towns.Select(t => t.FoldedName))
            .Concat(places.IndustrialParks.Select(p => p.FoldedName))
            .Where(key => key.Length > 0)
            .Distinct(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var words = key.Split(' ');
            var bare = words.Length >= 2 ? !QueryVocabulary.CommonPhraseNames.Contains(key) : IsDistinctiveWord(words[0], park: null);
            names.Add(words, bare);
        }

        foreach (var park in places.IndustrialParks)
        {
            foreach (var word in park.FoldedName.Split(' ').Distinct(StringComparer.Ordinal))
            {
                if (IsDistinctiveWord(word, park.Code))
                {
                    names.Add([word], true);
                }
            }
        }

        bool IsDistinctiveWord(string word, string? park) =>
            word.Length >= MinBareWordLength
            && !word.All(char.IsAsciiDigit)
            && places.ResolvePlace(word) is { Kind: PlaceKind.IndustrialPark } resolved
            && (park is null || resolved.Code == park);
    }

    /// <summary>
    /// The one place of the query: after a cue or a unit word first ("gần Amata", "KCN Long Thành",
    /// "ở Biên Hòa"), else the first confident bare name ("Trảng Bom", "Amata").
    /// </summary>
    private void ReadPlace(QueryTokens tokens, ListingKind? kind, List<UnderstoodPart> parts, List<(int Length, IReadOnlyList<PreparedEntry> Values)> matches)
    {
        var nameMatches = new List<(int Length, IReadOnlyList<bool> Values)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens.IsFree(i))
            {
                continue;
            }

            var cue = Longest(tokens, i, placeCues, matches).Length;
            var unit = Longest(tokens, i + cue, placeUnits, matches).Length;
            if (cue + unit == 0)
            {
                continue;
            }

            var nameStart = i + cue;
            var words = i + cue + unit;
            names.Match(tokens, words, nameMatches);
            for (var m = nameMatches.Count - 1; m >= 0; m--)
            {
                if (TryTake(i, nameStart, words + nameMatches[m].Length))
                {
                    return;
                }
            }

            for (var length = MaxFreeNameWords; length >= 1; length--)
            {
                if (FreeWords(tokens, words, length) && !tokens.IsNumber(words) && TryTake(i, nameStart, words + length))
                {
                    return;
                }
            }
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens.IsFree(i) || FollowsStreetWord(tokens, i))
            {
                continue;
            }

            names.Match(tokens, i, nameMatches);
            for (var m = nameMatches.Count - 1; m >= 0; m--)
            {
                if (nameMatches[m].Values.All(bare => bare) && TryTake(i, i, i + nameMatches[m].Length))
                {
                    return;
                }
            }
        }

        bool TryTake(int start, int nameStart, int end)
        {
            if (places.ResolvePlace(tokens.Source(nameStart, end)) is not { } place)
            {
                return false;
            }

            tokens.Consume(start, end);
            parts.Add(new PlacePart(tokens.Start(start), tokens.End(end) - tokens.Start(start), tokens.Source(start, end), place, DefaultRadiusKm(kind, place.Kind)));
            return true;
        }
    }

    private static bool FreeWords(QueryTokens tokens, int start, int length)
    {
        for (var k = start; k < start + length; k++)
        {
            if (!tokens.IsFree(k) || !tokens.Tokens[k].IsWord)
            {
                return false;
            }
        }

        return true;
    }

    private static bool FollowsStreetWord(QueryTokens tokens, int start) =>
        start > 0
        && (QueryVocabulary.StreetWords.Contains(tokens.Folded(start - 1))
            || (start > 1 && QueryVocabulary.StreetWords.Contains(tokens.Folded(start - 2) + " " + tokens.Folded(start - 1))));
}
