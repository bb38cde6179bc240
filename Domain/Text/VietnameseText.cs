using System.Globalization;
using System.Text;

namespace DongNai.Domain.Text;

/// <summary>
/// The text rules every part of the service shares, so that the database, the search index and
/// the query parser agree on what "the same word" is. Pure functions; thread-safe.
/// </summary>
public static class VietnameseText
{
    private const char Grave = '\u0300';
    private const char Acute = '\u0301';
    private const char Tilde = '\u0303';
    private const char HookAbove = '\u0309';
    private const char DotBelow = '\u0323';
    private const char Circumflex = '\u0302';
    private const char Breve = '\u0306';
    private const char Horn = '\u031B';

    /// <summary>Folded form of every char up to the end of Latin Extended Additional (Vietnamese letters); '\0' where folding needs the slow path.</summary>
    private static readonly char[] FoldTable = BuildFoldTable();

    /// <summary>
    /// NFC, lower case, and one tone-mark placement per syllable, so that every way people type a
    /// word gives the same string. The tone goes on the vowel that carries a circumflex, breve or
    /// horn when there is one (the last such vowel: "người"); otherwise on the last vowel when a
    /// final consonant follows ("hoàn", "huỳnh"); otherwise on the middle of three vowels
    /// ("ngoài") or the first of two, the traditional placement ("hòa", "khỏe", "thủy", "mùa").
    /// "gi" and "qu" before another vowel are consonants ("già", "quý"). So "hoà" and "hòa" both
    /// become "hòa", and "thuý" becomes "thúy". Syllables that are not Vietnamese (no vowel,
    /// foreign letters, digits among vowels) keep their marks as written.
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (Ascii.IsValid(text))
        {
            return text.ToLowerInvariant();
        }

        var decomposed = Decompose(text).ToLowerInvariant();
        var output = new StringBuilder(decomposed.Length);
        var start = 0;
        for (var i = 0; i <= decomposed.Length; i++)
        {
            if (i == decomposed.Length || !IsWordChar(decomposed[i]))
            {
                if (i > start)
                {
                    AppendCanonicalSyllable(output, decomposed.AsSpan(start, i - start));
                }

                if (i < decomposed.Length)
                {
                    output.Append(decomposed[i]);
                }

                start = i + 1;
            }
        }

        return output.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Lower case with every diacritic removed and đ written as d:
    /// "Nhà trọ Đồng Khởi" becomes "nha tro dong khoi". Equal to folding <see cref="Normalize"/>'s
    /// output, as tone placement does not survive folding.
    /// </summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (Ascii.IsValid(text))
        {
            return text.ToLowerInvariant();
        }

        var fast = text.ToCharArray();
        if (TryFoldInPlace(fast))
        {
            return new string(fast);
        }

        var decomposed = Decompose(text);
        var output = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            output.Append(c switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            });
        }

        return output.ToString();
    }

    /// <summary>
    /// Folds precomposed text in place without allocating, as <see cref="Fold"/> would; returns
    /// false, leaving <paramref name="chars"/> partly changed, when a char needs the full path
    /// (combining marks, letters beyond Vietnamese).
    /// </summary>
    public static bool TryFoldInPlace(Span<char> chars)
    {
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            var folded = c < FoldTable.Length ? FoldTable[c] : '\0';
            if (folded == '\0')
            {
                return false;
            }

            chars[i] = folded;
        }

        return true;
    }

    /// <summary>
    /// <see cref="Fold"/>, with runs of anything but letters and digits collapsed to one space and
    /// trimmed: "  Biên-Hòa!! " becomes "bien hoa". Suits names used as lookup keys.
    /// </summary>
    public static string FoldKey(string? text)
    {
        var folded = Fold(text);
        var output = new StringBuilder(folded.Length);
        var pendingSpace = false;
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && output.Length > 0)
                {
                    output.Append(' ');
                }

                output.Append(c);
                pendingSpace = false;
            }
            else
            {
                pendingSpace = true;
            }
        }

        return output.ToString();
    }

    /// <summary>True when the text carries any Vietnamese diacritic or đ, i.e. when <see cref="Fold"/> would change more than the case.</summary>
    public static bool HasDiacritics(string? text)
    {
        if (string.IsNullOrEmpty(text) || Ascii.IsValid(text))
        {
            return false;
        }

        foreach (var c in Decompose(text))
        {
            if (c is 'đ' or 'Đ' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// NFC of any text: <see cref="string.Normalize(NormalizationForm)"/> after turning each lone
    /// surrogate and each U+FFFE, on which it throws, into U+FFFD. For text from outside (titles,
    /// descriptions) on its way into the index, where a throw would keep the listing out for good.
    /// </summary>
    public static string Compose(string? text) =>
        string.IsNullOrEmpty(text) ? "" : Normalizable(text).Normalize(NormalizationForm.FormC);

    /// <summary>
    /// NFD, after turning each lone surrogate and each U+FFFE into U+FFFD:
    /// <see cref="string.Normalize(NormalizationForm)"/> throws on them, and they do arrive (a JSON
    /// <c>"\ud800"</c> escape, text cut inside a pair), while these functions promise an answer for any text.
    /// </summary>
    private static string Decompose(string text) => Normalizable(text).Normalize(NormalizationForm.FormD);

    /// <summary>The text itself when string.Normalize accepts it, else a copy with U+FFFD for what it refuses.</summary>
    private static string Normalizable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]) || text[i] == '\uFFFE')
            {
                return ReplaceUnnormalizable(text);
            }
        }

        return text;
    }

    private static string ReplaceUnnormalizable(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]) || chars[i] == '\uFFFE')
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }

    private static char[] BuildFoldTable()
    {
        var table = new char[0x1F00];
        for (var c = 0; c < table.Length; c++)
        {
            var ch = (char)c;
            if (char.IsSurrogate(ch) || CharUnicodeInfo.GetUnicodeCategory(ch) is UnicodeCategory.NonSpacingMark or UnicodeCategory.OtherNotAssigned)
            {
                continue;
            }

            var decomposed = ch.ToString().Normalize(NormalizationForm.FormD);
            if (decomposed.Skip(1).All(m => CharUnicodeInfo.GetUnicodeCategory(m) == UnicodeCategory.NonSpacingMark)
                && CharUnicodeInfo.GetUnicodeCategory(decomposed[0]) != UnicodeCategory.NonSpacingMark)
            {
                table[c] = decomposed[0] is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(decomposed[0]);
            }
        }

        return table;
    }

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

    private static bool IsToneMark(char c) => c is Grave or Acute or Tilde or HookAbove or DotBelow;

    private static bool IsVowelModifier(char c) => c is Circumflex or Breve or Horn;

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    private static bool IsVietnameseLetter(char c) => c is (>= 'a' and <= 'z') or 'đ';

    /// <summary>Appends one decomposed, lower-case syllable with its tone mark moved to the canonical vowel.</summary>
    private static void AppendCanonicalSyllable(StringBuilder output, ReadOnlySpan<char> syllable)
    {
        char tone = default;
        var toneCount = 0;
        Span<char> bare = syllable.Length <= 64 ? stackalloc char[syllable.Length] : new char[syllable.Length];
        var length = 0;
        foreach (var c in syllable)
        {
            if (IsToneMark(c))
            {
                tone = c;
                toneCount++;
            }
            else
            {
                bare[length++] = c;
            }
        }

        var letters = bare[..length];
        var toneAfter = toneCount == 1 ? CanonicalToneCarrier(letters) : -1;
        if (toneAfter < 0)
        {
            output.Append(syllable);
            return;
        }

        output.Append(letters[..(toneAfter + 1)]);
        output.Append(tone);
        output.Append(letters[(toneAfter + 1)..]);
    }

    /// <summary>
    /// Index of the last char (base letter or its vowel modifier) of the vowel that carries the tone,
    /// or -1 to leave the syllable as written.
    /// </summary>
    private static int CanonicalToneCarrier(ReadOnlySpan<char> letters)
    {
        // Split into units: a base letter followed by its vowel modifiers (â = a + U+0302).
        Span<int> unitStart = stackalloc int[16];
        Span<int> unitEnd = stackalloc int[16];
        var units = 0;
        for (var i = 0; i < letters.Length; i++)
        {
            var c = letters[i];
            if (IsVowelModifier(c))
            {
                if (units == 0 || !IsVowel(letters[unitStart[units - 1]]))
                {
                    return -1;
                }

                unitEnd[units - 1] = i;
                continue;
            }

            if (!IsVietnameseLetter(c) || units == unitStart.Length)
            {
                return -1;
            }

            unitStart[units] = i;
            unitEnd[units] = i;
            units++;
        }

        var first = 0;
        while (first < units && !IsVowel(letters[unitStart[first]]))
        {
            first++;
        }

        if (first == units)
        {
            return -1;
        }

        var last = first;
        while (last + 1 < units && IsVowel(letters[unitStart[last + 1]]))
        {
            last++;
        }

        // "gi" and "qu" before another vowel belong to the initial consonant.
        var initial = letters[unitStart[first]];
        var startsGiQu = first > 0 && last > first && unitEnd[first] == unitStart[first]
            && ((initial == 'i' && letters[unitStart[first - 1]] == 'g') || (initial == 'u' && letters[unitStart[first - 1]] == 'q'));
        if (startsGiQu)
        {
            first++;
        }

        for (var i = last + 1; i < units; i++)
        {
            if (IsVowel(letters[unitStart[i]]))
            {
                return -1;
            }
        }

        for (var i = last; i >= first; i--)
        {
            if (unitEnd[i] > unitStart[i])
            {
                return unitEnd[i];
            }
        }

        var vowels = last - first + 1;
        var hasFinalConsonant = last + 1 < units;
        var carrier = hasFinalConsonant ? last : vowels switch
        {
            1 => first,
            2 => first,
            3 => first + 1,
            _ => -1,
        };
        return carrier < 0 ? -1 : unitEnd[carrier];
    }
}
