using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Outbox;
using DongNai.Indexers;
using DongNai.Indexers.Tests;
using DongNai.Search;
using DongNai.Search.Lucene;
using DongNai.Seeding;
using Hangfire;
using Hangfire.States;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DongNai.Api.Tests;

/// <summary>
/// The service keeps running and recovers on its own when indexing goes wrong: a damaged index is
/// set aside and rebuilt from the database, an engine that fails at start delays readiness without
/// ending the host, a listing the engine refuses ends in the admin's dead letters, and a job a killed
/// process left Processing is marked failed at the next start. Real hosts over temp data folders.
/// </summary>
public sealed class IndexingResilienceTests
{
    private static readonly DateTime SeededAt = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Start_RebuildsFromTheDatabaseAndSetsTheDamagedIndexAside_WhenASegmentFileIsTruncated()
    {
        using var factory = new ApiFactory();
        long seeded;
        using (var first = factory.WithWebHostBuilder(_ => { }))
        {
            await WaitUntilReadyAsync(first.CreateClient());
            seeded = await SeedAsync(first.Services, 60);
            await first.Services.GetRequiredService<IndexRebuilder>().RebuildAsync();
        }

        TruncateLargestSegmentFile(Path.Combine(factory.DataPath, "index"));

        using var second = factory.WithWebHostBuilder(_ => { });
        var client = second.CreateClient();
        await WaitUntilReadyAsync(client);

        var engine = second.Services.GetRequiredService<ISearchEngine>();
        await engine.RefreshAsync();
        Assert.Equal(seeded, await engine.CountAsync());
        var search = await client.GetFromJsonAsync<JsonElement>("/api/search/rentals", ApiFactory.Json);
        Assert.True(search.GetProperty("total").GetInt64() > 0);
        var aside = Assert.Single(Directory.EnumerateDirectories(factory.DataPath, "index-damaged-*"));
        Assert.NotEmpty(Directory.EnumerateFiles(aside, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Start_KeepsTheHostRunningAndBecomesReady_WhenTheEngineFailsAtFirst()
    {
        using var factory = new ApiFactory();
        RefusingSearchEngine? engine = null;
        using var host = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<ISearchEngine>();
            services.AddSingleton<ISearchEngine>(_ => engine = new RefusingSearchEngine(
                new LuceneSearchEngine(new LuceneOptions { IndexPath = Path.Combine(factory.DataPath, "index") })) { Down = true });
        }));
        var client = host.CreateClient();
        await WaitForAsync(() => engine is { DownFailures: >= 2 }, "the catch-up never tried the engine twice");

        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested;
        var whileDown = (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode;
        engine!.Down = false;
        await WaitUntilReadyAsync(client);

        Assert.False(stopping, "A failed catch-up stopped the host.");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileDown);
        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
    }

    [Fact]
    public async Task Drain_SetsARefusedListingAsideForTheAdmin_AndARetryIndexesIt()
    {
        using var factory = new ApiFactory();
        using var host = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<ISearchEngine>();
            services.AddSingleton<ISearchEngine>(_ => new RefusingSearchEngine(
                new LuceneSearchEngine(new LuceneOptions { IndexPath = Path.Combine(factory.DataPath, "index") })));
        }));
        var client = host.CreateClient();
        await WaitUntilReadyAsync(client);
        var engine = (RefusingSearchEngine)host.Services.GetRequiredService<ISearchEngine>();
        var drainer = host.Services.GetRequiredService<OutboxDrainer>();
        await SeedAsync(host.Services, 60);
        var rentals = await QueueRentalsAsync(host.Services);
        var refused = rentals[rentals.Count / 2];
        engine.Refused.Add((ListingKind.Rental, refused));
        var admin = await SignInAsAdminAsync(host);
        var worker = await ApiFactory.SignUpWorkerAsync(host);

        for (var attempt = 0; attempt < OutboxDrainer.MaxAttempts; attempt++)
        {
            await drainer.DrainAsync();
        }

        await engine.RefreshAsync();
        Assert.Equal(rentals.Count - 1, await engine.CountAsync(ListingKind.Rental));
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/admin/indexing/dead-letters", ApiFactory.Json);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        var item = list.GetProperty("items")[0];
        Assert.Equal(refused, item.GetProperty("listingId").GetInt64());
        Assert.Equal("rentals", item.GetProperty("kind").GetString());
        Assert.Equal("upsert", item.GetProperty("operation").GetString());
        Assert.Equal(OutboxDrainer.MaxAttempts, item.GetProperty("attempts").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync(new Uri("/api/admin/indexing/dead-letters", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/admin/indexing/dead-letters", UriKind.Relative))).StatusCode);
        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);

        engine.Refused.Clear();
        var id = item.GetProperty("id").GetInt64();
        var retried = await admin.PostAsync(new Uri($"/api/admin/indexing/dead-letters/{id}/retry", UriKind.Relative), null);
        var again = await admin.PostAsync(new Uri($"/api/admin/indexing/dead-letters/{id}/retry", UriKind.Relative), null);
        await drainer.DrainAsync();

        await engine.RefreshAsync();
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal(rentals.Count, await engine.CountAsync(ListingKind.Rental));
        var after = await admin.GetFromJsonAsync<JsonElement>("/api/admin/indexing/dead-letters", ApiFactory.Json);
        Assert.Equal(0, after.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Start_MarksAJobLeftProcessingByAStoppedProcessAsFailed()
    {
        using var factory = new ApiFactory();
        Directory.CreateDirectory(factory.DataPath);
        string jobId;
        if (factory.PostgreSqlDatabase is { } database)
        {
            var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true };
            jobId = new BackgroundJobClient(new PostgreSqlStorage(new NpgsqlConnectionFactory(database, options), options)).Create<IndexRebuildJob>(
                job => job.RunAsync(CancellationToken.None), new LeftProcessing("killed-host:4242:5a0c0f1e"));
        }
        else
        {
            using var storage = new SQLiteStorage(Path.Combine(factory.DataPath, "hangfire.db"));
            jobId = new BackgroundJobClient(storage).Create<IndexRebuildJob>(
                job => job.RunAsync(CancellationToken.None), new LeftProcessing("killed-host:4242:5a0c0f1e"));
        }

        using var host = factory.WithWebHostBuilder(_ => { });
        await WaitUntilReadyAsync(host.CreateClient());

        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.Equal(FailedState.StateName, connection.GetStateData(jobId).Name);
        Assert.Equal(0, host.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ProcessingCount());
    }

    /// <summary>
    /// The Processing state as a worker of another process records it (Hangfire's own ProcessingState
    /// cannot be made outside a worker), with the data the dashboard and monitoring read.
    /// </summary>
    private sealed class LeftProcessing(string serverId) : IState
    {
        public string Name => ProcessingState.StateName;

        public string? Reason => null;

        public bool IsFinal => false;

        public bool IgnoreJobLoadException => false;

        public Dictionary<string, string> SerializeData() => new()
        {
            ["StartedAt"] = Hangfire.Common.JobHelper.SerializeDateTime(SeededAt),
            ["ServerId"] = serverId,
            ["WorkerId"] = "worker-1",
        };
    }

    private static async Task<long> SeedAsync(IServiceProvider services, int listings)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var result = await DemoDatabaseSeeder.SeedDemoAsync(db, listings, seed: 11, SeededAt);
        return result.Listings.Total;
    }

    private static async Task<List<long>> QueueRentalsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rentals = await ListingKinds.Get(ListingKind.Rental).StreamAllAsync(db, CancellationToken.None).Select(l => l.Id).ToListAsync();
        db.Outbox.AddRange(rentals.Select(id => new OutboxEntry { Kind = ListingKind.Rental, ListingId = id, Version = 1, Operation = OutboxOperation.Upsert, CreatedAt = SeededAt }));
        await db.SaveChangesAsync();
        return rentals;
    }

    private static async Task<HttpClient> SignInAsAdminAsync(WebApplicationFactory<Program> host)
    {
        var client = host.CreateClient();
        var response = await client.PostAsJsonAsync("/api/accounts/sign-in", new { phone = "0900000009", password = "QuanTri@2026" }, ApiFactory.Json);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(ApiFactory.Json)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Halves the largest file of the live generation (a segment file, never segments_N).</summary>
    private static void TruncateLargestSegmentFile(string indexPath)
    {
        var generation = Path.Combine(indexPath, File.ReadAllText(Path.Combine(indexPath, "current")).Trim());
        var file = Directory.EnumerateFiles(generation)
            .Where(f => !Path.GetFileName(f).StartsWith("segments", StringComparison.Ordinal) && !f.EndsWith("write.lock", StringComparison.Ordinal))
            .OrderByDescending(f => new FileInfo(f).Length)
            .First();
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Write);
        stream.SetLength(stream.Length / 2);
    }

    private static Task WaitUntilReadyAsync(HttpClient client) =>
        WaitForAsync(async () => (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK, "the service never became ready");

    private static Task WaitForAsync(Func<bool> condition, string failure) => WaitForAsync(() => Task.FromResult(condition()), failure);

    /// <summary>Polls until the condition holds; the minute is a guard against hanging, not a measured time.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50);
        }
    }
}
