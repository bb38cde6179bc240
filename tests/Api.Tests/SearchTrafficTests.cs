using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Domain.People;

namespace DongNai.Api.Tests;

/// <summary>The admin's search traffic: searches and zero-result searches per hour, from the search metrics.</summary>
public sealed class SearchTrafficTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Traffic_CountsASearchAndADeadEnd_InTheCurrentHour()
    {
        var admin = await factory.SignUpAsAsync(Role.Admin);
        var before = await CurrentHourAsync(admin.Client);
        var anonymous = factory.CreateClient();

        (await anonymous.GetAsync("/api/search/rentals?q=phong")).EnsureSuccessStatusCode();
        var deadEnd = await anonymous.GetFromJsonAsync<JsonElement>($"/api/search/classifieds?q=zzkhongco{Guid.NewGuid():N}&understand=false");
        (await anonymous.GetAsync("/api/suggest?q=pho")).EnsureSuccessStatusCode();
        var after = await CurrentHourAsync(admin.Client);

        Assert.Equal(0, deadEnd.GetProperty("total").GetInt32());
        // Other hosts of this test process record into the same meter: at least ours were counted.
        Assert.True(after.Searches - before.Searches >= 2, $"searches {before.Searches} → {after.Searches}");
        Assert.True(after.ZeroResults - before.ZeroResults >= 1, $"zero results {before.ZeroResults} → {after.ZeroResults}");
    }

    [Fact]
    public async Task ZeroResultTerms_ShowATermOnceThreePeopleSearchedIt_AndNeverOneThatLooksLikeAPhoneNumber()
    {
        var admin = await factory.SignUpAsAsync(Role.Admin);
        // Letters only: a Guid's hex often holds a run of six digits, which is never kept (as a phone number).
        var marker = "zzmaygiat" + new string(Guid.NewGuid().ToString("N")[..11].Select(c => char.IsAsciiDigit(c) ? (char)('g' + (c - '0')) : c).ToArray());
        var people = new[] { await factory.SignUpAsync(), await factory.SignUpAsync(), await factory.SignUpAsync() };

        async Task SearchAsync(HttpClient client, string text) =>
            Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>($"/api/search/classifieds?q={Uri.EscapeDataString(text)}&understand=false")).GetProperty("total").GetInt32());

        // Two people: not yet shown. A phone number, however many search it: never kept.
        await SearchAsync(people[0].Client, $"{marker} cu");
        await SearchAsync(people[1].Client, $"{marker.ToUpperInvariant()}  CŨ");
        await SearchAsync(people[0].Client, $"{marker} cu");
        foreach (var person in people)
        {
            await SearchAsync(person.Client, $"{marker} 0912 345 678");
        }

        Assert.DoesNotContain(await TermsAsync(admin.Client), t => t.GetProperty("text").GetString()!.Contains(marker, StringComparison.Ordinal));

        // The third person: now the term shows, its spellings counted as one.
        await SearchAsync(people[2].Client, $"{marker} cũ");
        var terms = await TermsAsync(admin.Client);

        var term = Assert.Single(terms, t => t.GetProperty("text").GetString()!.Contains(marker, StringComparison.Ordinal));
        Assert.Equal(4, term.GetProperty("searches").GetInt64());
        Assert.Equal(3, term.GetProperty("people").GetInt32());
        Assert.DoesNotContain(terms, t => t.GetProperty("text").GetString()!.Contains("345", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Traffic_IsRefused_ToAWorker()
    {
        var worker = await factory.SignUpAsync();

        var response = await worker.Client.GetAsync("/api/admin/search/traffic");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<List<JsonElement>> TermsAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/admin/search/traffic")).GetProperty("zeroResultTerms").EnumerateArray().ToList();

    private static async Task<(long Searches, long ZeroResults)> CurrentHourAsync(HttpClient admin)
    {
        var traffic = await admin.GetFromJsonAsync<JsonElement>("/api/admin/search/traffic");
        var hours = traffic.GetProperty("hours").EnumerateArray().ToList();
        if (hours.Count == 0)
        {
            return (0, 0);
        }

        var last = hours[^1];
        return (last.GetProperty("searches").GetInt64(), last.GetProperty("zeroResults").GetInt64());
    }
}
