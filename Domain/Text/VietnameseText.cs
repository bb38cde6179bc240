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

    /// <summary>
    /// NFC, lower case, and one tone-mark placement: in a syllable that ends in <c>oa</c>,
    /// <c>oe</c> or <c>uy</c> (not <c>quy</c>) the tone sits on the first vowel, so "hoà" and
    /// "hòa" both become "hòa" and "thuý" becomes "thúy". Keeps every other diacritic.
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var decomposed = text.Normalize(NormalizationForm.FormD).ToLowerInvariant();
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
    /// <see cref="Normalize"/>, then every diacritic removed and đ written as d:
    /// "Nhà trọ Đồng Khởi" becomes "nha tro dong khoi".
    /// </summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
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

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

    private static bool IsToneMark(char c) => c is Grave or Acute or Tilde or HookAbove or DotBelow;

    private static void AppendCanonicalSyllable(StringBuilder output, ReadOnlySpan<char> syllable)
    {
        char tone = default;
        Span<char> bare = syllable.Length <= 64 ? stackalloc char[syllable.Length] : new char[syllable.Length];
        var length = 0;
        foreach (var c in syllable)
        {
            if (IsToneMark(c))
            {
                tone = c;
            }
            else
            {
                bare[length++] = c;
            }
        }

        if (tone == default)
        {
            output.Append(syllable);
            return;
        }

        var letters = bare[..length];
        var toneAfter = OldStyleTonePosition(letters);
        if (toneAfter < 0)
        {
            output.Append(syllable);
            return;
        }

        output.Append(letters[..(toneAfter + 1)]);
        output.Append(tone);
        output.Append(letters[(toneAfter + 1)..]);
    }

    /// <summary>Index of the letter that carries the tone in the canonical form, or -1 to leave the syllable as written.</summary>
    private static int OldStyleTonePosition(ReadOnlySpan<char> letters)
    {
        // Only plain o/u/a/e/y letters (no circumflex, breve or horn) take part in the ambiguous endings.
        var n = letters.Length;
        if (n < 2)
        {
            return -1;
        }

        var last = letters[n - 1];
        var previous = letters[n - 2];
        var endsOaOe = previous == 'o' && last is 'a' or 'e';
        var endsUy = previous == 'u' && last == 'y' && !(n >= 3 && letters[n - 3] == 'q');
        return endsOaOe || endsUy ? n - 2 : -1;
    }
}
