using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace DongNai.Api.Tests.Messaging;

/// <summary>
/// Devices register their push tokens (<c>/api/me/devices</c>): stored encrypted, never answered
/// back, the caller's own alone, in the data export and gone with the account.
/// </summary>
public sealed class PushDeviceTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task RegisterDevice_StoresTheTokenEncrypted_AndARetryRefreshesTheSameDevice()
    {
        var person = await factory.SignUpAsync();
        var token = NewToken();

        var first = await person.Client.PostAsJsonAsync("/api/me/devices", new { token, platform = "android" }, ApiFactory.Json);
        var again = await person.Client.PostAsJsonAsync("/api/me/devices", new { token, platform = "android" }, ApiFactory.Json);
        var list = await person.GetJsonAsync("/api/me/devices");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.DoesNotContain(token, firstBody, StringComparison.Ordinal);
        var id = JsonDocument.Parse(firstBody).RootElement.GetProperty("id").GetInt64();
        Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonElement>(ApiFactory.Json)).GetProperty("id").GetInt64());
        var device = Assert.Single(list.EnumerateArray());
        Assert.Equal("android", device.GetProperty("platform").GetString());
        Assert.DoesNotContain(token, list.GetRawText(), StringComparison.Ordinal);
        var stored = await factory.WithDbAsync(db => Task.FromResult(db.PushDevices.Single(d => d.Id == id)));
        Assert.Equal(person.AccountId, stored.AccountId);
        Assert.DoesNotContain(token, Encoding.ASCII.GetString(stored.TokenCiphertext), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterDevice_MovesTheToken_WhenAnotherAccountRegistersIt()
    {
        var before = await factory.SignUpAsync();
        var after = await factory.SignUpAsync();
        var token = NewToken();
        (await before.Client.PostAsJsonAsync("/api/me/devices", new { token, platform = "ios" }, ApiFactory.Json)).EnsureSuccessStatusCode();

        (await after.Client.PostAsJsonAsync("/api/me/devices", new { token, platform = "ios" }, ApiFactory.Json)).EnsureSuccessStatusCode();

        Assert.Empty((await before.GetJsonAsync("/api/me/devices")).EnumerateArray());
        Assert.Single((await after.GetJsonAsync("/api/me/devices")).EnumerateArray());
    }

    [Theory]
    [InlineData(null, "android", "token")]
    [InlineData("", "android", "token")]
    [InlineData("có dấu", "android", "token")]
    [InlineData("fcm-token-ok", null, "platform")]
    public async Task RegisterDevice_NamesTheField_WhenTheTokenOrPlatformIsMissingOrMalformed(string? token, string? platform, string field)
    {
        var person = await factory.SignUpAsync();

        var response = await person.Client.PostAsJsonAsync("/api/me/devices", new { token, platform }, ApiFactory.Json);

        await Problems.AssertFieldErrorAsync(response, field);
    }

    [Fact]
    public async Task RemoveDevice_RemovesTheCallersOwnDevice_AndAnswers404ForSomeoneElses()
    {
        var owner = await factory.SignUpAsync();
        var stranger = await factory.SignUpAsync();
        var registered = await owner.Client.PostAsJsonAsync("/api/me/devices", new { token = NewToken(), platform = "web" }, ApiFactory.Json);
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>(ApiFactory.Json)).GetProperty("id").GetInt64();

        var byStranger = await stranger.Client.DeleteAsync($"/api/me/devices/{id}");
        var byOwner = await owner.Client.DeleteAsync($"/api/me/devices/{id}");

        Assert.Equal(HttpStatusCode.NotFound, byStranger.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byOwner.StatusCode);
        Assert.Empty((await owner.GetJsonAsync("/api/me/devices")).EnumerateArray());
    }

    [Fact]
    public async Task PushTokens_AreInTheDataExport_AndGoWithTheAccount()
    {
        var person = await factory.SignUpAsync();
        var token = NewToken();
        (await person.Client.PostAsJsonAsync("/api/me/devices", new { token, platform = "android" }, ApiFactory.Json)).EnsureSuccessStatusCode();

        var export = await person.GetJsonAsync("/api/me/data");
        var erased = await person.Client.DeleteAsync("/api/me");

        var exported = Assert.Single(export.GetProperty("pushDevices").EnumerateArray());
        Assert.Equal(token, exported.GetProperty("token").GetString());
        Assert.Equal("android", exported.GetProperty("platform").GetString());
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => Task.FromResult(db.PushDevices.Count(d => d.AccountId == person.AccountId))));
    }

    private static string NewToken() => "fcm-" + Guid.NewGuid().ToString("N") + ":APA91b" + Guid.NewGuid().ToString("N");
}
