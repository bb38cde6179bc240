using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DongNai.Domain.People;
using DongNai.Ranking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DongNai.Api.Tests.Reliability;

/// <summary>A search the service answered with a next page: where it was sent and the cursor it gave.</summary>
public sealed record IssuedCursor(string Path, string Query, string Cursor);

/// <summary>
/// The service with three listings of every kind, indexed, and the cursors its searches issue:
/// every search operation of the document in every sort, in the engine's format and the ranker's.
/// Read-only once built: the property tests only search.
/// </summary>
public sealed class SearchScene : IAsyncLifetime
{
    private const int PerKind = 3;

    /// <summary>
    /// The service with the ranker's window on for relevance, as when a model is trained, so relevance
    /// searches issue the ranker's cursors and the other sorts the engine's: both decoders face the properties.
    /// </summary>
    public ApiFactory Factory { get; } = new()
    {
        TestServices = services =>
        {
            services.RemoveAll<RankingOptions>();
            services.AddSingleton(new RankingOptions { PassThroughEngineOrder = false });
        },
    };

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The id of a rental, for the related listings of <c>/api/{kind}/{id}/related</c>.</summary>
    public long RentalId { get; private set; }

    public IReadOnlyList<IssuedCursor> Cursors { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        var worker = await Factory.SignUpAsync();
        var employer = await Factory.SignUpAsync("employer");
        var agency = await Factory.SignUpAsAsync(Role.AgencyStaff);
        var company = await employer.Client.PostAsJsonAsync("/api/employers", AuthorizationScene.Company());
        var companyId = (await company.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        for (var i = 0; i < PerKind; i++)
        {
            RentalId = await CreateAsync(worker, "rentals", Priced(ListingPayloads.Rental(), "priceVnd", i));
            await CreateAsync(worker, "classifieds", Priced(ListingPayloads.Classified(), "priceVnd", i));
            await CreateAsync(employer, "jobs", Priced(ListingPayloads.Job(companyId), "salaryMinVnd", i));
            await CreateAsync(employer, "vouchers", ListingPayloads.Voucher());
            await CreateAsync(agency, "bus-routes", Priced(ListingPayloads.BusRoute(), "fareVnd", i));
        }

        await WaitUntilIndexedAsync();
        Cursors = await IssueCursorsAsync();
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    private static JsonObject Priced(JsonObject body, string field, int step)
    {
        body[field] = body[field]!.GetValue<int>() + (step * 1000);
        return body;
    }

    private static async Task<long> CreateAsync(SignedInClient owner, string slug, JsonObject body)
    {
        var response = await owner.Client.PostAsJsonAsync($"/api/{slug}", body);
        Assert.True(response.IsSuccessStatusCode, $"Arrange: creating {slug} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private async Task WaitUntilIndexedAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var page = await Client.GetFromJsonAsync<JsonElement>("/api/search?size=1");
            if (page.GetProperty("total").GetInt32() >= PerKind * 5)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "Arrange: the listings were not indexed within a minute.");
            await Task.Delay(100);
        }
    }

    /// <summary>Page one of every documented search in every sort, one hit a page, and the cursor of page two.</summary>
    private async Task<List<IssuedCursor>> IssueCursorsAsync()
    {
        var cursors = new List<IssuedCursor>();
        var searches = DocumentedOperations.All.Where(o => o.Method == "GET" && o.Path.StartsWith("/api/search", StringComparison.Ordinal));
        string[] sorts = ["sort=relevance", "sort=newest", "sort=priceAsc", "sort=priceDesc", "sort=distance&lat=10.95&lon=106.86", "q=phong+tro&sort=relevance"];
        foreach (var search in searches)
        {
            foreach (var sort in sorts)
            {
                var query = $"size=1&{sort}";
                var page = await Client.GetFromJsonAsync<JsonElement>($"{search.Path}?{query}");
                if (page.GetProperty("nextCursor").GetString() is { } cursor)
                {
                    cursors.Add(new IssuedCursor(search.Path, query, cursor));
                }
            }
        }

        Assert.True(cursors.Count >= 30, $"Arrange: expected a next page from nearly every search, got {cursors.Count}.");
        return cursors;
    }
}
