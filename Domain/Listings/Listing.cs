namespace DongNai.Domain.Listings;

/// <summary>
/// What every listing kind has. Not an EF entity itself: each kind is its own table, and these
/// properties become columns of each. <see cref="Version"/> grows by one on every write and keys
/// idempotent index updates.
/// </summary>
public abstract class Listing
{
    public long Id { get; set; }

    /// <summary>The account that created the listing; only it may change or delete it.</summary>
    public long OwnerId { get; set; }

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public double Latitude { get; set; }

    public double Longitude { get; set; }

    /// <summary>GSO code of the 2025 commune or ward the listing is in, if known.</summary>
    public string? CommuneCode { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }

    public abstract ListingKind Kind { get; }
}
