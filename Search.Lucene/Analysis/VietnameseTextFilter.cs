using System.Collections.Concurrent;
using DongNai.Domain.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace DongNai.Search.Lucene.Analysis;

/// <summary>
/// Rewrites each token with the shared Vietnamese text rules: <see cref="VietnameseText.Normalize"/>
/// (NFC, lower case, canonical tone placement) or, when folding, <see cref="VietnameseText.Fold"/>
/// (no diacritics, đ → d). ASCII tokens take a lower-casing fast path and precomposed tokens a
/// folding fast path, without allocating; normalized forms are cached, since the language has
/// only a few thousand syllables.
/// </summary>
public sealed class VietnameseTextFilter : TokenFilter
{
    /// <summary>Bounds the cache against unbounded vocabularies (codes, misspellings).</summary>
    private const int MaxCachedForms = 100_000;

    private static readonly ConcurrentDictionary<string, string> NormalizedForms = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> NormalizedLookup =
        NormalizedForms.GetAlternateLookup<ReadOnlySpan<char>>();

    private static int _cachedForms;

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

        _term.SetEmpty().Append(_fold ? VietnameseText.Fold(new string(buffer, 0, length)) : Normalized(buffer.AsSpan(0, length)));
        return true;
    }

    private static string Normalized(ReadOnlySpan<char> token)
    {
        if (NormalizedLookup.TryGetValue(token, out var normalized))
        {
            return normalized;
        }

        var text = new string(token);
        normalized = VietnameseText.Normalize(text);
        if (Volatile.Read(ref _cachedForms) < MaxCachedForms && NormalizedForms.TryAdd(text, normalized))
        {
            Interlocked.Increment(ref _cachedForms);
        }

        return normalized;
    }
}
