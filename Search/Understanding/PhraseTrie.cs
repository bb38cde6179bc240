namespace DongNai.Search.Understanding;

/// <summary>
/// Phrases as sequences of folded words, each with the values it stands for. Walking the trie over
/// a query's tokens compares strings already in the query (no allocation per lookup). Built once,
/// then only read: safe to share between threads.
/// </summary>
internal sealed class PhraseTrie<T>
{
    private readonly Node root = new();

    public void Add(IReadOnlyList<string> words, T value)
    {
        var node = root;
        foreach (var word in words)
        {
            node.Children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
            if (!node.Children.TryGetValue(word, out var child))
            {
                child = new Node();
                node.Children[word] = child;
            }

            node = child;
        }

        (node.Values ??= []).Add(value);
    }

    /// <summary>
    /// Adds to <paramref name="matches"/> every phrase that starts at <paramref name="start"/> and
    /// runs over free tokens only (words or symbols), shortest first, as (token count, values).
    /// </summary>
    public void Match(QueryTokens tokens, int start, List<(int Length, IReadOnlyList<T> Values)> matches)
    {
        matches.Clear();
        var node = root;
        for (var i = start; tokens.IsFree(i); i++)
        {
            if (node.Children is null || !node.Children.TryGetValue(tokens.Folded(i), out var child))
            {
                return;
            }

            node = child;
            if (node.Values is not null)
            {
                matches.Add((i - start + 1, node.Values));
            }
        }
    }

    /// <summary>True when some phrase of at least two words starts with the free tokens at <paramref name="start"/>.</summary>
    public bool HasLongerPhrase(QueryTokens tokens, int start)
    {
        if (!tokens.IsFree(start) || root.Children is null || !root.Children.TryGetValue(tokens.Folded(start), out var first))
        {
            return false;
        }

        return tokens.IsFree(start + 1) && first.Children is not null && first.Children.ContainsKey(tokens.Folded(start + 1));
    }

    private sealed class Node
    {
        public Dictionary<string, Node>? Children { get; set; }

        public List<T>? Values { get; set; }
    }
}
