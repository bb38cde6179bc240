using DongNai.Domain.Listings;
using DongNai.Ranking.Feed;
using DongNai.Search.Api.Parameters;
using DongNai.Search.Api.Searching;

namespace DongNai.Search.Api.Feed;

/// <summary>The query parameters of the feed, defined once for the handler and the OpenAPI document.</summary>
public static class FeedParameters
{
    public static QueryParameter Near { get; } = SearchParameters.Near with
    {
        Description = "Build the feed around this place instead of the profile's park and home: an industrial park (amata, KCN Amata), "
            + "a 2025 commune or ward, a pre-2025 ward, or a town. An anonymous call needs near or lat/lon.",
    };

    public static QueryParameter Latitude { get; } = SearchParameters.Latitude with
    {
        Description = "Latitude (WGS 84) of the point to build the feed around, given with lon; instead of near.",
    };

    public static QueryParameter Longitude { get; } = SearchParameters.Longitude with
    {
        Description = "Longitude (WGS 84) of the point to build the feed around, given with lat.",
    };

    public static QueryParameter Kinds { get; } = QueryParameter.List(
        "kinds",
        [.. ListingKinds.Descriptors.Select(k => k.Slug)],
        "ListingKindSlug",
        "Only these kinds of listing (every kind when absent).");

    public static QueryParameter RentBudget { get; } = QueryParameter.WholeNumber(
        "budgetVnd", 0, long.MaxValue,
        "The most the person pays in monthly rent (VND): rentals up to a quarter above it are candidates, and those within it say \"Trong ngân sách của bạn\".",
        example: 2_500_000);

    public static QueryParameter SalaryFloor { get; } = QueryParameter.WholeNumber(
        "salaryVnd", 0, long.MaxValue,
        "The least monthly salary the person looks for (VND): jobs paying up to 80 % of it are candidates, and those reaching it say so.",
        example: 8_000_000);

    public static QueryParameter Size { get; } = QueryParameter.WholeNumber("size", 1, 50, "Items per page.", defaultValue: 20);

    public static QueryParameter Cursor { get; } = QueryParameter.Text(
        "cursor", FeedCursorCodec.MaxTextLength, "The nextCursor of the previous page, with the same other parameters.");

    public static IReadOnlyList<QueryParameter> Feed { get; } = [Near, Latitude, Longitude, Kinds, RentBudget, SalaryFloor, Size, Cursor];

    /// <summary>The dismiss operation's path kind (documented; the handler answers 400 naming it for an unknown kind).</summary>
    public static QueryParameter DismissKind { get; } =
        QueryParameter.Choice("kind", "ListingKindSlug", [.. ListingKinds.Descriptors.Select(k => k.Slug)], "The listing's kind.") with { InPath = true };
}
