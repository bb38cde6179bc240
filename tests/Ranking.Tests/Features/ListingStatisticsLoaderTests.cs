using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Listings.Rentals;
using DongNai.Domain.People;
using DongNai.Ranking.Features;
using DongNai.Search;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Ranking.Tests.Features;

/// <summary><see cref="ListingStatisticsLoader"/> over a real, migrated SQLite database.</summary>
public sealed class ListingStatisticsLoaderTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc);

    private readonly TemporaryFolder _folder = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Load_MarksListingsOfVerifiedOwners_AndWeighsImpressionsByPosition_WithinTheWindow()
    {
        await using var db = await DatabaseAsync();
        var verifiedOwner = await AccountAsync(db, VerificationStatus.Verified);
        var pendingOwner = await AccountAsync(db, VerificationStatus.Pending);
        var fromVerified = await RentalAsync(db, verifiedOwner);
        var fromPending = await RentalAsync(db, pendingOwner);
        var viewer = await AccountAsync(db, VerificationStatus.Unverified);
        await InteractionLog.AppendAsync(
            db,
            [
                Event(viewer, fromVerified, InteractionType.Impression, position: 0, Now.AddDays(-1)),
                Event(viewer, fromVerified, InteractionType.Impression, position: 0, Now.AddDays(-2)),
                Event(viewer, fromVerified, InteractionType.Impression, position: 3, Now.AddDays(-3)),
                Event(viewer, fromVerified, InteractionType.Click, position: 3, Now.AddDays(-3)),
                Event(viewer, fromPending, InteractionType.Impression, position: null, Now.AddDays(-1)),
                Event(viewer, fromPending, InteractionType.Impression, position: 0, Now - ListingStatisticsLoader.ImpressionWindow - TimeSpan.FromDays(1)),
                Event(viewer, fromPending, InteractionType.Impression, position: 0, Now.AddDays(1)),
            ],
            CancellationToken.None);

        var statistics = await ListingStatisticsLoader.LoadAsync(db, Now, CancellationToken.None);

        Assert.True(statistics.IsOwnerVerified(new ListingKey(ListingKind.Rental, fromVerified)));
        Assert.False(statistics.IsOwnerVerified(new ListingKey(ListingKind.Rental, fromPending)));
        Assert.Equal(1, statistics.VerifiedCount);
        // Two impressions at the top (1 each) and one at position 3 (its examination chance); the click does not count.
        Assert.Equal((float)(2 + PositionBias.Examination(3)), statistics.Examinations(new ListingKey(ListingKind.Rental, fromVerified))!.Value, 5);
        // One without a position (1); the one before the window and the one after the instant do not count.
        Assert.Equal(1f, statistics.Examinations(new ListingKey(ListingKind.Rental, fromPending))!.Value, 5);
    }

    [Fact]
    public async Task Load_GivesTheFeaturesTheServiceScoresWith_OnceSwappedIntoTheHolder()
    {
        await using var db = await DatabaseAsync();
        var owner = await AccountAsync(db, VerificationStatus.Verified);
        var listing = await RentalAsync(db, owner);
        var holder = new ListingStatisticsHolder();
        var extractor = new FeatureExtractor(holder);
        var hit = new SearchHit
        {
            Kind = ListingKind.Rental,
            Id = listing,
            Score = 1,
            Title = "Phòng trọ",
            Signals = new RankingSignals { TextScore = 1, UpdatedAt = Now, AgeDays = 0 },
        };
        var context = new RankingContext { Query = new SearchQuery { Now = Now, ScoringNow = Now } };
        var before = new float[FeatureCatalog.Count];
        var after = new float[FeatureCatalog.Count];

        extractor.Extract(context, [hit], before);
        holder.Swap(await ListingStatisticsLoader.LoadAsync(db, Now, CancellationToken.None));
        extractor.Extract(context, [hit], after);

        Assert.Equal(0, before[(int)RankingFeature.VerifiedOwner]);
        Assert.Equal(1, after[(int)RankingFeature.VerifiedOwner]);
    }

    private async Task<AppDbContext> DatabaseAsync()
    {
        Directory.CreateDirectory(_folder.Path);
        var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={Path.Combine(_folder.Path, "statistics.db")}").Options);
        await db.Database.MigrateAsync();
        return db;
    }

    private static async Task<long> AccountAsync(AppDbContext db, VerificationStatus verification)
    {
        var account = new Account
        {
            PhoneLookupHash = Guid.NewGuid().ToByteArray(),
            PhoneCiphertext = [1, 2, 3],
            PasswordHash = "not-used-here",
            Role = Role.Worker,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            CreatedAt = Now,
        };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        db.Profiles.Add(new Profile { AccountId = account.Id, DisplayName = "Người thử", Verification = verification, UpdatedAt = Now });
        await db.SaveChangesAsync();
        return account.Id;
    }

    private static async Task<long> RentalAsync(AppDbContext db, long ownerId)
    {
        var rental = new Rental
        {
            OwnerId = ownerId,
            Title = "Phòng trọ gần KCN Amata",
            PriceVnd = 1_800_000,
            RentalType = RentalType.Room,
            Latitude = 10.95,
            Longitude = 106.87,
            CreatedAt = Now.AddDays(-10),
            UpdatedAt = Now.AddDays(-10),
        };
        db.Set<Rental>().Add(rental);
        await db.SaveChangesAsync();
        return rental.Id;
    }

    private static InteractionEvent Event(long accountId, long listingId, InteractionType type, int? position, DateTime at) => new()
    {
        AccountId = accountId,
        ClientEventId = Guid.NewGuid().ToString("N"),
        ListingKind = ListingKind.Rental,
        ListingId = listingId,
        Type = type,
        RequestId = Guid.NewGuid().ToString("N"),
        Position = position,
        OccurredAt = at,
    };
}
