using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Listings.Rentals;
using DongNai.Domain.Listings.Vouchers;
using DongNai.Search;
using DongNai.Search.Lucene;
using DongNai.Seeding;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Directory = System.IO.Directory;

namespace DongNai.Api.Tests;

/// <summary>
/// Kills the real service with SIGKILL while it drains a large outbox, restarts it, and checks that
/// the index then holds exactly the database's listings: the same (kind, id, version) set, nothing
/// lost, nothing duplicated, deletes honoured. The service runs as a child process (the built
/// Search.Api), so the crash is a real one.
/// </summary>
public sealed class IndexingCrashTests : IDisposable
{
    private const int Listings = 5_000;

    /// <summary>Each kind's table: the test writes outbox rows and reads versions in SQL.</summary>
    private static readonly (ListingKind Kind, string Table)[] Tables = [.. ListingKinds.Descriptors.Select(d => (d.Kind, d.Table))];

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

        var database = await DatabaseListingsAsync();
        var indexed = ReadIndexedListings(Path.Combine(_dataPath, "index"));
        var searchable = await SearchableListingsAsync(Path.Combine(_dataPath, "index"));
        var expectedSearchable = database.Select(l => (l.Kind, l.Id)).Except(await SoldOutVouchersAsync()).ToHashSet();

        Assert.InRange(remainingAtKill, 1, queued - 1);
        Assert.Equal(0, await OutboxCountAsync());
        Assert.Equal(Tables.Length, database.Select(l => l.Kind).Distinct().Count());
        AssertSameSet(database, indexed, "listings (kind, id, version) in the index files");
        Assert.Equal(indexed.Count, indexed.Distinct().Count());
        AssertSameSet(expectedSearchable, searchable, "listings (kind, id) found by paging SearchAsync");
        Assert.Equal(searchable.Count, searchable.Distinct().Count());
        Assert.NotEmpty(deleted);
        Assert.DoesNotContain(indexed, l => l.Kind == ListingKind.Rental && deleted.Contains(l.Id));
        Assert.DoesNotContain(searchable, l => l.Kind == ListingKind.Rental && deleted.Contains(l.Id));
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

    /// <summary>
    /// Queues an upsert for every listing, as acknowledged writes would have, then deletes every
    /// n-th rental with a delete entry. Returns the ids of the deleted rentals.
    /// </summary>
    private async Task<HashSet<long>> QueueEveryListingAndDeleteSomeAsync(int deleteEvery)
    {
        await using var db = OpenDatabase();
        foreach (var (kind, table) in Tables)
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
        return [.. doomed.Select(r => r.Id)];
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

    private async Task<List<IndexedListing>> DatabaseListingsAsync()
    {
        await using var db = OpenDatabase();
        var listings = new List<IndexedListing>();
        foreach (var (kind, table) in Tables)
        {
#pragma warning disable EF1002 // Table names come from the kind descriptors, not from input.
            var rows = await db.Database.SqlQueryRaw<IdAndVersion>($"SELECT Id, Version FROM {table}").ToListAsync();
#pragma warning restore EF1002
            listings.AddRange(rows.Select(row => new IndexedListing(kind, row.Id, row.Version)));
        }

        return listings;
    }

    /// <summary>Vouchers with nothing left: indexed, but never returned by a search.</summary>
    private async Task<List<(ListingKind Kind, long Id)>> SoldOutVouchersAsync()
    {
        await using var db = OpenDatabase();
        var ids = await db.Set<Voucher>().Where(v => v.QuantityRemaining <= 0).Select(v => v.Id).ToListAsync();
        return [.. ids.Select(id => (ListingKind.Voucher, id))];
    }

    /// <summary>
    /// Every listing of the index through the engine port: each kind paged through in a stable
    /// order, 100 at a time, as of an instant before any listing expires.
    /// </summary>
    private static async Task<List<(ListingKind Kind, long Id)>> SearchableListingsAsync(string indexPath)
    {
        using var engine = new LuceneSearchEngine(new LuceneOptions { IndexPath = indexPath });
        var found = new List<(ListingKind, long)>();
        foreach (var (kind, _) in Tables)
        {
            string? cursor = null;
            do
            {
                var page = await engine.SearchAsync(new SearchQuery
                {
                    Kind = kind,
                    Sort = SearchSort.Newest,
                    Size = SearchQuery.MaxSize,
                    Cursor = cursor,
                    Now = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                });
                found.AddRange(page.Hits.Select(hit => (hit.Kind, hit.Id)));
                cursor = page.NextCursor;
            }
            while (cursor is not null);
        }

        return found;
    }

    /// <summary>
    /// Every live listing document of the current index generation with its version, read from the
    /// committed files with Lucene itself, since the port does not expose versions. The field names
    /// are the engine's schema (<c>Search.Lucene/Indexing/FieldNames.cs</c>): numeric doc values
    /// kind_dv, id_dv, version_dv, and tomb_dv = 1 on deletion tombstones, which are skipped.
    /// </summary>
    private static List<IndexedListing> ReadIndexedListings(string indexPath)
    {
        var generation = File.ReadAllText(Path.Combine(indexPath, "current")).Trim();
        using var directory = FSDirectory.Open(Path.Combine(indexPath, generation));
        using var reader = DirectoryReader.Open(directory);
        var listings = new List<IndexedListing>();
        foreach (var leaf in reader.Leaves)
        {
            var segment = leaf.AtomicReader;
            var kinds = segment.GetNumericDocValues("kind_dv");
            var ids = segment.GetNumericDocValues("id_dv");
            var versions = segment.GetNumericDocValues("version_dv");
            var tombstones = segment.GetNumericDocValues("tomb_dv");
            Assert.True(kinds is not null && ids is not null && versions is not null && tombstones is not null, "The index schema changed: update this reader.");
            for (var doc = 0; doc < segment.MaxDoc; doc++)
            {
                if (segment.LiveDocs?.Get(doc) == false || tombstones.Get(doc) == 1)
                {
                    continue;
                }

                listings.Add(new IndexedListing((ListingKind)kinds.Get(doc), ids.Get(doc), (int)versions.Get(doc)));
            }
        }

        return listings;
    }

    private static void AssertSameSet<T>(IEnumerable<T> expected, IEnumerable<T> actual, string what)
    {
        var expectedSet = expected.ToHashSet();
        var actualSet = actual.ToHashSet();
        var missing = expectedSet.Except(actualSet).Take(10).ToList();
        var extra = actualSet.Except(expectedSet).Take(10).ToList();

        Assert.True(
            missing.Count == 0 && extra.Count == 0,
            $"The {what} differ from the database: missing {string.Join(", ", missing)}; unexpected {string.Join(", ", extra)} (first 10 of each).");
    }

    private readonly record struct IndexedListing(ListingKind Kind, long Id, int Version);

    private sealed record IdAndVersion(long Id, int Version);

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
