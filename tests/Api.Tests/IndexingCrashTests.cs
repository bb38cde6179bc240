using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Listings.Rentals;
using DongNai.Domain.Listings.Vouchers;
using DongNai.Domain.Places;
using DongNai.Identity.Verification;
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
/// Kills the real service with SIGKILL at three moments (while clients write through the API, in
/// the middle of an index rebuild, in the middle of a large outbox drain), restarts it, and checks
/// two things after the restart: every write the API acknowledged is in the database (the
/// (id, version) each client was answered, a delete gone), and the index holds exactly the
/// database's listings, the same (kind, id, version) set, nothing lost, nothing duplicated, deletes
/// honoured. The service runs as a child process (the built Search.Api), so the crash is a real one.
/// </summary>
public sealed class IndexingCrashTests : IDisposable
{
    private const int Listings = 3_000;

    /// <summary>Concurrent API clients writing rentals while the service is killed.</summary>
    private const int Writers = 4;

    /// <summary>Each kind's table: the test writes outbox rows and reads versions in SQL.</summary>
    private static readonly (ListingKind Kind, string Table)[] Tables = [.. ListingKinds.Descriptors.Select(d => (d.Kind, d.Table))];

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "dongnai-crash-tests", Guid.NewGuid().ToString("N"));

    private string IndexPath => Path.Combine(_dataPath, "index");

    [Fact]
    public async Task Restart_KeepsEveryAcknowledgedWrite_AndTheIndexEqualsTheDatabase_WhenKilledDuringWrites()
    {
        await SeedAsync(300, seed: 3);
        ApiWriters writers;
        using (var doomed = ServiceProcess.Start(_dataPath))
        {
            await doomed.WaitUntilReadyAsync();
            writers = await ApiWriters.StartAsync(doomed.BaseAddress, Writers);
            await writers.WaitForAcknowledgedAsync(60);
            doomed.Kill();
            await writers.StopAsync();
        }

        using (var restarted = ServiceProcess.Start(_dataPath))
        {
            await restarted.WaitUntilReadyAsync();
        }

        Assert.True(writers.Acknowledged >= 60);
        await AssertAcknowledgedWritesKeptAsync(writers);
        await AssertIndexEqualsDatabaseAsync();
    }

    [Fact]
    public async Task Restart_KeepsEveryAcknowledgedWrite_AndTheIndexEqualsTheDatabase_WhenKilledMidRebuild()
    {
        await SeedAsync(2_000, seed: 4);
        string before;
        ApiWriters writers;
        string rebuilding;
        using (var doomed = ServiceProcess.Start(_dataPath))
        {
            // Ready once it has built its first index from the database; the rebuild replaces that one.
            await doomed.WaitUntilReadyAsync();
            before = CurrentGeneration();
            writers = await ApiWriters.StartAsync(doomed.BaseAddress, Writers);
            await writers.WaitForAcknowledgedAsync(10);
            await doomed.StartRebuildAsync();
            rebuilding = await WaitForNewGenerationAsync(before);
            doomed.Kill();
            await writers.StopAsync();
        }

        var currentAtKill = CurrentGeneration();
        using (var restarted = ServiceProcess.Start(_dataPath))
        {
            await restarted.WaitUntilReadyAsync();
        }

        Assert.Equal(before, currentAtKill);
        Assert.False(Directory.Exists(Path.Combine(IndexPath, rebuilding)), "The interrupted rebuild's generation was left behind.");
        Assert.Equal([before], Directory.EnumerateDirectories(IndexPath, "gen-*").Select(Path.GetFileName));
        await AssertAcknowledgedWritesKeptAsync(writers);
        await AssertIndexEqualsDatabaseAsync();
    }

    [Fact]
    public async Task Restart_KeepsEveryAcknowledgedWrite_AndTheIndexEqualsTheDatabase_WhenKilledMidDrain()
    {
        // A database with one indexed listing, so that the next start drains the outbox rather than rebuilding.
        await SeedAsync(1, seed: 1);
        await IndexTheDatabaseAsync();

        await SeedAsync(Listings, seed: 2);
        var deleted = await QueueEveryListingAndDeleteSomeAsync(deleteEvery: 17);
        var (queued, lastQueued) = await OutboxAsync();

        long remainingAtKill;
        ApiWriters writers;
        using (var doomed = ServiceProcess.Start(_dataPath))
        {
            await doomed.WaitUntilListeningAsync();
            writers = await ApiWriters.StartAsync(doomed.BaseAddress, Writers);
            remainingAtKill = await WaitForPartialDrainAsync(queued, lastQueued);
            doomed.Kill();
            await writers.StopAsync();
        }

        using (var restarted = ServiceProcess.Start(_dataPath))
        {
            await restarted.WaitUntilReadyAsync();
        }

        var indexed = ReadIndexedListings();
        Assert.InRange(remainingAtKill, 1, queued - 1);
        Assert.NotEmpty(deleted);
        Assert.DoesNotContain(indexed, l => l.Kind == ListingKind.Rental && deleted.Contains(l.Id));
        await AssertAcknowledgedWritesKeptAsync(writers);
        await AssertIndexEqualsDatabaseAsync();
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

    /// <summary>Indexes every listing of the database with the engine itself, as the service's first start would.</summary>
    private async Task IndexTheDatabaseAsync()
    {
        var places = PlaceCatalog.Load();
        await using var db = OpenDatabase();
        using var engine = new LuceneSearchEngine(new LuceneOptions { IndexPath = IndexPath });
        foreach (var kind in ListingKinds.Descriptors)
        {
            await foreach (var listing in kind.StreamAllAsync(db, CancellationToken.None))
            {
                await engine.UpsertAsync([kind.BuildDocument(listing, places)]);
            }
        }

        await engine.CommitAsync();
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

    /// <summary>How many outbox entries wait, and the highest id among them.</summary>
    private async Task<(long Count, long LastId)> OutboxAsync()
    {
        await using var db = OpenDatabase();
        return (await db.Outbox.LongCountAsync(), await db.Outbox.MaxAsync(e => (long?)e.Id) ?? 0);
    }

    /// <summary>
    /// Waits until the service has applied some of the entries queued before it started (ids up to
    /// <paramref name="lastQueued"/>) but not all of them; the writers' own entries do not count.
    /// </summary>
    private async Task<long> WaitForPartialDrainAsync(long queued, long lastQueued)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            long remaining;
            await using (var db = OpenDatabase())
            {
                remaining = await db.Outbox.LongCountAsync(e => e.Id <= lastQueued);
            }

            if (remaining < queued && remaining > 0)
            {
                return remaining;
            }

            Assert.True(remaining > 0, "The service drained the whole outbox before the test could kill it.");
            await Task.Delay(10);
        }

        throw new TimeoutException("The service never started draining the outbox.");
    }

    /// <summary>The generation the index's <c>current</c> pointer names.</summary>
    private string CurrentGeneration() => File.ReadAllText(Path.Combine(IndexPath, "current")).Trim();

    /// <summary>Waits until a rebuild has opened its new generation folder (named after <paramref name="current"/>); returns its name.</summary>
    private async Task<string> WaitForNewGenerationAsync(string current)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            var next = Directory.EnumerateDirectories(IndexPath, "gen-*").Select(Path.GetFileName).OfType<string>().FirstOrDefault(name => string.CompareOrdinal(name, current) > 0);
            if (next is not null)
            {
                Assert.True(CurrentGeneration() == current, "The rebuild finished before the test could kill it.");
                return next;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("The rebuild never started.");
    }

    /// <summary>
    /// Every acknowledged write is in the database: a listing whose last answer was a create or an
    /// update has exactly the version it was answered with, one whose last answer was a delete is
    /// gone. A listing with a request under way at the kill may also hold that request's outcome.
    /// </summary>
    private async Task AssertAcknowledgedWritesKeptAsync(ApiWriters writers)
    {
        var database = (await DatabaseListingsAsync()).Where(l => l.Kind == ListingKind.Rental).ToDictionary(l => l.Id, l => l.Version);
        var problems = new List<string>();
        foreach (var (id, write) in writers.Listings)
        {
            var present = database.TryGetValue(id, out var version);
            var kept = write switch
            {
                { InFlight: true } => present ? version == write.Version || version == write.Version + 1 : true,
                { Deleted: true } => !present,
                _ => present && version == write.Version,
            };
            if (!kept)
            {
                problems.Add($"rental {id}: answered {(write.Deleted ? "deleted" : $"version {write.Version}")}{(write.InFlight ? " (then a request under way)" : "")}, database {(present ? $"version {version}" : "none")}");
            }
        }

        Assert.NotEmpty(writers.Listings);
        Assert.Empty(writers.Unexpected);
        Assert.True(problems.Count == 0, $"Acknowledged writes lost: {string.Join("; ", problems.Take(10))}");
    }

    /// <summary>
    /// The index, read from its committed files, holds exactly the database's (kind, id, version)
    /// set, once each; paging every kind through the engine port finds exactly the database's
    /// listings (sold-out vouchers excepted); the outbox is empty.
    /// </summary>
    private async Task AssertIndexEqualsDatabaseAsync()
    {
        var database = await DatabaseListingsAsync();
        var indexed = ReadIndexedListings();
        var searchable = await SearchableListingsAsync(IndexPath);
        var expectedSearchable = database.Select(l => (l.Kind, l.Id)).Except(await SoldOutVouchersAsync()).ToHashSet();

        Assert.Equal(0, (await OutboxAsync()).Count);
        // Every kind but CVs, which are people's own and never demo data (the catalogue brings public services).
        Assert.Equal(Tables.Select(t => t.Kind).Where(kind => kind != ListingKind.Cv).Order(), database.Select(l => l.Kind).Distinct().Order());
        AssertSameSet(database, indexed, "listings (kind, id, version) in the index files");
        Assert.Equal(indexed.Count, indexed.Distinct().Count());
        AssertSameSet(expectedSearchable, searchable, "listings (kind, id) found by paging SearchAsync");
        Assert.Equal(searchable.Count, searchable.Distinct().Count());
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
    private List<IndexedListing> ReadIndexedListings()
    {
        using var directory = FSDirectory.Open(Path.Combine(IndexPath, CurrentGeneration()));
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
        private const string AdminPhone = "0900000009";
        private const string AdminPassword = "QuanTri@2026";

        private readonly Process _process;

        private ServiceProcess(Process process, Uri baseAddress)
        {
            _process = process;
            BaseAddress = baseAddress;
        }

        public Uri BaseAddress { get; }

        /// <summary>Starts the service over <paramref name="dataPath"/>, with rate limits the test's writers cannot reach and a known admin.</summary>
        public static ServiceProcess Start(string dataPath)
        {
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            string[] arguments =
            [
                typeof(Program).Assembly.Location, $"--urls=http://127.0.0.1:{port}", $"--Storage:DataPath={dataPath}", "--Seed:DemoListings=0",
                "--RateLimits:AuthPerMinute=100000", "--RateLimits:WritesPerMinute=100000",
                $"--Admin:Phone={AdminPhone}", $"--Admin:Password={AdminPassword}",
            ];
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            // The writers post listings from unverified accounts, as ApiFactory's hosts do.
            foreach (var action in TrustedActions.All)
            {
                start.ArgumentList.Add($"--Verification:Required:{action}=false");
            }

            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return new ServiceProcess(process, new Uri($"http://127.0.0.1:{port}"));
        }

        /// <summary>Waits until the service answers HTTP (it may still be catching the index up).</summary>
        public Task WaitUntilListeningAsync() => WaitForStatusAsync("/health/live", "The service never listened.");

        /// <summary>Waits until readiness is OK: the index has caught up with the database.</summary>
        public Task WaitUntilReadyAsync() => WaitForStatusAsync("/health/ready", "The service did not become ready.");

        /// <summary>Queues a rebuild of the index as the admin (it runs as a background job).</summary>
        public async Task StartRebuildAsync()
        {
            using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            var signIn = await client.PostAsJsonAsync("/api/accounts/sign-in", new { phone = AdminPhone, password = AdminPassword }, ApiFactory.Json);
            signIn.EnsureSuccessStatusCode();
            var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>(ApiFactory.Json)).GetProperty("accessToken").GetString();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            var rebuild = await client.PostAsync(new Uri("/api/admin/search/rebuild", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.Accepted, rebuild.StatusCode);
        }

        /// <summary>SIGKILL: no shutdown code runs, as when the machine or the OOM killer ends it.</summary>
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

        private async Task WaitForStatusAsync(string path, string failure)
        {
            using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(180))
            {
                Assert.False(_process.HasExited, $"The service exited with code {(_process.HasExited ? _process.ExitCode : 0)}.");
                try
                {
                    if ((await client.GetAsync(new Uri(path, UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet, or too busy starting to answer in time.
                }

                await Task.Delay(100);
            }

            throw new TimeoutException(failure);
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    /// <summary>What the API last answered about one rental, and whether a request on it was under way when the service died.</summary>
    private sealed record AcknowledgedWrite(int Version, bool Deleted, bool InFlight);

    /// <summary>
    /// Clients writing rentals through the API, each as its own registered worker, one request at a
    /// time: create, then update or delete one of its own. Records per rental what the API last
    /// acknowledged (201, 200, 204) and marks a rental whose request got no answer (the service
    /// died under it, or answered 503 busy). Any other answer is unexpected and kept for the test.
    /// A client stops at its first unanswered request or when stopped.
    /// </summary>
    private sealed class ApiWriters
    {
        private readonly ConcurrentDictionary<long, AcknowledgedWrite> _listings = new();
        private readonly ConcurrentQueue<string> _unexpected = new();
        private readonly List<Task> _clients = [];
        private int _acknowledged;
        private volatile bool _stopping;

        public IReadOnlyDictionary<long, AcknowledgedWrite> Listings => _listings;

        public IReadOnlyCollection<string> Unexpected => _unexpected;

        public int Acknowledged => Volatile.Read(ref _acknowledged);

        public static async Task<ApiWriters> StartAsync(Uri baseAddress, int count)
        {
            var writers = new ApiWriters();
            for (var n = 0; n < count; n++)
            {
                var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
                var register = await client.PostAsJsonAsync("/api/accounts/register", new { phone = ApiFactory.NewPhone(), password = "matkhau123", displayName = "Trần Thị Bình", role = "worker" }, ApiFactory.Json);
                register.EnsureSuccessStatusCode();
                var token = (await register.Content.ReadFromJsonAsync<JsonElement>(ApiFactory.Json)).GetProperty("accessToken").GetString();
                client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                var seed = n;
                writers._clients.Add(Task.Run(() => writers.WriteUntilStoppedAsync(client, seed)));
            }

            return writers;
        }

        /// <summary>Waits until at least <paramref name="count"/> writes were acknowledged in all.</summary>
        public async Task WaitForAcknowledgedAsync(int count)
        {
            var deadline = Stopwatch.StartNew();
            while (Acknowledged < count)
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(120), $"Only {Acknowledged} writes were acknowledged.");
                Assert.Empty(_unexpected);
                await Task.Delay(20);
            }
        }

        /// <summary>Stops the clients (after a kill, each ends at its first unanswered request).</summary>
        public async Task StopAsync()
        {
            _stopping = true;
            await Task.WhenAll(_clients);
        }

        private async Task WriteUntilStoppedAsync(HttpClient client, int seed)
        {
            using var _ = client;
            var random = new Random(seed);
            var mine = new List<long>();
            while (!_stopping)
            {
                var id = mine.Count < 3 || random.Next(2) == 0 ? (long?)null : mine[random.Next(mine.Count)];
                var delete = id is not null && random.Next(3) == 0;
                HttpResponseMessage response;
                try
                {
                    response = id is null ? await client.PostAsJsonAsync("/api/rentals", Payload(random), ApiFactory.Json)
                        : delete ? await client.DeleteAsync(new Uri($"/api/rentals/{id}", UriKind.Relative))
                        : await client.PutAsJsonAsync($"/api/rentals/{id}", Payload(random), ApiFactory.Json);
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    MarkInFlight(id);
                    return;
                }

                switch (response.StatusCode)
                {
                    case HttpStatusCode.Created or HttpStatusCode.OK:
                        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ApiFactory.Json);
                        var version = body.GetProperty("version").GetInt32();
                        var written = id ?? body.GetProperty("id").GetInt64();
                        _listings[written] = new AcknowledgedWrite(version, Deleted: false, InFlight: false);
                        if (id is null)
                        {
                            mine.Add(written);
                        }

                        break;
                    case HttpStatusCode.NoContent when delete:
                        _listings[id!.Value] = _listings[id.Value] with { Deleted = true };
                        mine.Remove(id.Value);
                        break;
                    case HttpStatusCode.ServiceUnavailable:
                        // The database was busy: not acknowledged, and this client leaves the rental alone from now on.
                        MarkInFlight(id);
                        if (id is { } busy)
                        {
                            mine.Remove(busy);
                        }

                        continue;
                    default:
                        _unexpected.Enqueue($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        return;
                }

                Interlocked.Increment(ref _acknowledged);
            }
        }

        private void MarkInFlight(long? id)
        {
            if (id is { } known)
            {
                _listings[known] = _listings[known] with { InFlight = true };
            }
        }

        private static System.Text.Json.Nodes.JsonObject Payload(Random random)
        {
            var payload = ListingPayloads.Rental();
            payload["title"] = $"Phòng trọ số {random.Next(1, 999)} gần KCN Amata";
            payload["priceVnd"] = random.Next(10, 60) * 100_000;
            return payload;
        }
    }
}
