using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DongNai.Api.Tests;

/// <summary>Listings show their owner as an opaque handle, never as the sequential account id.</summary>
public sealed class OwnerHandleTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Listing_ShowsItsOwnersHandle_NotTheAccountId()
    {
        var owner = await factory.SignUpAsync();
        var me = await owner.Client.GetFromJsonAsync<JsonElement>("/api/accounts/me");

        var created = await owner.Client.PostAsJsonAsync("/api/rentals", ListingPayloads.Rental());
        var read = await factory.CreateClient().GetFromJsonAsync<JsonElement>(created.Headers.Location);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.False(read.TryGetProperty("ownerId", out _));
        var handle = read.GetProperty("owner").GetString();
        Assert.Equal(me.GetProperty("handle").GetString(), handle);
        Assert.NotEqual(owner.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture), handle);
        Assert.Matches("^[A-Za-z0-9_-]{16}$", handle);
    }

    [Fact]
    public async Task Handle_IsTheSameOnEveryListingOfOneOwner_AndDiffersBetweenOwners()
    {
        var first = await factory.SignUpAsync();
        var second = await factory.SignUpAsync();

        var a = await OwnerOfNewListingAsync(first, "/api/rentals", ListingPayloads.Rental());
        var b = await OwnerOfNewListingAsync(first, "/api/classifieds", ListingPayloads.Classified());
        var c = await OwnerOfNewListingAsync(second, "/api/classifieds", ListingPayloads.Classified());

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    private static async Task<string?> OwnerOfNewListingAsync(SignedInClient owner, string path, object payload)
    {
        var response = await owner.Client.PostAsJsonAsync(path, payload);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("owner").GetString();
    }
}
