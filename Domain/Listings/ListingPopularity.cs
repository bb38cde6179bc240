using DongNai.Domain.People;

namespace DongNai.Domain.Listings;

/// <summary>
/// How often people interacted with a listing, counted over every stored
/// <see cref="InteractionEvent"/> of it, one counter per interaction type. A raw ranking
/// signal, never a filter or a score of its own. Immutable.
/// </summary>
/// <remarks>
/// All-time counts, not a sliding window: a window would change counts of listings that get no
/// new events, and keeping the index in step would then mean re-indexing every listing with old
/// events on a schedule. A ranker that wants recency can set the counts against the listing's age.
/// </remarks>
public sealed record ListingPopularity
{
    /// <summary>No events at all.</summary>
    public static ListingPopularity None { get; } = new();

    public int Impressions { get; init; }

    public int Views { get; init; }

    public int Clicks { get; init; }

    public int Saves { get; init; }

    public int Applies { get; init; }

    public int Claims { get; init; }

    public int Contacts { get; init; }

    /// <summary>The counts with <paramref name="count"/> more events of <paramref name="type"/>; unknown types are ignored.</summary>
    public ListingPopularity Add(InteractionType type, int count) => type switch
    {
        InteractionType.Impression => this with { Impressions = Impressions + count },
        InteractionType.View => this with { Views = Views + count },
        InteractionType.Click => this with { Clicks = Clicks + count },
        InteractionType.Save => this with { Saves = Saves + count },
        InteractionType.Apply => this with { Applies = Applies + count },
        InteractionType.Claim => this with { Claims = Claims + count },
        InteractionType.Contact => this with { Contacts = Contacts + count },
        _ => this,
    };
}
