using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Domain.People;
using DongNai.Indexers;
using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Api.Tests.Civic.PublicServices;

/// <summary>The catalogue of procedures: seeded from the committed file, searchable like every kind (with or without accents), written by agency staff only.</summary>
public sealed class PublicServiceCatalogueTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static TheoryData<string, string> Queries => new()
    {
        { "dang ky khai sinh", "birth-registration" },
        { "Đăng ký khai sinh", "birth-registration" },
        { "xac nhan tinh trang hon nhan", "marital-status" },
        { "ban sao van bang tu so goc", "diploma-copy" },
        { "giấy chứng sinh", "birth-registration" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Procedures_AreFound_WithOrWithoutAccents(string query, string key)
    {
        var services = await SeedAndIndexAsync();

        var found = await PollAsync($"/api/search/public-services?q={Uri.EscapeDataString(query)}", ids => ids.Contains(services[key]));

        Assert.True(found, $"'{query}' never found {key}.");
    }

    [Fact]
    public async Task Seeding_AddsTheCommittedEntriesOnce_WithTheThreeFormsAndTheRestLinkingOut()
    {
        var first = await PublicServiceRequests.SeedCatalogueAsync(factory);

        var again = await PublicServiceRequests.SeedCatalogueAsync(factory);
        var birth = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/public-services/{first["birth-registration"]}");
        var marriage = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/public-services/{first["marriage-registration"]}");

        Assert.Equal(first, again);
        Assert.Equal("birthRegistration", birth.GetProperty("form").GetString());
        Assert.Equal(0, birth.GetProperty("feeVnd").GetInt64());
        Assert.Contains(birth.GetProperty("legalBasis").EnumerateArray(), l => l.GetString()!.Contains("60/2014/QH13", StringComparison.Ordinal));
        Assert.Contains(birth.GetProperty("requiredDocuments").EnumerateArray(), d => d.GetString()!.Contains("Giấy chứng sinh", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Null, marriage.GetProperty("form").ValueKind);
        Assert.StartsWith("https://dichvucong.gov.vn/", marriage.GetProperty("externalUrl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_IsForAgencyStaffAndAdmins_AndALinkingOutEntryNeedsItsUrl()
    {
        var worker = await factory.SignUpAsync();
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        var withoutUrl = PublicServiceRequests.Service(form: null);
        withoutUrl["externalUrl"] = null;

        var byWorker = await worker.Client.PostAsJsonAsync("/api/public-services", PublicServiceRequests.Service());
        var byStaff = await staff.Client.PostAsJsonAsync("/api/public-services", PublicServiceRequests.Service());
        var missingUrl = await staff.Client.PostAsJsonAsync("/api/public-services", withoutUrl);

        Assert.Equal(HttpStatusCode.Forbidden, byWorker.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byStaff.StatusCode);
        await Problems.AssertFieldErrorAsync(missingUrl, "externalUrl");
    }

    private async Task<Dictionary<string, long>> SeedAndIndexAsync()
    {
        var services = await PublicServiceRequests.SeedCatalogueAsync(factory);
        factory.Services.GetRequiredService<IndexingTrigger>().Poke();
        return services;
    }

    private async Task<bool> PollAsync(string url, Func<List<long>, bool> done)
    {
        var client = factory.CreateClient();
        var started = Stopwatch.StartNew();
        while (started.Elapsed < Deadline)
        {
            var page = await client.GetFromJsonAsync<JsonElement>(url);
            if (done([.. page.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetInt64())]))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
