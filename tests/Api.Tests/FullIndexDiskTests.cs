using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Domain;
using DongNai.Indexers;
using DongNai.Search;
using DongNai.Search.Lucene;
using DongNai.Search.Lucene.Tests;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace DongNai.Api.Tests;

/// <summary>
/// The index folder's disk fills up while the service runs. The database is the system of record,
/// so writes keep being acknowledged; searches keep answering from the last good index; readiness
/// says the index is behind (Degraded, still 200: the instance serves); the drain neither loses nor
/// dead-letters anything; and once there is room again the index catches up with every
/// acknowledged write. Once with a full disk injected under Lucene (always runs), once with a real
/// small tmpfs filled to the last byte (where this machine lets the tests mount one).
/// </summary>
public sealed class FullIndexDiskTests
{
    [Fact]
    public async Task Service_KeepsWritesAndSearches_AndCatchesUpOnceThereIsRoom_WhenTheIndexDiskIsFull()
    {
        using var factory = new ApiFactory();
        var disk = new FullDisk();
        using var host = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<ISearchEngine>();
            services.AddSingleton<ISearchEngine>(provider => new LuceneSearchEngine(
                new LuceneOptions { IndexPath = Path.Combine(factory.DataPath, "index"), OpenDirectory = disk.Open },
                provider.GetRequiredService<ILogger<LuceneSearchEngine>>()));
        }));

        await RunScenarioAsync(host, fill: () => disk.Fill(), makeRoom: disk.MakeRoom);

        Assert.True(disk.FailedWrites > 0, "The index never hit the full disk: the scenario proved nothing.");
    }

    [MountFact]
    public async Task Service_KeepsWritesAndSearches_AndCatchesUpOnceThereIsRoom_WhenARealIndexFileSystemIsFull()
    {
        using var factory = new ApiFactory();
        using var tmpfs = SmallTmpfs.Mount(Path.Combine(factory.DataPath, "index"), megabytes: 4);
        using var host = factory.WithWebHostBuilder(_ => { });

        await RunScenarioAsync(host, fill: tmpfs.Fill, makeRoom: tmpfs.MakeRoom);

        Assert.True(tmpfs.BallastBytes > 0);
    }

    /// <summary>
    /// Six rentals indexed; the disk fills; four created, one updated and one deleted, all
    /// acknowledged; checks while full; room again; every acknowledged write searchable.
    /// </summary>
    private static async Task RunScenarioAsync(WebApplicationFactory<Program> host, Action fill, Action makeRoom)
    {
        var probe = host.CreateClient();
        await WaitForAsync(async () => (await ReadinessAsync(probe)).Status == HttpStatusCode.OK, "the service never became ready");
        var owner = await ApiFactory.SignUpWorkerAsync(host);
        var marker = "daynho" + Guid.NewGuid().ToString("N")[..6];
        var before = new Dictionary<long, string>();
        for (var n = 0; n < 6; n++)
        {
            var title = $"Phòng trọ {marker} số {n} gần KCN Amata";
            before[await CreateAsync(owner, title)] = title;
        }

        await WaitForAsync(async () => SameSet(before, await SearchAsync(probe, marker)), "the first rentals never became searchable");
        var updatedId = before.Keys.First();
        var deletedId = before.Keys.Last();

        fill();
        var created = new Dictionary<long, string>();
        for (var n = 0; n < 4; n++)
        {
            var title = $"Nhà nguyên căn {marker} mới {n} Long Thành";
            created[await CreateAsync(owner, title)] = title;
        }

        var updatedTitle = $"Căn hộ {marker} đã sửa Trảng Bom";
        var update = ListingPayloads.Rental();
        update["title"] = updatedTitle;
        var updated = await owner.PutAsJsonAsync($"/api/rentals/{updatedId}", update, ApiFactory.Json);
        var deleted = await owner.DeleteAsync(new Uri($"/api/rentals/{deletedId}", UriKind.Relative));
        await WaitForAsync(async () => (await ReadinessAsync(probe)).Body == "Degraded", "readiness never said the index is behind");
        var searchWhileFull = await SearchAsync(probe, marker);
        var suggestWhileFull = await probe.GetAsync(new Uri($"/api/suggest?q={marker[..4]}", UriKind.Relative));
        var readyWhileFull = await ReadinessAsync(probe);
        var drainer = host.Services.GetRequiredService<OutboxDrainer>();
        for (var attempt = 0; attempt < OutboxDrainer.MaxAttempts; attempt++)
        {
            // As many failed drains as would set a listing aside: a full disk is not the listing's fault.
            await Record.ExceptionAsync(() => drainer.DrainAsync());
        }

        var (deadLettersWhileFull, outboxWhileFull) = await IndexingBacklogAsync(host);
        makeRoom();

        var expected = before.Where(p => p.Key != deletedId).ToDictionary();
        expected[updatedId] = updatedTitle;
        foreach (var (id, title) in created)
        {
            expected[id] = title;
        }

        await WaitForAsync(async () => SameSet(expected, await SearchAsync(probe, marker)), "the index never caught up with the writes made while the disk was full");
        await WaitForAsync(async () => (await ReadinessAsync(probe)).Body == "Healthy", "readiness never recovered");
        var (deadLettersAfter, outboxAfter) = await IndexingBacklogAsync(host);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        // While full, search answers from the last good index. A merge that frees a file can let a
        // later flush through, so some of the new writes may show already; but every hit is a
        // listing in one of its acknowledged states, and nothing indexed before is missing.
        var acknowledged = before.Select(p => (p.Key, p.Value)).Concat(created.Select(p => (p.Key, p.Value))).Append((updatedId, updatedTitle)).ToHashSet();
        Assert.True(
            before.Where(p => p.Key != updatedId && p.Key != deletedId).All(p => searchWhileFull.TryGetValue(p.Key, out var title) && title == p.Value)
                && searchWhileFull.All(hit => acknowledged.Contains((hit.Key, hit.Value))),
            $"While the disk was full, search did not answer from the last good index: {string.Join("; ", searchWhileFull.Select(h => $"{h.Key} {h.Value}"))}");
        Assert.Equal(HttpStatusCode.OK, suggestWhileFull.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyWhileFull.Status);
        Assert.Equal(0, deadLettersWhileFull);
        Assert.True(outboxWhileFull >= created.Count + 2, $"Only {outboxWhileFull} outbox entries waited while the disk was full.");
        Assert.Equal(0, deadLettersAfter);
        Assert.Equal(0, outboxAfter);
        foreach (var id in expected.Keys)
        {
            Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync(new Uri($"/api/rentals/{id}", UriKind.Relative))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await probe.GetAsync(new Uri($"/api/rentals/{deletedId}", UriKind.Relative))).StatusCode);
    }

    private static async Task<long> CreateAsync(HttpClient owner, string title)
    {
        var payload = ListingPayloads.Rental();
        payload["title"] = title;
        var response = await owner.PostAsJsonAsync("/api/rentals", payload, ApiFactory.Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ApiFactory.Json)).GetProperty("id").GetInt64();
    }

    /// <summary>Every rental the search finds for the marker, with its indexed title.</summary>
    private static async Task<Dictionary<long, string>> SearchAsync(HttpClient client, string marker)
    {
        var response = await client.GetAsync(new Uri($"/api/search/rentals?q={marker}&size=100&understand=false", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ApiFactory.Json);
        return body.GetProperty("hits").EnumerateArray().ToDictionary(hit => hit.GetProperty("id").GetInt64(), hit => hit.GetProperty("title").GetString()!);
    }

    private static bool SameSet(Dictionary<long, string> expected, Dictionary<long, string> actual) =>
        expected.Count == actual.Count && expected.All(pair => actual.TryGetValue(pair.Key, out var title) && title == pair.Value);

    private static async Task<(HttpStatusCode Status, string Body)> ReadinessAsync(HttpClient client)
    {
        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<(int DeadLetters, int Outbox)> IndexingBacklogAsync(WebApplicationFactory<Program> host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.IndexingDeadLetters.CountAsync(), await db.Outbox.CountAsync());
    }

    /// <summary>
    /// Polls until the condition holds. The two minutes guard against hanging, not a measured time:
    /// the drain retries after a pause that doubles with each failure, so catching up may wait for it.
    /// </summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), failure);
            await Task.Delay(100);
        }
    }
}
