using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace DongNai.Search.Lucene.Analysis;

/// <summary>
/// <see cref="VietnameseTokenizer"/> followed by <see cref="VietnameseTextFilter"/>: the accented
/// form ("Phòng trọ" → phòng, trọ) or, with <c>fold</c>, the accent-free form (→ phong, tro).
/// Offsets point into the original text, so the highlighter can mark words in it.
/// Thread-safe (Lucene reuses token streams per thread); create once and share.
/// </summary>
public sealed class VietnameseAnalyzer(bool fold) : Analyzer
{
    internal static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    public bool Folds { get; } = fold;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new VietnameseTokenizer(Version, reader);
        return new TokenStreamComponents(tokenizer, new VietnameseTextFilter(tokenizer, Folds));
    }

    /// <summary>Keeps phrases from spanning two values of one field (title, then description).</summary>
    public override int GetPositionIncrementGap(string fieldName) => 100;

    /// <summary>The tokens of <paramref name="text"/> as this analyzer indexes them.</summary>
    public IReadOnlyList<string> Tokens(string text)
    {
        var tokens = new List<string>();
        using var stream = GetTokenStream("", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }

        stream.End();
        return tokens;
    }
}
