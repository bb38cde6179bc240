using DongNai.Domain.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace DongNai.Search.Lucene.Analysis;

/// <summary>
/// Rewrites each token with the shared Vietnamese text rules: <see cref="VietnameseText.Normalize"/>
/// (NFC, lower case, canonical tone placement) or, when folding, <see cref="VietnameseText.Fold"/>
/// (no diacritics, đ → d). ASCII tokens take a lower-casing fast path without allocating.
/// </summary>
public sealed class VietnameseTextFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly bool _fold;

    public VietnameseTextFilter(TokenStream input, bool fold)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _fold = fold;
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        var buffer = _term.Buffer;
        var length = _term.Length;
        var ascii = true;
        for (var i = 0; i < length; i++)
        {
            if (buffer[i] > 0x7F)
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            for (var i = 0; i < length; i++)
            {
                buffer[i] = char.ToLowerInvariant(buffer[i]);
            }

            return true;
        }

        if (_fold && VietnameseText.TryFoldInPlace(buffer.AsSpan(0, length)))
        {
            return true;
        }

        var token = new string(buffer, 0, length);
        var rewritten = _fold ? VietnameseText.Fold(token) : VietnameseText.Normalize(token);
        _term.SetEmpty().Append(rewritten);
        return true;
    }
}
