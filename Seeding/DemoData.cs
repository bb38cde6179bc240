using DongNai.Domain.Listings;
using DongNai.Domain.People;

namespace DongNai.Seeding;

/// <summary>How many listings of each kind a demo data set has.</summary>
public sealed class DemoListingCounts(IReadOnlyDictionary<ListingKind, int> byKind)
{
    public int Total { get; } = byKind.Values.Sum();

    /// <summary>The count of one kind; 0 for a kind with no demo share.</summary>
    public int Of(ListingKind kind) => byKind.GetValueOrDefault(kind);

    public override string ToString() => string.Join(", ", byKind.Select(pair => $"{pair.Key.Slug()} {pair.Value}"));
}

/// <summary>
/// One demo data set from <see cref="DemoDataGenerator.Generate"/>. Ids start at 1 in every table and
/// every reference points inside the set: a listing's <see cref="Listing.OwnerId"/> is one of
/// <see cref="Accounts"/>, a job's <see cref="Domain.Listings.Jobs.JobPosting.EmployerId"/> one of <see cref="Employers"/>
/// and its owner is that employer's owner. Accounts (each with its <see cref="Account.Profile"/>) and
/// employers are held in memory, a few per hundred listings; <see cref="Listings"/> is produced lazily,
/// and every enumeration yields the same listings as new objects. A caller may change any of these
/// objects (say, to shift ids) without changing what later enumerations yield.
/// </summary>
public sealed class DemoData
{
    private readonly Func<IEnumerable<Listing>> listings;

    internal DemoData(DemoListingCounts counts, IReadOnlyList<Account> accounts, IReadOnlyList<Employer> employers, Func<IEnumerable<Listing>> listings)
    {
        Counts = counts;
        Accounts = accounts;
        Employers = employers;
        this.listings = listings;
    }

    public DemoListingCounts Counts { get; }

    public IReadOnlyList<Account> Accounts { get; }

    public IReadOnlyList<Employer> Employers { get; }

    /// <summary>The listings, kinds interleaved, ids counted per kind from 1.</summary>
    public IEnumerable<Listing> Listings => listings();
}
