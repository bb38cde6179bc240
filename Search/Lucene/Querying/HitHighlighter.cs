using System.Text;
using DongNai.Search.Lucene.Analysis;
using DongNai.Search.Lucene.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;

namespace DongNai.Search.Lucene.Querying;

/// <summary>
/// Marks matched words in a hit's title and description. The stored text (as written, with
/// accents) is re-analysed with the folding analyzer, so a query typed without accents still marks
/// "Phòng". Output is HTML-encoded with <c>&lt;em&gt;</c> around matches. One per search (it holds
/// the rewritten query); not thread-safe.
/// </summary>
internal sealed class HitHighlighter
{
    private const int DescriptionFragmentChars = 160;

    private readonly VietnameseAnalyzer _folded;
    private readonly Highlighter _title;
    private readonly Highlighter _description;

    public HitHighlighter(Query highlightQuery, IndexReader reader, VietnameseAnalyzer folded)
    {
        _folded = folded;
        _title = Create(highlightQuery, reader, FieldNames.TitleFolded, new NullFragmenter());
        _description = Create(highlightQuery, reader, FieldNames.BodyFolded, new SimpleFragmenter(DescriptionFragmentChars));
    }

    public string? Title(string text) => Best(_title, FieldNames.TitleFolded, text);

    public string? Description(string text) => Best(_description, FieldNames.BodyFolded, text);

    private static Highlighter Create(Query query, IndexReader reader, string field, IFragmenter fragmenter) =>
        new(new SimpleHTMLFormatter("<em>", "</em>"), new MinimalHtmlEncoder(), new QueryScorer(query, reader, field))
        {
            TextFragmenter = fragmenter,
        };

    private string? Best(Highlighter highlighter, string field, string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        using var tokens = _folded.GetTokenStream(field, text);
        var fragment = highlighter.GetBestFragment(tokens, text);
        return string.IsNullOrEmpty(fragment) ? null : fragment;
    }
}

/// <summary>
/// Escapes only what HTML needs (&amp; &lt; &gt; " '), unlike Lucene's encoder, which also turns every
/// non-ASCII letter into a numeric entity and would make Vietnamese unreadable in JSON.
/// </summary>
internal sealed class MinimalHtmlEncoder : IEncoder
{
    public string EncodeText(string originalText)
    {
        if (originalText.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return originalText;
        }

        var output = new StringBuilder(originalText.Length + 16);
        foreach (var c in originalText)
        {
            var escaped = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            };
            if (escaped is null)
            {
                output.Append(c);
            }
            else
            {
                output.Append(escaped);
            }
        }

        return output.ToString();
    }
}
