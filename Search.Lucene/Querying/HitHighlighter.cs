using System.Text;
using DongNai.Search.Lucene.Analysis;
using DongNai.Search.Lucene.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;

namespace DongNai.Search.Lucene.Querying;

/// <summary>
/// Marks matched words in a hit's title and description. The text as written (with accents) is
/// re-analysed with the folding analyzer, so a query typed without accents still marks "Phòng".
/// Output is HTML-encoded with <c>&lt;em&gt;</c> around matches. One per search: the highlight
/// query is rewritten once (fuzzy terms expanded against the index), not once per hit.
/// Not thread-safe.
/// </summary>
internal sealed class HitHighlighter
{
    private const int DescriptionFragmentChars = 160;

    private readonly VietnameseAnalyzer _folded;
    private readonly Highlighter _title;
    private readonly Highlighter _description;

    public HitHighlighter(Query highlightQuery, IndexSearcher searcher, VietnameseAnalyzer folded)
    {
        _folded = folded;
        var rewritten = RewriteAgainst(highlightQuery, searcher);
        _title = Create(rewritten, new NullFragmenter());
        _description = Create(rewritten, new SimpleFragmenter(DescriptionFragmentChars));
    }

    public string? Title(string text) => Best(_title, text);

    public string? Description(string text) => Best(_description, text);

    /// <summary>Fuzzy terms of the pseudo-field expand against the folded text field, where the index has them.</summary>
    private static BooleanQuery RewriteAgainst(Query query, IndexSearcher searcher)
    {
        var rewritten = new BooleanQuery(disableCoord: true);
        foreach (var clause in ((BooleanQuery)query).Clauses)
        {
            if (clause.Query is FuzzyQuery fuzzy)
            {
                var expanded = searcher.Rewrite(new FuzzyQuery(new Term(FieldNames.TextFolded, fuzzy.Term.Text), fuzzy.MaxEdits, fuzzy.PrefixLength, TextQueryBuilder.FuzzyMaxExpansions, fuzzy.Transpositions));
                var terms = new HashSet<Term>();
                expanded.ExtractTerms(terms);
                foreach (var term in terms)
                {
                    rewritten.Add(new TermQuery(new Term(TextQueryBuilder.HighlightField, term.Text)), Occur.SHOULD);
                }
            }
            else
            {
                rewritten.Add(clause.Query, Occur.SHOULD);
            }
        }

        return rewritten;
    }

    private static Highlighter Create(Query query, IFragmenter fragmenter) =>
        new(new SimpleHTMLFormatter("<em>", "</em>"), new MinimalHtmlEncoder(), new QueryScorer(query, TextQueryBuilder.HighlightField))
        {
            TextFragmenter = fragmenter,
        };

    private string? Best(Highlighter highlighter, string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        using var tokens = _folded.GetTokenStream(TextQueryBuilder.HighlightField, text);
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
