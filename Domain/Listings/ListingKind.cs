namespace DongNai.Domain.Listings;

/// <summary>The five kinds of listing the app searches. The route segment of each kind is <see cref="ListingKinds.Slug"/>.</summary>
public enum ListingKind
{
    Job = 1,
    Rental = 2,
    Classified = 3,
    Voucher = 4,
    BusRoute = 5,
}

public static class ListingKinds
{
    public static IReadOnlyList<ListingKind> All { get; } = Enum.GetValues<ListingKind>();

    /// <summary>The plural, URL-safe name of a kind: <c>jobs</c>, <c>rentals</c>, <c>classifieds</c>, <c>vouchers</c>, <c>bus-routes</c>.</summary>
    public static string Slug(this ListingKind kind) => kind switch
    {
        ListingKind.Job => "jobs",
        ListingKind.Rental => "rentals",
        ListingKind.Classified => "classifieds",
        ListingKind.Voucher => "vouchers",
        ListingKind.BusRoute => "bus-routes",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParseSlug(string? slug, out ListingKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Slug(), slug, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
