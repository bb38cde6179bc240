using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;

namespace DongNai.Search.Lucene.Indexing;

/// <summary>
/// Exact terms of one field of one document, unanalysed, as a single reusable token stream: the
/// postings equal one <see cref="StringField"/> per term, without a field and a token stream
/// (with its attributes, created by reflection under a lock) per term and document.
/// Not thread-safe: one per field per indexing thread, refilled for each document.
/// </summary>
internal sealed class TermListTokenStream : TokenStream
{
    /// <summary>What <see cref="StringField"/> indexes: documents only, no norms.</summary>
    public static readonly FieldType ExactTermsType = CreateExactTermsType();

    private readonly ICharTermAttribute _term;
    private readonly List<string> _terms = [];
    private int _next;

    public TermListTokenStream()
    {
        _term = AddAttribute<ICharTermAttribute>();
    }

    public int Count => _terms.Count;

    /// <summary>Empties the list for the next document.</summary>
    public void Clear() => _terms.Clear();

    public void Add(string term) => _terms.Add(term);

    public override bool IncrementToken()
    {
        if (_next >= _terms.Count)
        {
            return false;
        }

        ClearAttributes();
        _term.SetEmpty().Append(_terms[_next++]);
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _next = 0;
    }

    private static FieldType CreateExactTermsType()
    {
        var type = new FieldType
        {
            IsIndexed = true,
            IsTokenized = true,
            OmitNorms = true,
            IndexOptions = IndexOptions.DOCS_ONLY,
        };
        type.Freeze();
        return type;
    }
}
