using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DongNai.Domain.Listings;
using DongNai.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Api.Tests;

public sealed class EventTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string RequestId = "0123456789ABCDEF0123456789abcdef";

    [Fact]
    public async Task Post_StoresAnAnonymousBatchUnderTheDeviceId()
    {
        var device = NewDeviceId();
        var shownAt = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddHours(-1);
        var shownAtText = shownAt.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var batch = Batch(
            device,
            Event("impression", "rentals", 987654321, position: 3, requestId: RequestId, occurredAt: shownAtText),
            Event("contact", "bus-routes", 12));

        var response = await factory.CreateClient().PostAsJsonAsync("/api/events", batch);
        var body = await Problems.ReadAsync(response);
        var stored = await StoredAsync(i => i.DeviceId == device);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, body.GetProperty("accepted").GetInt32());
        Assert.Equal(0, body.GetProperty("duplicates").GetInt32());
        Assert.Equal(2, stored.Count);
        Assert.All(stored, e => Assert.Null(e.AccountId));
        var impression = stored.Single(e => e.Type == InteractionType.Impression);
        Assert.Equal((ListingKind.Rental, 987654321L, 3), (impression.ListingKind, impression.ListingId, impression.Position));
        Assert.Equal(RequestId.ToLowerInvariant(), impression.RequestId);
        Assert.Equal(shownAt.UtcDateTime.AddTicks(-(shownAt.UtcDateTime.Ticks % TimeSpan.TicksPerSecond)), impression.OccurredAt);
        var contact = stored.Single(e => e.Type == InteractionType.Contact);
        Assert.Equal((ListingKind.BusRoute, 12L, (int?)null), (contact.ListingKind, contact.ListingId, contact.Position));
    }

    [Fact]
    public async Task Post_StoresASignedInBatchUnderTheAccountId_WithoutADeviceId()
    {
        var worker = await factory.SignUpAsync();
        var batch = new JsonObject { ["events"] = new JsonArray(Event("save", "jobs", 41), Event("apply", "jobs", 41)) };

        var response = await worker.Client.PostAsJsonAsync("/api/events", batch);
        var stored = await StoredAsync(i => i.AccountId == worker.AccountId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([InteractionType.Save, InteractionType.Apply], stored.Select(e => e.Type).Order());
        Assert.All(stored, e => Assert.Null(e.DeviceId));
    }

    [Fact]
    public async Task Post_DefaultsOccurredAtToTheServersTime()
    {
        var device = NewDeviceId();
        var time = factory.Services.GetRequiredService<TimeProvider>();

        var before = time.GetUtcNow().UtcDateTime;
        var response = await factory.CreateClient().PostAsJsonAsync("/api/events", Batch(device, Event("click", "classifieds", 7)));
        var after = time.GetUtcNow().UtcDateTime;
        var stored = Assert.Single(await StoredAsync(i => i.DeviceId == device));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(stored.OccurredAt, before, after);
    }

    [Fact]
    public async Task Post_StoresEachEventOnce_WhenTheSameBatchIsPostedTwice()
    {
        var device = NewDeviceId();
        var batch = Batch(device, Event("impression", "jobs", 1, position: 0), Event("impression", "jobs", 2, position: 1), Event("click", "jobs", 2));
        var client = factory.CreateClient();

        var first = await Problems.ReadAsync(await client.PostAsJsonAsync("/api/events", batch));
        var retry = await client.PostAsJsonAsync("/api/events", batch);
        var second = await Problems.ReadAsync(retry);
        var rows = await CountAsync(i => i.DeviceId == device);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal((3, 0), (first.GetProperty("accepted").GetInt32(), first.GetProperty("duplicates").GetInt32()));
        Assert.Equal((0, 3), (second.GetProperty("accepted").GetInt32(), second.GetProperty("duplicates").GetInt32()));
        Assert.Equal(3, rows);
    }

    [Fact]
    public async Task Post_StoresOnlyTheNewEvents_WhenARetriedBatchGainedSome()
    {
        var device = NewDeviceId();
        var old = Event("save", "vouchers", 5);
        await factory.CreateClient().PostAsJsonAsync("/api/events", Batch(device, old));

        var response = await factory.CreateClient().PostAsJsonAsync("/api/events", Batch(device, old.DeepClone().AsObject(), Event("claim", "vouchers", 5)));
        var body = await Problems.ReadAsync(response);

        Assert.Equal((1, 1), (body.GetProperty("accepted").GetInt32(), body.GetProperty("duplicates").GetInt32()));
        Assert.Equal(2, await CountAsync(i => i.DeviceId == device));
    }

    [Fact]
    public async Task Post_CountsAnIdRepeatedWithinOneBatchAsADuplicate()
    {
        var device = NewDeviceId();
        var click = Event("click", "rentals", 9);

        var response = await factory.CreateClient().PostAsJsonAsync("/api/events", Batch(device, click, click.DeepClone().AsObject()));
        var body = await Problems.ReadAsync(response);

        Assert.Equal((1, 1), (body.GetProperty("accepted").GetInt32(), body.GetProperty("duplicates").GetInt32()));
        Assert.Equal(1, await CountAsync(i => i.DeviceId == device));
    }

    [Fact]
    public async Task Post_StoresTheSameClientEventIdForTwoDevices()
    {
        var (deviceA, deviceB) = (NewDeviceId(), NewDeviceId());
        var clientEventId = Guid.NewGuid().ToString();

        var a = await factory.CreateClient().PostAsJsonAsync("/api/events", Batch(deviceA, Event("click", "jobs", 3, clientEventId: clientEventId)));
        var b = await factory.CreateClient().PostAsJsonAsync("/api/events", Batch(deviceB, Event("click", "jobs", 3, clientEventId: clientEventId)));

        Assert.Equal(1, (await Problems.ReadAsync(a)).GetProperty("accepted").GetInt32());
        Assert.Equal(1, (await Problems.ReadAsync(b)).GetProperty("accepted").GetInt32());
        Assert.Equal(2, await CountAsync(i => i.ClientEventId == clientEventId));
    }

    [Fact]
    public async Task Post_StoresAClientEventIdOncePerAccount_WhenSentFromTwoDevicesOfThatAccount()
    {
        var worker = await factory.SignUpAsync();
        var clientEventId = Guid.NewGuid().ToString();

        await worker.Client.PostAsJsonAsync("/api/events", Batch(NewDeviceId(), Event("save", "rentals", 3, clientEventId: clientEventId)));
        var second = await worker.Client.PostAsJsonAsync("/api/events", Batch(NewDeviceId(), Event("save", "rentals", 3, clientEventId: clientEventId)));

        Assert.Equal(1, (await Problems.ReadAsync(second)).GetProperty("duplicates").GetInt32());
        Assert.Equal(1, await CountAsync(i => i.AccountId == worker.AccountId));
    }

    [Fact]
    public async Task Post_StoresTheQueryFoldedWithoutPhoneNumbers()
    {
        var device = NewDeviceId();
        var click = Event("click", "rentals", 11, query: "  Phòng trọ  Biên Hòa gọi 0912 345 678 ");

        await factory.CreateClient().PostAsJsonAsync("/api/events", Batch(device, click));
        var stored = Assert.Single(await StoredAsync(i => i.DeviceId == device));

        Assert.Equal("phong tro bien hoa goi #", stored.Query);
    }

    [Theory]
    [MemberData(nameof(InvalidBatches))]
    public async Task Post_Returns400NamingTheField_WhenAFieldIsInvalid(string field, string batch)
    {
        using var content = new StringContent(batch, Encoding.UTF8, "application/json");

        var response = await factory.CreateClient().PostAsync("/api/events", content);

        await Problems.AssertFieldErrorAsync(response, field);
    }

    [Fact]
    public async Task Post_Returns400NamingDeviceId_WhenAnAnonymousCallerSendsNone()
    {
        var batch = new JsonObject { ["events"] = new JsonArray(Event("click", "jobs", 1)) };

        var response = await factory.CreateClient().PostAsJsonAsync("/api/events", batch);

        await Problems.AssertFieldErrorAsync(response, "deviceId");
    }

    [Fact]
    public async Task Post_Returns400AndStoresNothing_WhenOneEventOfTheBatchIsInvalid()
    {
        var device = NewDeviceId();

        var response = await factory.CreateClient().PostAsJsonAsync("/api/events", Batch(device, Event("click", "jobs", 1), Event("view", "jobs", 1)));

        await Problems.AssertFieldErrorAsync(response, "events[1].type");
        Assert.Equal(0, await CountAsync(i => i.DeviceId == device));
    }

    [Fact]
    public async Task Post_Returns400NamingEvents_WhenTheBatchHasMoreThan100Events()
    {
        var events = new JsonArray();
        for (var i = 0; i < 101; i++)
        {
            events.Add(Event("impression", "jobs", i + 1, position: i));
        }

        var response = await factory.CreateClient().PostAsJsonAsync("/api/events", new JsonObject { ["deviceId"] = NewDeviceId(), ["events"] = events });

        await Problems.AssertFieldErrorAsync(response, "events");
    }

    [Theory]
    [InlineData("null", "body")]
    [InlineData("", "body")]
    [InlineData("{}", "events")]
    [InlineData("[]", "body")]
    public async Task Post_Returns400Not500_WhenTheBodyIsEmptyOrNotABatch(string body, string field)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await factory.CreateClient().PostAsync("/api/events", content);

        await Problems.AssertFieldErrorAsync(response, field);
    }

    [Fact]
    public async Task Post_Returns401_WhenTheBearerTokenIsInvalid()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        var device = NewDeviceId();

        var response = await client.PostAsJsonAsync("/api/events", Batch(device, Event("click", "jobs", 1)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await CountAsync(i => i.DeviceId == device));
    }

    [Fact]
    public async Task Post_Returns429_WhenTheEventBudgetIsSpent()
    {
        using var limited = new ApiFactory();
        var client = limited.WithWebHostBuilder(builder => builder.UseSetting("RateLimits:EventBatchesPerMinute", "2")).CreateClient();
        var device = NewDeviceId();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostAsJsonAsync("/api/events", Batch(device, Event("click", "jobs", i + 1)));
            statuses.Add(response.StatusCode);
        }

        // A fixed one-minute window may roll over once during the loop; five requests still exceed it.
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
    }

    public static TheoryData<string, string> InvalidBatches()
    {
        var cases = new TheoryData<string, string>();
        void Add(string field, JsonNode batch) => cases.Add(field, batch.ToJsonString());
        JsonObject One(JsonObject item) => Batch("device-0001", Event("click", "jobs", 1), item);

        Add("deviceId", Batch("short", Event("click", "jobs", 1)));
        Add("deviceId", Batch("has spaces in it", Event("click", "jobs", 1)));
        Add("deviceId", Batch(new string('d', 65), Event("click", "jobs", 1)));
        Add("events", new JsonObject { ["deviceId"] = "device-0001", ["events"] = new JsonArray() });
        Add("events", new JsonObject { ["deviceId"] = "device-0001" });
        Add("events[1]", new JsonObject { ["deviceId"] = "device-0001", ["events"] = new JsonArray(Event("click", "jobs", 1), null) });
        Add("events[1].type", One(Event("view", "jobs", 1)));
        Add("events[1].type", One(Event(null, "jobs", 1)));
        Add("events[1].kind", One(Event("click", "houses", 1)));
        Add("events[1].kind", One(Event("click", null, 1)));
        Add("events[1].listingId", One(Event("click", "jobs", 0)));
        Add("events[1].clientEventId", One(Event("click", "jobs", 1, clientEventId: "")));
        Add("events[1].clientEventId", One(Event("click", "jobs", 1, clientEventId: "no spaces please")));
        Add("events[1].clientEventId", One(Event("click", "jobs", 1, clientEventId: new string('e', 65))));
        Add("events[1].position", One(Event("impression", "jobs", 1)));
        Add("events[1].position", One(Event("click", "jobs", 1, requestId: RequestId)));
        Add("events[1].position", One(Event("impression", "jobs", 1, position: -1)));
        Add("events[1].position", One(Event("impression", "jobs", 1, position: 10_001)));
        Add("events[1].requestId", One(Event("click", "jobs", 1, position: 0, requestId: "abc")));
        Add("events[1].requestId", One(Event("click", "jobs", 1, position: 0, requestId: "0123456789abcdef0123456789abcdeg")));
        Add("events[1].query", One(Event("click", "jobs", 1, query: new string('q', 201))));
        Add("events[1].occurredAt", One(Event("click", "jobs", 1, occurredAt: "2100-01-01T00:00:00Z")));
        Add("events[1].occurredAt", One(Event("click", "jobs", 1, occurredAt: "2000-01-01T00:00:00Z")));
        Add("events[1].occurredAt", One(Event("click", "jobs", 1, occurredAt: "2026-11-27T08:30:00")));
        Add("events[1].occurredAt", One(Event("click", "jobs", 1, occurredAt: "hôm qua")));

        var unknownField = Event("contact", "rentals", 1);
        unknownField["phone"] = "0912345678";
        Add("events[1].phone", One(unknownField));
        var wrongType = Event("impression", "jobs", 1);
        wrongType["position"] = "first";
        Add("events[1].position", One(wrongType));
        return cases;
    }

    private static JsonObject Batch(string deviceId, params JsonObject[] events) =>
        new() { ["deviceId"] = deviceId, ["events"] = new JsonArray(events) };

    private static JsonObject Event(
        string? type, string? kind, long listingId, int? position = null, string? requestId = null, string? query = null, string? occurredAt = null, string? clientEventId = null)
    {
        var item = new JsonObject
        {
            ["clientEventId"] = clientEventId ?? Guid.NewGuid().ToString(),
            ["type"] = type,
            ["kind"] = kind,
            ["listingId"] = listingId,
        };
        if (position is not null)
        {
            item["position"] = position;
        }

        if (requestId is not null)
        {
            item["requestId"] = requestId;
        }

        if (query is not null)
        {
            item["query"] = query;
        }

        if (occurredAt is not null)
        {
            item["occurredAt"] = occurredAt;
        }

        return item;
    }

    private static string NewDeviceId() => "app-" + Guid.NewGuid().ToString("N");

    private Task<List<InteractionEvent>> StoredAsync(System.Linq.Expressions.Expression<Func<InteractionEvent, bool>> filter) =>
        factory.WithDbAsync(db => db.Interactions.AsNoTracking().Where(filter).ToListAsync());

    private Task<int> CountAsync(System.Linq.Expressions.Expression<Func<InteractionEvent, bool>> filter) =>
        factory.WithDbAsync(db => db.Interactions.CountAsync(filter));
}
