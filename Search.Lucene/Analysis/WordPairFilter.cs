using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace DongNai.Search.Lucene.Analysis;

/// <summary>
/// Replaces a token stream by its pairs of adjacent tokens joined with a space ("phong", "tro",
/// "gan" → "phong tro", "tro gan"); a gap in positions (between two values of a field) starts
/// over, so no pair spans a title and a description. A lean stand-in for Lucene's shingle filter,
/// which costs several times more per token. For fields indexed without positions.
/// </summary>
public sealed class WordPairFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _position;
    private char[] _previous = new char[32];
    private char[] _current = new char[32];
    private int _previousLength = -1;

    public WordPairFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        while (m_input.IncrementToken())
        {
            var length = _term.Length;
            if (_current.Length < length)
            {
                _current = new char[Math.Max(length, _current.Length * 2)];
            }

            _term.Buffer.AsSpan(0, length).CopyTo(_current);
            var pairs = _previousLength >= 0 && _position.PositionIncrement == 1;
            if (pairs)
            {
                var buffer = _term.ResizeBuffer(_previousLength + 1 + length);
                _previous.AsSpan(0, _previousLength).CopyTo(buffer);
                buffer[_previousLength] = ' ';
                _current.AsSpan(0, length).CopyTo(buffer.AsSpan(_previousLength + 1));
                _term.Length = _previousLength + 1 + length;
            }

            // The current token becomes the previous one of the next pair.
            (_previous, _current) = (_current, _previous);
            _previousLength = length;
            if (pairs)
            {
                return true;
            }
        }

        return false;
    }

    public override void Reset()
    {
        base.Reset();
        _previousLength = -1;
    }
}
