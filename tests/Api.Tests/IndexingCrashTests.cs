using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Listings.Rentals;
using DongNai.Search.Lucene;
using DongNai.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Api.Tests;

/// <summary>
/// Kills the real service with SIGKILL while it drains a large outbox, restarts it, and checks that
/// the index then holds exactly the database's listings: nothing lost, nothing duplicated, deletes
/// honoured. The service runs as a child process (the built Search.Api), so the crash is a real one.
/// </summary>
public sealed class IndexingCrashTests : IDisposable
{
    private const int Listings = 5_000;
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "dongnai-crash-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Index_EqualsDatabase_AfterTheServiceIsKilledMidDrainAndRestarted()
    {
        // A database with one indexed listing, so that the next start drains the outbox rather than rebuilding.
        await SeedAsync(1, seed: 1);
        using (var first = await ServiceProcess.StartAsync(_dataPath))
        {
            await first.WaitUntilReadyAsync();
        }

        await SeedAsync(Listings, seed: 2);
        var deleted = await QueueEveryListingAndDeleteSomeAsync(deleteEvery: 17);
        var queued = await OutboxCountAsync();

        long remainingAtKill;
        using (var doomed = await ServiceProcess.StartAsync(_dataPath))
        {
            remainingAtKill = await WaitForPartialDrainAsync(queued);
            doomed.Kill();
        }

        using (var restarted = await ServiceProcess.StartAsync(_dataPath))
        {
            await restarted.WaitUntilReadyAsync();
        }

        Assert.InRange(remainingAtKill, 1, queued - 1);
        Assert.Equal(0, await OutboxCountAsync());
        using var engine = new LuceneSearchEngine(new LuceneOptions { IndexPath = Path.Combine(_dataPath, "index") });
        await using var db = OpenDatabase();
        foreach (var kind in ListingKinds.All)
        {
            Assert.Equal(await ListingKinds.Get(kind).CountAsync(db, default), await engine.CountAsync(kind));
        }

        Assert.True(deleted > 0);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private AppDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={Path.Combine(_dataPath, "dongnai.db")}").Options);

    private async Task SeedAsync(int count, int seed)
    {
        Directory.CreateDirectory(_dataPath);
        await using var db = OpenDatabase();
        await db.Database.MigrateAsync();
        await DemoDatabaseSeeder.SeedDemoAsync(db, count, seed, new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));
    }

    /// <summary>Queues an upsert for every listing, as acknowledged writes would have, then deletes every n-th rental with a delete entry.</summary>
    private async Task<int> QueueEveryListingAndDeleteSomeAsync(int deleteEvery)
    {
        await using var db = OpenDatabase();
        foreach (var (kind, table) in ListingKinds.Descriptors.Select(d => (d.Kind, d.Table)))
        {
#pragma warning disable EF1002 // Table names come from the kind descriptors, not from input.
            await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO Outbox (Kind, ListingId, Version, Operation, CreatedAt) SELECT {(int)kind}, Id, Version, 1, UpdatedAt FROM {table} ORDER BY Id");
#pragma warning restore EF1002
        }

        var doomed = await db.Set<Rental>().Where(r => r.Id % deleteEvery == 0).Select(r => new { r.Id, r.Version }).ToListAsync();
        await db.Set<Rental>().Where(r => r.Id % deleteEvery == 0).ExecuteDeleteAsync();
        db.Outbox.AddRange(doomed.Select(r => new DongNai.Domain.Outbox.OutboxEntry
        {
            Kind = ListingKind.Rental,
            ListingId = r.Id,
            Version = r.Version + 1,
            Operation = DongNai.Domain.Outbox.OutboxOperation.Delete,
            CreatedAt = DateTime.UtcNow,
        }));
        await db.SaveChangesAsync();
        return doomed.Count;
    }

    private async Task<long> OutboxCountAsync()
    {
        await using var db = OpenDatabase();
        return await db.Outbox.LongCountAsync();
    }

    /// <summary>Waits until the service has applied some of the outbox but not all of it.</summary>
    private async Task<long> WaitForPartialDrainAsync(long queued)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            var remaining = await OutboxCountAsync();
            if (remaining < queued && remaining > 0)
            {
                return remaining;
            }

            Assert.True(remaining > 0, "The service drained the whole outbox before the test could kill it.");
            await Task.Delay(10);
        }

        throw new TimeoutException("The service never started draining the outbox.");
    }

    /// <summary>The built service, started as a child process on a free loopback port.</summary>
    private sealed class ServiceProcess : IDisposable
    {
        private readonly Process _process;
        private readonly Uri _baseAddress;

        private ServiceProcess(Process process, Uri baseAddress)
        {
            _process = process;
            _baseAddress = baseAddress;
        }

        public static Task<ServiceProcess> StartAsync(string dataPath)
        {
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(typeof(Program).Assembly.Location);
            start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
            start.ArgumentList.Add($"--Storage:DataPath={dataPath}");
            start.ArgumentList.Add("--Seed:DemoListings=0");
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return Task.FromResult(new ServiceProcess(process, new Uri($"http://127.0.0.1:{port}")));
        }

        public async Task WaitUntilReadyAsync()
        {
            using var client = new HttpClient { BaseAddress = _baseAddress, Timeout = TimeSpan.FromSeconds(5) };
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(180))
            {
                Assert.False(_process.HasExited, $"The service exited with code {(_process.HasExited ? _process.ExitCode : 0)}.");
                try
                {
                    if ((await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(100);
            }

            throw new TimeoutException("The service did not become ready.");
        }

        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Kill();
            }

            _process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
