using DongNai.Domain.Listings;
using DongNai.Domain.Listings.BusRoutes;
using DongNai.Domain.Listings.Classifieds;
using DongNai.Domain.Listings.Jobs;
using DongNai.Domain.Listings.Rentals;
using DongNai.Domain.Listings.Vouchers;
using DongNai.Domain.Places;
using DongNai.Domain.Tests;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Seeding.Tests;

public sealed class DemoDatabaseSeederTests
{
    private static readonly DateTime ReferenceDate = new(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task SeedDemoAsync_WritesPlacesPeopleAndEveryListing_AndNoOutboxRows()
    {
        using var database = new TempSqliteDatabase();

        DemoSeedResult result;
        await using (var db = database.NewContext())
        {
            result = await DemoDatabaseSeeder.SeedDemoAsync(db, 2_000, 7, ReferenceDate);
        }

        await using var check = database.NewContext();

        // CVs and public services have no demo share: CVs are people's own, the catalogue is committed.
        Assert.Equal([600, 600, 460, 200, 100, 0, 0, 20, 20], ListingKinds.All.Select(result.Listings.Of));
        Assert.Equal(600, await check.Set<JobPosting>().CountAsync());
        Assert.Equal(600, await check.Set<Rental>().CountAsync());
        Assert.Equal(460, await check.Set<Classified>().CountAsync());
        Assert.Equal(200, await check.Set<Voucher>().CountAsync());
        Assert.Equal(100, await check.Set<BusRoute>().CountAsync());
        Assert.Equal(result.Accounts, await check.Accounts.CountAsync());
        Assert.Equal(result.Accounts, await check.Profiles.CountAsync());
        Assert.Equal(result.Employers, await check.Employers.CountAsync());
        Assert.Equal(95, await check.Communes.CountAsync());
        Assert.Equal(283, await check.OldWardAliases.CountAsync());
        Assert.Equal(0, await check.Outbox.CountAsync());
        Assert.Equal(0, await check.Set<JobPosting>().CountAsync(j => j.Version != 1 || j.CommuneCode == null));
    }

    [Fact]
    public async Task SeedDemoAsync_WritesRowsThatEfReadsBackAsGenerated()
    {
        using var database = new TempSqliteDatabase();
        var expected = new DemoDataGenerator(PlaceCatalog.Load()).Generate(500, 11, ReferenceDate).Listings.ToList();

        await using (var db = database.NewContext())
        {
            await DemoDatabaseSeeder.SeedDemoAsync(db, 500, 11, ReferenceDate);
        }

        await using var check = database.NewContext();
        var voucher = expected.OfType<Voucher>().First();
        var route = expected.OfType<BusRoute>().First();
        var job = expected.OfType<JobPosting>().First();
        var storedVoucher = await check.Set<Voucher>().AsNoTracking().SingleAsync(v => v.Id == voucher.Id);
        var storedRoute = await check.Set<BusRoute>().AsNoTracking().SingleAsync(r => r.Id == route.Id);
        var storedJob = await check.Set<JobPosting>().AsNoTracking().Include(j => j.Employer).SingleAsync(j => j.Id == job.Id);
        Assert.Equal(voucher.Title, storedVoucher.Title);
        Assert.Equal(voucher.Locations.Select(l => (l.Name, l.Latitude, l.Longitude)), storedVoucher.Locations.Select(l => (l.Name, l.Latitude, l.Longitude)));
        Assert.Equal(voucher.DiscountPercent, storedVoucher.DiscountPercent);
        Assert.Equal(route.Departures, storedRoute.Departures);
        Assert.Equal(route.Stops.Select(s => s.Name), storedRoute.Stops.Select(s => s.Name));
        Assert.Equal(route.Scope, storedRoute.Scope);
        Assert.Equal((job.SalaryMinVnd, job.SalaryMaxVnd, job.Shift, job.Benefits), (storedJob.SalaryMinVnd, storedJob.SalaryMaxVnd, storedJob.Shift, storedJob.Benefits));
        Assert.Equal(job.CreatedAt, storedJob.CreatedAt);
        Assert.Equal(job.OwnerId, storedJob.Employer!.OwnerId);
        Assert.Equal(1, await check.Set<JobPosting>().CountAsync(j => j.UpdatedAt == job.UpdatedAt && j.Id == job.Id));
    }

    [Fact]
    public async Task SeedDemoAsync_AppendsPastExistingIds_AndLeavesThePlacesAlone()
    {
        using var database = new TempSqliteDatabase();

        DemoSeedResult first;
        DemoSeedResult second;
        await using (var db = database.NewContext())
        {
            first = await DemoDatabaseSeeder.SeedDemoAsync(db, 300, 1, ReferenceDate);
        }

        await using (var db = database.NewContext())
        {
            second = await DemoDatabaseSeeder.SeedDemoAsync(db, 300, 2, ReferenceDate);
        }

        await using var check = database.NewContext();
        Assert.True(first.PlaceRowsAdded > 0);
        Assert.Equal(0, second.PlaceRowsAdded);
        Assert.Equal(95, await check.Communes.CountAsync());
        Assert.Equal(180, await check.Set<JobPosting>().CountAsync());
        Assert.Equal(first.Accounts + second.Accounts, await check.Accounts.CountAsync());
        var owners = await check.Set<JobPosting>().Where(j => j.Id > 90).Select(j => new { j.OwnerId, EmployerOwner = j.Employer!.OwnerId }).ToListAsync();
        Assert.All(owners, o => Assert.True(o.OwnerId > first.Accounts && o.OwnerId == o.EmployerOwner));
    }

    [Fact]
    public async Task SeedDemoAsync_ReportsProgress_UpToTheListingCount()
    {
        using var database = new TempSqliteDatabase();
        var reports = new List<int>();

        await using (var db = database.NewContext())
        {
            await DemoDatabaseSeeder.SeedDemoAsync(db, 1_000, 3, ReferenceDate, new SynchronousProgress(reports.Add));
        }

        Assert.Equal(1_000, reports[^1]);
    }

    [Fact]
    public async Task SeedDemoAsync_StopsAfterTheBatchInHand_WhenCancelledMidway()
    {
        using var database = new TempSqliteDatabase();
        using var cancellation = new CancellationTokenSource();
        var cancelOnFirstReport = new SynchronousProgress(_ => cancellation.Cancel());

        await using (var db = database.NewContext())
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => DemoDatabaseSeeder.SeedDemoAsync(db, 60_000, 3, ReferenceDate, cancelOnFirstReport, cancellation.Token));
        }

        await using var check = database.NewContext();
        var listings = await check.Set<JobPosting>().CountAsync() + await check.Set<Rental>().CountAsync() + await check.Set<Classified>().CountAsync()
            + await check.Set<Voucher>().CountAsync() + await check.Set<BusRoute>().CountAsync();
        Assert.InRange(listings, 1, 60_000 - DemoDatabaseSeeder.BatchSize);
    }

    /// <summary>Calls back on the reporting thread, unlike <see cref="Progress{T}"/>.</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
