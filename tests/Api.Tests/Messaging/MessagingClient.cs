using System.Net.Http.Json;
using System.Text.Json;

namespace DongNai.Api.Tests.Messaging;

/// <summary>The messaging calls the tests make, over HTTP, each checking its arrange step succeeded.</summary>
internal static class MessagingClient
{
    private static int s_usernames;

    public static string NewUsername() => "nguoi.dung" + Interlocked.Increment(ref s_usernames).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<string> SetSettingsAsync(this SignedInClient account, object? settings = null)
    {
        var username = NewUsername();
        var response = await account.Client.PutAsJsonAsync("/api/me/messaging", settings ?? new { username, findableByPhone = false });
        await EnsureAsync(response, "setting messaging settings");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ApiFactory.Json)).GetProperty("username").GetString()!;
    }

    public static async Task<JsonElement> StartWithAsync(this SignedInClient account, string username)
    {
        var response = await account.Client.PostAsJsonAsync("/api/conversations", new { username }, ApiFactory.Json);
        await EnsureAsync(response, "starting a conversation");
        return await response.Content.ReadFromJsonAsync<JsonElement>(ApiFactory.Json);
    }

    public static Task<HttpResponseMessage> SendAsync(this SignedInClient account, long conversation, string text, string? clientMessageId = null) =>
        account.Client.PostAsJsonAsync($"/api/conversations/{conversation}/messages", new { clientMessageId = clientMessageId ?? Guid.NewGuid().ToString("N"), text }, ApiFactory.Json);

    public static async Task<JsonElement> SentAsync(this SignedInClient account, long conversation, string text)
    {
        var response = await account.SendAsync(conversation, text);
        await EnsureAsync(response, "sending a message");
        return await response.Content.ReadFromJsonAsync<JsonElement>(ApiFactory.Json);
    }

    public static async Task<JsonElement> GetJsonAsync(this SignedInClient account, string url)
    {
        var response = await account.Client.GetAsync(url);
        await EnsureAsync(response, "GET " + url);
        return await response.Content.ReadFromJsonAsync<JsonElement>(ApiFactory.Json);
    }

    public static async Task<string> HandleAsync(this SignedInClient account) =>
        (await account.GetJsonAsync("/api/accounts/me")).GetProperty("handle").GetString()!;

    /// <summary>Two people in one conversation; returns its id.</summary>
    public static async Task<long> ConversationAsync(SignedInClient from, SignedInClient to)
    {
        var username = await to.SetSettingsAsync();
        return (await from.StartWithAsync(username)).GetProperty("id").GetInt64();
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what) =>
        Assert.True(response.IsSuccessStatusCode, $"Arrange: {what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
}
