using System.Globalization;
using System.Text;
using DongNai.Domain.Text;

namespace DongNai.Domain.Places;

/// <summary>Which kind of place a leading unit word (phường, xã, KCN, TP…) points at.</summary>
internal enum PlaceNameHint
{
    None = 0,
    IndustrialPark = 1,
    Commune = 2,
    Town = 3,
}

/// <summary>
/// A place name as lookup keys, without one leading unit word: <see cref="Folded"/> by
/// <see cref="VietnameseText.FoldKey"/> ("Phường Tân Hạnh" → <c>tan hanh</c>) and <see cref="Accented"/>
/// the same words with their diacritics kept (<c>tân hạnh</c>), which tells "Lộc Thành" from "Lộc Thạnh".
/// </summary>
internal readonly record struct PlaceNameKey(string Folded, string Accented, PlaceNameHint Hint)
{
    // Folded unit words (as word lists), longest first so "thi tran" wins over "t…" abbreviations.
    private static readonly (string Prefix, PlaceNameHint Hint)[] UnitWords =
    [
        ("khu cong nghiep ", PlaceNameHint.IndustrialPark),
        ("khu cn ", PlaceNameHint.IndustrialPark),
        ("kcn ", PlaceNameHint.IndustrialPark),
        ("thi tran ", PlaceNameHint.Commune),
        ("phuong ", PlaceNameHint.Commune),
        ("xa ", PlaceNameHint.Commune),
        ("tt ", PlaceNameHint.Commune),
        ("p ", PlaceNameHint.Commune),
        ("x ", PlaceNameHint.Commune),
        ("thanh pho ", PlaceNameHint.Town),
        ("thi xa ", PlaceNameHint.Town),
        ("huyen ", PlaceNameHint.Town),
        ("tinh ", PlaceNameHint.Town),
        ("tp ", PlaceNameHint.Town),
        ("tx ", PlaceNameHint.Town),
    ];

    /// <summary>The folded key of <paramref name="name"/> without its unit word.</summary>
    public static string Of(string? name) => Parse(name).Folded;

    public static PlaceNameKey Parse(string? name)
    {
        var folded = VietnameseText.FoldKey(name);
        var accented = AccentedWords(name);
        foreach (var (prefix, hint) in UnitWords)
        {
            if (folded.StartsWith(prefix, StringComparison.Ordinal))
            {
                var words = prefix.Count(c => c == ' ');
                return new PlaceNameKey(folded[prefix.Length..], string.Join(' ', accented.Skip(words)), hint);
            }
        }

        return new PlaceNameKey(folded, string.Join(' ', accented), PlaceNameHint.None);
    }

    /// <summary>
    /// The words of the name, normalised but not folded. Splits the decomposed text exactly where
    /// <see cref="VietnameseText.FoldKey"/> splits the folded one, so both keys have the same words.
    /// </summary>
    private static List<string> AccentedWords(string? name)
    {
        var words = new List<string>();
        var decomposed = VietnameseText.Normalize(name).Normalize(NormalizationForm.FormD);
        var word = new StringBuilder();
        foreach (var c in decomposed)
        {
            if (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString().Normalize(NormalizationForm.FormC));
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString().Normalize(NormalizationForm.FormC));
        }

        return words;
    }
}
