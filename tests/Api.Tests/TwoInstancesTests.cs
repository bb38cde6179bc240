using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Domain;
using DongNai.Indexers;
using DongNai.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DongNai.Api.Tests;

/// <summary>
/// Two service instances on one PostgreSQL database, as behind a load balancer: they start together
/// without racing each other's migrations, either one takes any request, and the outbox is drained
/// by one at a time into the search engine they share (here one real Lucene index that both hosts
/// use, standing where a shared Elasticsearch cluster stands in production).
/// </summary>
public sealed class TwoInstancesTests
{
    [PostgreSqlFact]
    public async Task TwoInstances_StartingTogether_MigrateOnce_AndBothBecomeReady()
    {
        using var first = new ApiFactory();
        using var second = new ApiFactory(first);

        // Start both hosts at the same moment: each migrates, writes reference data and the admin at start.
        var clients = await Task.WhenAll(Task.Run(first.CreateClient), Task.Run(second.CreateClient));

        foreach (var client in clients)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        }

        var (migrations, applied, admins) = await first.WithDbAsync(async db => (
            db.Database.GetMigrations().Count(),
            (await db.Database.GetAppliedMigrationsAsync()).Count(),
            await db.Accounts.CountAsync(a => a.Role == DongNai.Domain.People.Role.Admin)));
        Assert.Equal(migrations, applied);
        Assert.Equal(1, admins);
    }

    [PostgreSqlFact]
    public async Task WritesThroughEitherInstance_ReachTheSharedIndexOnce_AtTheirLatestVersion()
    {
        using var first = new ApiFactory();
        var engine = first.Services.GetRequiredService<ISearchEngine>();
        using var second = new ApiFactory(first)
        {
            TestServices = services =>
            {
                services.RemoveAll<ISearchEngine>();
                services.AddSingleton(engine);
            },
        };
        var viaFirst = await ApiFactory.SignUpWorkerAsync(first);
        var viaSecond = second.CreateClient();
        viaSecond.DefaultRequestHeaders.Authorization = viaFirst.DefaultRequestHeaders.Authorization;

        // Created through one instance, changed through the other, all at once.
        const int count = 16;
        var created = await Task.WhenAll(Enumerable.Range(0, count).Select(async n =>
        {
            var payload = ListingPayloads.Rental();
            payload["priceVnd"] = 1_000_000 + (n * 10_000);
            var response = await (n % 2 == 0 ? viaFirst : viaSecond).PostAsJsonAsync("/api/rentals", payload);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await Problems.ReadAsync(response)).GetProperty("id").GetInt64();
        }));
        await Task.WhenAll(created.Select(async (id, n) =>
        {
            var payload = ListingPayloads.Rental();
            payload["priceVnd"] = 2_000_000 + (n * 10_000);
            var response = await (n % 2 == 0 ? viaSecond : viaFirst).PutAsJsonAsync($"/api/rentals/{id}", payload);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }));

        // Until both drainers are done: the outbox empty, and what the index holds then is final.
        var expected = created.Select((id, n) => (id, 2_000_000L + (n * 10_000))).ToHashSet();
        HashSet<(long, long)> indexed = [];
        var waiting = -1;
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (waiting != 0 || !indexed.SetEquals(expected))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the shared index holds {indexed.Count} of the {count} listings at their latest price, {waiting} outbox entries wait");
            await Task.Delay(100);
            waiting = await first.WithDbAsync(db => db.Outbox.CountAsync());
            await engine.RefreshAsync();
            var page = await second.CreateClient().GetFromJsonAsync<JsonElement>("/api/search/rentals?size=50", ApiFactory.Json);
            indexed = page.GetProperty("hits").EnumerateArray().Select(h => (h.GetProperty("id").GetInt64(), h.GetProperty("priceVnd").GetInt64())).ToHashSet();
        }

        Assert.Equal(count, await engine.CountAsync(DongNai.Domain.Listings.ListingKind.Rental));
    }

    [PostgreSqlFact]
    public async Task Drain_LeavesTheOutboxToTheInstanceHoldingTheLease_AndRunsOnceItIsFree()
    {
        using var first = new ApiFactory();
        using var second = new ApiFactory(first);
        _ = second.Services;
        var owner = await ApiFactory.SignUpWorkerAsync(first);

        // Another instance is draining: it holds the lease for as long as its connection keeps it.
        await using var scope = first.Services.CreateAsyncScope();
        var holder = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var lease = await DatabaseLease.TryTakeAsync(holder, DatabaseLease.OutboxDrain, CancellationToken.None);
        Assert.NotNull(lease);
        var response = await owner.PostAsJsonAsync("/api/rentals", ListingPayloads.Rental());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var appliedWhileHeld = await second.Services.GetRequiredService<OutboxDrainer>().DrainAsync();
        var waitingWhileHeld = await first.WithDbAsync(db => db.Outbox.CountAsync());
        await lease.DisposeAsync();

        // Free again, whichever instance drains next empties the outbox.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (await first.WithDbAsync(db => db.Outbox.CountAsync()) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the outbox was never drained once the lease was free");
            await second.Services.GetRequiredService<OutboxDrainer>().DrainAsync();
            await Task.Delay(50);
        }

        Assert.Equal(0, appliedWhileHeld);
        Assert.Equal(1, waitingWhileHeld);
    }
}
