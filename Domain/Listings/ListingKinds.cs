using DongNai.Domain.Civic.Feedback;
using DongNai.Domain.Civic.PublicServices;
using DongNai.Domain.Listings.BusRoutes;
using DongNai.Domain.Listings.Classifieds;
using DongNai.Domain.Listings.Cvs;
using DongNai.Domain.Listings.Jobs;
using DongNai.Domain.Listings.News;
using DongNai.Domain.Listings.Rentals;
using DongNai.Domain.Listings.Vouchers;

namespace DongNai.Domain.Listings;

/// <summary>
/// The registry of searchable kinds: one descriptor each. Checked when first used: every
/// <see cref="ListingKind"/> code has exactly one descriptor, slugs are unique, and demo shares add
/// up to 1, so a kind that is half registered stops the service at start instead of failing silently.
/// </summary>
public static class ListingKinds
{
    private static readonly ListingKindDescriptor[] Registered =
    [
        new JobKind(),
        new RentalKind(),
        new ClassifiedKind(),
        new VoucherKind(),
        new BusRouteKind(),
        new CvKind(),
        new PublicServiceKind(),
        new FeedbackReportKind(),
        new NewsKind(),
    ];

    private static readonly Dictionary<ListingKind, ListingKindDescriptor> ByKind = Check(Registered);

    /// <summary>Every kind's descriptor, in code order.</summary>
    public static IReadOnlyList<ListingKindDescriptor> Descriptors { get; } = [.. Registered.OrderBy(d => d.Kind)];

    /// <summary>Every kind's code, in code order.</summary>
    public static IReadOnlyList<ListingKind> All { get; } = [.. Descriptors.Select(d => d.Kind)];

    /// <summary>The kinds anyone may search, in code order (<see cref="ListingKindDescriptor.PubliclySearchable"/>).</summary>
    public static IReadOnlyList<ListingKindDescriptor> Public { get; } = [.. Descriptors.Where(d => d.PubliclySearchable)];

    /// <summary>The kinds written through the generic routes under <c>/api/{slug}</c> (<see cref="ListingKindDescriptor.HasListingRoutes"/>), in code order.</summary>
    public static IReadOnlyList<ListingKindDescriptor> WithListingRoutes { get; } = [.. Descriptors.Where(d => d.HasListingRoutes)];

    /// <summary>The largest code in use, for engines that size per-kind tables.</summary>
    public static int MaxCode { get; } = All.Max(kind => (int)kind);

    public static ListingKindDescriptor Get(ListingKind kind) =>
        ByKind.TryGetValue(kind, out var descriptor) ? descriptor : throw new ArgumentOutOfRangeException(nameof(kind), kind, "No descriptor is registered for this kind.");

    /// <summary>The plural, URL-safe name of a kind: <c>jobs</c>, <c>rentals</c>, <c>classifieds</c>, <c>vouchers</c>, <c>bus-routes</c>.</summary>
    public static string Slug(this ListingKind kind) => Get(kind).Slug;

    public static bool TryParseSlug(string? slug, out ListingKind kind)
    {
        var descriptor = Descriptors.FirstOrDefault(d => string.Equals(d.Slug, slug, StringComparison.OrdinalIgnoreCase));
        kind = descriptor?.Kind ?? default;
        return descriptor is not null;
    }

    /// <summary>The slugs of every kind, comma-separated, for error messages.</summary>
    public static string SlugList => string.Join(", ", Descriptors.Select(d => d.Slug));

    /// <summary>The slugs of the kinds anyone may search, comma-separated, for error messages.</summary>
    public static string PublicSlugList => string.Join(", ", Public.Select(d => d.Slug));

    private static Dictionary<ListingKind, ListingKindDescriptor> Check(ListingKindDescriptor[] descriptors)
    {
        var byKind = descriptors.ToDictionary(d => d.Kind);
        var missing = Enum.GetValues<ListingKind>().Where(kind => !byKind.ContainsKey(kind)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"No descriptor is registered for the listing kinds {string.Join(", ", missing)}; add them to {nameof(ListingKinds)}.");
        }

        if (descriptors.GroupBy(d => d.Slug, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new InvalidOperationException($"Two listing kinds share the slug '{duplicate.Key}'.");
        }

        var shares = descriptors.Sum(d => d.DemoShare);
        if (Math.Abs(shares - 1) > 1e-9 || descriptors.Any(d => d.DemoShare is < 0 or > 1))
        {
            throw new InvalidOperationException($"The demo shares of the listing kinds add up to {shares}, not 1.");
        }

        return byKind;
    }
}
