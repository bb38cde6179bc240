using System.Globalization;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace DongNai.Search.Lucene.Analysis;

/// <summary>
/// Splits text into runs of letters, digits and combining marks; everything else (spaces,
/// punctuation, symbols) separates tokens. Vietnamese writes one syllable per word, so no
/// dictionary is needed, and decomposed (NFD) input keeps its marks inside the token.
/// "P.Tân-Phong, KCN.Amata!!" gives p, Tân, Phong, KCN, Amata.
/// </summary>
public sealed class VietnameseTokenizer(LuceneVersion matchVersion, TextReader input) : CharTokenizer(matchVersion, input)
{
    protected override bool IsTokenChar(int c) => CharUnicodeInfo.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark => true,
        _ => false,
    };
}
