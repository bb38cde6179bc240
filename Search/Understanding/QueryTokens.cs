using System.Globalization;
using System.Text;
using DongNai.Domain.Text;

namespace DongNai.Search.Understanding;

/// <summary>
/// One query as the interpreter reads it: its words and symbols with their places in the original
/// text, their folded forms, and which of them an earlier step has already understood. Built once
/// per <see cref="QueryInterpreter.Interpret"/> call and never shared between threads.
/// </summary>
/// <remarks>
/// A word is a run of letters, digits and combining marks (so NFD input stays one word), with
/// <c>²</c> and a <c>.</c> or <c>,</c> between two digits kept inside it ("3.500.000", "1,5", "20m²").
/// The symbols money, areas and times are written with (<c>&lt; &gt; ≤ ≥ - – — ~ / : =</c>) are
/// tokens of their own; every other character only separates words.
/// </remarks>
internal sealed class QueryTokens
{
    private readonly string?[] normalized;

    public QueryTokens(string text)
    {
        Text = text;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (IsWordChar(text, i))
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (start >= 0)
            {
                AddWord(start, i - start);
                start = -1;
            }

            if (i < text.Length && IsSymbol(c))
            {
                Tokens.Add(new QueryToken(i, 1, c switch
                {
                    '–' or '—' => "-",
                    _ => c.ToString(),
                }, IsWord: false, HasMarks: false));
            }
        }

        Consumed = new bool[Tokens.Count];
        normalized = new string?[Tokens.Count];
    }

    public string Text { get; }

    public List<QueryToken> Tokens { get; } = [];

    /// <summary>True for tokens an earlier step has taken; later steps skip them.</summary>
    public bool[] Consumed { get; }

    public int Count => Tokens.Count;

    public string Folded(int index) => Tokens[index].Folded;

    public bool IsFree(int index) => index < Tokens.Count && !Consumed[index];

    public bool IsNumber(int index) => index < Tokens.Count && Tokens[index].IsWord && char.IsAsciiDigit(Tokens[index].Folded[0]);

    /// <summary>
    /// Whether the word at <paramref name="index"/> may stand for <paramref name="accented"/>: always
    /// when typed without marks (the folded forms already match), else only when its normalised
    /// form is that word ("củ" is not "cũ", "tuyển" is not "tuyến").
    /// </summary>
    public bool Spells(int index, string accented) =>
        !Tokens[index].HasMarks || string.Equals(Normalized(index), accented, StringComparison.Ordinal);

    /// <summary>The original characters from the first token's start to the last token's end (exclusive index).</summary>
    public string Source(int first, int endExclusive)
    {
        var start = Tokens[first].Start;
        var last = Tokens[endExclusive - 1];
        return Text[start..(last.Start + last.Length)];
    }

    public int Start(int index) => Tokens[index].Start;

    public int End(int endExclusive) => Tokens[endExclusive - 1].Start + Tokens[endExclusive - 1].Length;

    /// <summary>The words no step has taken, as the user wrote them, separated by single spaces.</summary>
    public string Remaining()
    {
        var builder = new StringBuilder(Text.Length);
        for (var i = 0; i < Tokens.Count; i++)
        {
            if (Consumed[i] || !Tokens[i].IsWord)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(Text, Tokens[i].Start, Tokens[i].Length);
        }

        return builder.ToString();
    }

    public void Consume(int first, int endExclusive) => Array.Fill(Consumed, true, first, endExclusive - first);

    public void Release(int first, int endExclusive) => Array.Fill(Consumed, false, first, endExclusive - first);

    private static bool IsSymbol(char c) => c is '<' or '>' or '≤' or '≥' or '-' or '–' or '—' or '~' or '/' or ':' or '=';

    private static bool IsWordChar(string text, int i)
    {
        if (i >= text.Length)
        {
            return false;
        }

        var c = text[i];
        if (char.IsLetterOrDigit(c) || c == '²' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
        {
            return true;
        }

        // A decimal or thousands separator between two digits belongs to the number.
        return c is '.' or ',' && i > 0 && i + 1 < text.Length && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1]);
    }

    private void AddWord(int start, int length)
    {
        var word = Text.Substring(start, length);
        var folded = VietnameseText.Fold(word);
        if (folded.Length == 0)
        {
            return; // combining marks with no letter to carry them
        }

        Tokens.Add(new QueryToken(start, length, folded, IsWord: true, HasMarks: VietnameseText.HasDiacritics(word)));
    }

    private string Normalized(int index)
    {
        var token = Tokens[index];
        return normalized[index] ??= VietnameseText.Normalize(Text.Substring(token.Start, token.Length));
    }
}

/// <summary>A word or symbol of the query: where it is in the original text and its folded form ("Trọ" → "tro").</summary>
internal readonly record struct QueryToken(int Start, int Length, string Folded, bool IsWord, bool HasMarks);
