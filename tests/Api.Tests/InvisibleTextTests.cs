using System.Net.Http.Json;

namespace DongNai.Api.Tests;

/// <summary>Text fields count only what a reader sees: control and zero-width characters make no title.</summary>
public sealed class InvisibleTextTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("title", "\u0000\u0000\u0000\u0000\u0000\u0000")]
    [InlineData("title", "\u200B\u200B\u200B\u200B\u200B\u200B")]
    [InlineData("title", "\u200C\u200D\u2060\uFEFF\u200B\u200E")]
    [InlineData("title", "Ab\u200B\u200B\u200B\u200B")]
    [InlineData("description", "\u0000\u200B\u0000\u200B\u0000\u200B\u0000\u200B\u0000\u200B\u0000\u200B")]
    public async Task CreateRental_Refuses_WhenATextFieldIsEmptyOnceInvisibleCharactersAreRemoved(string field, string value)
    {
        var owner = await factory.SignUpAsync();
        var payload = ListingPayloads.Rental();
        payload[field] = value;

        var response = await owner.Client.PostAsJsonAsync("/api/rentals", payload);

        await Problems.AssertFieldErrorAsync(response, field);
    }

    [Fact]
    public async Task UpdateRental_Refuses_ATitleOfZeroWidthSpaces()
    {
        var owner = await factory.SignUpAsync();
        var created = await owner.Client.PostAsJsonAsync("/api/rentals", ListingPayloads.Rental());
        var id = (await Problems.ReadAsync(created)).GetProperty("id").GetInt64();
        var payload = ListingPayloads.Rental();
        payload["title"] = new string('\u200B', 12);

        var response = await owner.Client.PutAsJsonAsync($"/api/rentals/{id}", payload);

        await Problems.AssertFieldErrorAsync(response, "title");
    }
}
