
namespace DongNai.Domain.Listings;

/// <summary>
/// The stored code of each searchable kind (outbox rows, interaction events, index documents).
/// Everything else about a kind is in its descriptor (<see cref="ListingKinds"/>). A code is never
/// reused or renumbered: stored rows and indexes keep it.
/// </summary>
public enum ListingKind
{
    Job = 1,
    Rental = 2,
    Classified = 3,
    Voucher = 4,
    BusRoute = 5,
    Cv = 6,

    PublicService = 7,
    FeedbackReport = 8,
    News = 9,
}
