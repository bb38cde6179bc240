using DongNai.Domain.Listings;
using DongNai.Search;

namespace DongNai.Ranking.Feed;

/// <summary>A point a feed is built around, with the name its reasons give it ("KCN Amata", "Phường Long Bình").</summary>
public sealed record FeedAnchor(string Name, double Latitude, double Longitude)
{
    public GeoPoint Point => new(Latitude, Longitude);
}

/// <summary>The industrial park whose people's interest counts for the feed (cold start and "Nhiều người gần … quan tâm").</summary>
public sealed record FeedPark(string Code, string Name);

/// <summary>One page request of a home feed. Immutable.</summary>
public sealed record FeedRequest
{
    /// <summary>The signed-in account; null for an anonymous feed around a place.</summary>
    public long? AccountId { get; init; }

    /// <summary>One or two points (work park first, then home); candidates come from near each.</summary>
    public required IReadOnlyList<FeedAnchor> Anchors { get; init; }

    /// <summary>The park whose people's interest is counted; null for none.</summary>
    public FeedPark? Park { get; init; }

    /// <summary>The most the person pays in monthly rent (VND), when known.</summary>
    public long? RentBudgetVnd { get; init; }

    /// <summary>The least monthly salary the person looks for (VND), when known.</summary>
    public long? SalaryFloorVnd { get; init; }

    /// <summary>The kinds to show; every kind when empty.</summary>
    public IReadOnlyCollection<ListingKind> Kinds { get; init; } = [];

    public int Size { get; init; } = 20;

    /// <summary>The previous page's <see cref="FeedPage.NextCursor"/>; null for the first page.</summary>
    public string? Cursor { get; init; }

    /// <summary>The instant expiry is judged against (UTC).</summary>
    public required DateTime Now { get; init; }
}

/// <summary>One item of a feed page.</summary>
/// <param name="Hit">The listing as the engine found it (distance from <paramref name="From"/>).</param>
/// <param name="DistanceKm">Great-circle distance from <paramref name="From"/>, the nearest anchor.</param>
/// <param name="From">The anchor the distance (and the distance reason) is measured from.</param>
/// <param name="Reasons">Why it is shown, in Vietnamese, distance first.</param>
/// <param name="Exploration">It took an exploration slot (a new listing with few impressions).</param>
public sealed record FeedItem(SearchHit Hit, double DistanceKm, FeedAnchor From, IReadOnlyList<string> Reasons, bool Exploration);

/// <summary>One page of a feed.</summary>
/// <param name="Items">The items, in the order to show them.</param>
/// <param name="NextCursor">For the next page; null when the feed has nothing more.</param>
/// <param name="ColdStart">The person has no interactions yet: the page leans on what people near their park engage with.</param>
public sealed record FeedPage(IReadOnlyList<FeedItem> Items, string? NextCursor, bool ColdStart);

/// <summary>How the home feed gathers and blends candidates. Checked when the service is created.</summary>
public sealed class FeedOptions
{
    /// <summary>Candidates come from within this many kilometres of each anchor.</summary>
    public double RadiusKm { get; set; } = 10;

    /// <summary>
    /// Each kind is first looked for within this many kilometres (at most <see cref="RadiusKm"/>);
    /// only a kind with fewer than <see cref="CandidatesPerKind"/> there is looked for again within
    /// <see cref="RadiusKm"/>. Where listings are dense, this spares the engine scoring every listing
    /// of the wider circle (about eleven times the area) for candidates it would rarely rank first.
    /// </summary>
    public double NearRadiusKm { get; set; } = 3;

    /// <summary>Candidates per kind and anchor, the engine's best by relevance (distance and freshness without text), 1–100.</summary>
    public int CandidatesPerKind { get; set; } = 40;

    /// <summary>How far back the interest of people near the park is counted.</summary>
    public TimeSpan InterestWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How many listings people near the park engaged with most join the candidates (1–100).</summary>
    public int InterestCandidates { get; set; } = 50;

    /// <summary>Distinct people near the park who engaged with a listing before "Nhiều người gần … quan tâm" is said.</summary>
    public int InterestReasonMinPeople { get; set; } = 2;

    /// <summary>A listing changed within this many days, with fewer than <see cref="ExplorationMaxImpressions"/> impressions, may take an exploration slot.</summary>
    public double ExplorationMaxAgeDays { get; set; } = 3;

    public int ExplorationMaxImpressions { get; set; } = 50;

    public FeedBlendRules Rules { get; set; } = new();

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RadiusKm, 0, nameof(RadiusKm));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(NearRadiusKm, 0, nameof(NearRadiusKm));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(NearRadiusKm, RadiusKm, nameof(NearRadiusKm));
        ArgumentOutOfRangeException.ThrowIfLessThan(CandidatesPerKind, 1, nameof(CandidatesPerKind));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(CandidatesPerKind, SearchQuery.MaxSize, nameof(CandidatesPerKind));
        ArgumentOutOfRangeException.ThrowIfLessThan(InterestCandidates, 1, nameof(InterestCandidates));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(InterestCandidates, SearchQuery.MaxSize, nameof(InterestCandidates));
        ArgumentNullException.ThrowIfNull(Rules);
    }
}
