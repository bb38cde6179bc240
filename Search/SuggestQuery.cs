using DongNai.Domain.Listings;

namespace DongNai.Search;

/// <summary>Autocomplete request: the text typed so far, matched as a prefix of titles and suggest phrases, accent-insensitive.</summary>
public sealed record SuggestQuery
{
    public const int MaxSize = 20;

    public required string Prefix { get; init; }

    /// <summary>Null suggests from every kind.</summary>
    public ListingKind? Kind { get; init; }

    /// <summary>1–<see cref="MaxSize"/>.</summary>
    public int Size { get; init; } = 8;
}

/// <summary>A completion as written in a listing (accents kept), and how many live listings carry it.</summary>
public readonly record struct Suggestion(string Text, int Count);

/// <summary>"More like this" request: listings of the same kind that resemble the given one, never the listing itself.</summary>
public sealed record RelatedQuery
{
    public const int MaxSize = 50;

    public required ListingKind Kind { get; init; }

    public required long Id { get; init; }

    /// <summary>1–<see cref="MaxSize"/>.</summary>
    public int Size { get; init; } = 10;

    /// <summary>The instant against which expiry is judged (UTC).</summary>
    public required DateTime Now { get; init; }
}
