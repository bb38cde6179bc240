using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DongNai.Api.Tests;

/// <summary>Assertions on RFC 9457 problem responses.</summary>
public static class Problems
{
    /// <summary>Asserts a 400 problem response whose <c>errors</c> name <paramref name="field"/>.</summary>
    public static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400 for '{field}', got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        var names = errors.EnumerateObject().Select(p => p.Name).ToList();
        Assert.True(names.Contains(field), $"Expected an error naming '{field}', got: {string.Join(", ", names)}");
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
