namespace DongNai.Domain.Places;

/// <summary>What a resolved place name turned out to be.</summary>
public enum PlaceKind
{
    IndustrialPark = 1,
    Commune = 2,
    Town = 3,
}

/// <summary>
/// A place a user named, with the point to search around. <see cref="Code"/> is the park slug
/// (<c>amata</c>), the commune's GSO code (<c>26068</c>) or the town's <see cref="Town.Id"/> as text.
/// <see cref="FormerName"/> is set when the text named a pre-2025 ward that is now part of the commune.
/// </summary>
public sealed record ResolvedPlace(
    PlaceKind Kind,
    string Code,
    string Name,
    double Latitude,
    double Longitude,
    string? FormerName = null);
