using System.Security.Cryptography;
using DongNai.Domain;
using DongNai.Domain.Listings.Vouchers;
using DongNai.Domain.People;
using DongNai.Indexers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DongNai.Payments.Tests;

/// <summary>
/// The payments services over a real, migrated SQLite file in a temp folder, wired as the host
/// wires them (<c>AddDataStore</c>, <c>AddPayments</c>), with a fake clock. One per test: xunit
/// makes a test class instance per test, and the class creates one of these in its constructor.
/// Disposing asserts that the ledger balances (<see cref="LedgerAssert"/>), so every test that
/// moves money is checked, then deletes the folder.
/// </summary>
public sealed class PaymentsDatabase : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dongnai-payments-tests", Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;
    private int _accounts;

    public FakeTimeProvider Clock { get; } = new(Start);

    public IServiceProvider Services => _services;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<TimeProvider>(Clock);
        services.AddDataStore(Path.Combine(_folder, "dongnai.db"));
        services.AddSingleton<IndexingTrigger>();
        services.AddPayments(RandomNumberGenerator.GetBytes(32));
        _services = services.BuildServiceProvider();
        await WithDbAsync(async db =>
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            return 0;
        });
    }

    public async Task DisposeAsync()
    {
        try
        {
            await WithDbAsync(async db =>
            {
                await LedgerAssert.BalancedAsync(db);
                return 0;
            });
        }
        finally
        {
            await _services.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Runs <paramref name="work"/> with a service of a fresh scope, as one request would.</summary>
    public async Task<TResult> WithAsync<TService, TResult>(Func<TService, Task<TResult>> work)
        where TService : notnull
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Inserts <paramref name="count"/> accounts (no phone numbers: random bytes stand in for the hash and ciphertext).</summary>
    public Task<List<long>> AddAccountsAsync(int count, Role role = Role.Worker) => WithDbAsync(async db =>
    {
        var accounts = Enumerable.Range(0, count).Select(_ => new Account
        {
            PhoneLookupHash = RandomNumberGenerator.GetBytes(32),
            PhoneCiphertext = RandomNumberGenerator.GetBytes(32),
            PasswordHash = "unused",
            Role = role,
            SecurityStamp = Interlocked.Increment(ref _accounts).ToString(System.Globalization.CultureInfo.InvariantCulture),
            CreatedAt = Start.UtcDateTime,
        }).ToList();
        db.Accounts.AddRange(accounts);
        await db.SaveChangesAsync();
        return accounts.ConvertAll(a => a.Id);
    });

    public async Task<long> AddAccountAsync(Role role = Role.Worker) => (await AddAccountsAsync(1, role))[0];

    /// <summary>A voucher owned by <paramref name="ownerId"/>, valid from a day before <see cref="Start"/> for 90 days, at two locations.</summary>
    public Task<long> AddVoucherAsync(long ownerId, int quantity, long priceVnd = 0, int maxClaimsPerPerson = 1) => WithDbAsync(async db =>
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var voucher = new Voucher
        {
            OwnerId = ownerId,
            Title = "Giảm 20% trà sữa cho công nhân KCN",
            Description = "Áp dụng cho mọi loại trà sữa size L.",
            Brand = "Trà Sữa Nhà Làm",
            Category = VoucherCategory.FoodAndDrink,
            DiscountPercent = 20,
            PriceVnd = priceVnd,
            QuantityTotal = quantity,
            QuantityRemaining = quantity,
            MaxClaimsPerPerson = maxClaimsPerPerson,
            ValidFrom = Start.UtcDateTime.AddDays(-1),
            ValidTo = Start.UtcDateTime.AddDays(90),
            Locations =
            [
                new VoucherLocation { Name = "Chi nhánh Long Bình", Latitude = 10.9458, Longitude = 106.8775 },
                new VoucherLocation { Name = "Chi nhánh Amata", Latitude = 10.9530, Longitude = 106.8680 },
            ],
            Latitude = 10.9458,
            Longitude = 106.8775,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        db.Add(voucher);
        await db.SaveChangesAsync();
        return voucher.Id;
    });

    public Task<Voucher> VoucherAsync(long id) => WithDbAsync(db => db.Set<Voucher>().AsNoTracking().SingleAsync(v => v.Id == id));
}
