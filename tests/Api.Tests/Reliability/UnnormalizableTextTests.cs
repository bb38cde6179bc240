using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Domain.People;

namespace DongNai.Api.Tests.Reliability;

/// <summary>
/// U+FFFE is valid JSON and valid UTF-8, but string.Normalize throws on it: outside text that carries
/// it must neither fail a search nor keep a listing out of the index (found by the SharpFuzz run).
/// </summary>
public sealed class UnnormalizableTextTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Listing_WithANoncharacterInItsTitle_BecomesSearchable()
    {
        var owner = await factory.SignUpAsync();
        var admin = await factory.SignUpAsAsync(Role.Admin);
        var payload = ListingPayloads.Rental();
        payload["title"] = "Phòng trọ zzkhonghople \uFFFE gần Amata";
        payload["description"] = "Phòng sạch sẽ \uFFFE có gác lửng, zzkhonghople.";

        var created = await owner.Client.PostAsJsonAsync("/api/rentals", payload);
        var found = await PollAsync("/api/search/rentals?q=zzkhonghople&understand=false", TimeSpan.FromSeconds(30));
        var deadLetters = await admin.Client.GetFromJsonAsync<JsonElement>("/api/admin/indexing/dead-letters");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(found, "The listing never became searchable.");
        Assert.Equal(0, deadLetters.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("/api/search?q=g%E1%BA%A7n%EF%BF%BEamata")]
    [InlineData("/api/search/rentals?q=ph%C3%B2ng%EF%BF%BE+tr%E1%BB%8D")]
    [InlineData("/api/suggest?q=%EF%BF%BEamata")]
    [InlineData("/api/places/resolve?q=amata%EF%BF%BE")]
    public async Task Search_AnswersWithoutAServerError_WhenTheQueryCarriesANoncharacter(string url)
    {
        var response = await factory.CreateClient().GetAsync(new Uri(url, UriKind.Relative));

        Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<bool> PollAsync(string url, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            var page = await factory.CreateClient().GetFromJsonAsync<JsonElement>(url);
            if (page.GetProperty("total").GetInt32() > 0)
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
