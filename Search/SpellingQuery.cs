using DongNai.Domain.Listings;

namespace DongNai.Search;

/// <summary>
/// "Did you mean" request: the text a user searched for, to be corrected word by word from the
/// index's own vocabulary (<see cref="ISearchEngine.CorrectSpellingAsync"/>).
/// </summary>
public sealed record SpellingQuery
{
    /// <summary>Words beyond this many are left as typed.</summary>
    public const int MaxWords = 16;

    /// <summary>Free text, any case, with or without accents.</summary>
    public required string Text { get; init; }

    /// <summary>Null takes the vocabulary of every kind; otherwise only that kind's listings.</summary>
    public ListingKind? Kind { get; init; }
}
