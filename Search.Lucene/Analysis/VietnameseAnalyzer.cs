using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace DongNai.Search.Lucene.Analysis;

/// <summary>
/// <see cref="VietnameseTokenizer"/> followed by <see cref="VietnameseTextFilter"/>: the accented
/// form ("Phòng trọ" → phòng, trọ) or, with <c>fold</c>, the accent-free form (→ phong, tro).
/// With <c>phrases</c>, it emits the folded pairs of adjacent words instead of single words
/// ("phong tro", "tro gan", …), so a two-word phrase is one term to look up.
/// Offsets point into the original text, so the highlighter can mark words in it.
/// Thread-safe (Lucene reuses token streams per thread); create once and share.
/// </summary>
public sealed class VietnameseAnalyzer(bool fold, bool phrases = false) : Analyzer
{
    /// <summary>The longest phrase that is a single term of a phrase field; pairs keep indexing cheap.</summary>
    public const int MaxPhraseWords = 2;

    internal static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    public bool Folds { get; } = fold || phrases;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new VietnameseTokenizer(Version, reader);
        TokenStream stream = new VietnameseTextFilter(tokenizer, Folds);
        if (phrases)
        {
            stream = new WordPairFilter(stream);
        }

        return new TokenStreamComponents(tokenizer, stream);
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
