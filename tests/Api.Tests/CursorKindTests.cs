using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DongNai.Api.Tests;

/// <summary>A cursor pages only the search that issued it: another kind, or all kinds, refuses it with a 400 naming <c>cursor</c>.</summary>
public sealed class CursorKindTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/api/search/rentals", "/api/search/classifieds")]
    [InlineData("/api/search/rentals", "/api/search")]
    [InlineData("/api/search", "/api/search/rentals")]
    public async Task Search_RefusesACursorIssuedForAnotherKind(string issuedBy, string usedBy)
    {
        await CreateListingsAsync();
        const string Paging = "sort=newest&size=1&understand=false";
        var first = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"{issuedBy}?{Paging}");
        var cursor = first.GetProperty("nextCursor").GetString();
        Assert.NotNull(cursor);

        var sameSearch = await factory.CreateClient().GetAsync(new Uri($"{issuedBy}?{Paging}&cursor={Uri.EscapeDataString(cursor)}", UriKind.Relative));
        var otherSearch = await factory.CreateClient().GetAsync(new Uri($"{usedBy}?{Paging}&cursor={Uri.EscapeDataString(cursor)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, sameSearch.StatusCode);
        await Problems.AssertFieldErrorAsync(otherSearch, "cursor");
    }

    private async Task CreateListingsAsync()
    {
        if (await CountAsync("/api/search?understand=false") >= 4)
        {
            return;
        }

        var owner = await factory.SignUpAsync();
        foreach (var payload in new[] { ListingPayloads.Rental(), ListingPayloads.Rental(), ListingPayloads.Classified(), ListingPayloads.Classified() })
        {
            var kind = payload.ContainsKey("rentalType") ? "rentals" : "classifieds";
            var response = await owner.Client.PostAsJsonAsync($"/api/{kind}", payload);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var clock = Stopwatch.StartNew();
        while (await CountAsync("/api/search?understand=false") < 4 && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(25);
        }
    }

    private async Task<long> CountAsync(string url) =>
        (await factory.CreateClient().GetFromJsonAsync<JsonElement>(url)).GetProperty("total").GetInt64();
}
