using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace DongNai.Api.Tests;

/// <summary>
/// Listings carry their version as a strong ETag, and PUT and DELETE honour If-Match: a client
/// editing an old copy gets 412 and the newer data stays.
/// </summary>
public sealed class ListingETagTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task CreateGetAndUpdate_SendTheVersionAsAStrongETag()
    {
        var owner = await factory.SignUpAsync();

        var created = await owner.Client.PostAsJsonAsync("/api/rentals", ListingPayloads.Rental());
        var id = (await Problems.ReadAsync(created)).GetProperty("id").GetInt64();
        var read = await owner.Client.GetAsync(new Uri($"/api/rentals/{id}", UriKind.Relative));
        var updated = await owner.Client.PutAsJsonAsync($"/api/rentals/{id}", Renamed("Phòng trọ mới sơn lại, gần KCN Amata"));

        Assert.Equal(new EntityTagHeaderValue("\"1\""), created.Headers.ETag);
        Assert.Equal(new EntityTagHeaderValue("\"1\""), read.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(new EntityTagHeaderValue("\"2\""), updated.Headers.ETag);
    }

    [Fact]
    public async Task Update_Answers412AndKeepsTheNewerData_WhenIfMatchNamesAStaleVersion()
    {
        var owner = await factory.SignUpAsync();
        var (id, firstTag) = await CreateAsync(owner);
        var newer = await SendAsync(owner, HttpMethod.Put, id, Renamed("Bản mới nhất: phòng trọ có gác lửng"), firstTag);
        Assert.Equal(HttpStatusCode.OK, newer.StatusCode);

        var stale = await SendAsync(owner, HttpMethod.Put, id, Renamed("Bản cũ ghi đè lên bản mới nhất"), firstTag);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var current = await Problems.ReadAsync(await owner.Client.GetAsync(new Uri($"/api/rentals/{id}", UriKind.Relative)));
        Assert.Equal("Bản mới nhất: phòng trọ có gác lửng", current.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Update_Applies_WhenIfMatchNamesTheCurrentVersionOrAny()
    {
        var owner = await factory.SignUpAsync();
        var (id, tag) = await CreateAsync(owner);

        var matching = await SendAsync(owner, HttpMethod.Put, id, Renamed("Phòng trọ sửa lần một, gần chợ"), tag);
        var any = await SendAsync(owner, HttpMethod.Put, id, Renamed("Phòng trọ sửa lần hai, gần chợ"), "*");
        var none = await SendAsync(owner, HttpMethod.Put, id, Renamed("Phòng trọ sửa lần ba, gần chợ"), ifMatch: null);

        Assert.Equal(HttpStatusCode.OK, matching.StatusCode);
        Assert.Equal(HttpStatusCode.OK, any.StatusCode);
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Equal(new EntityTagHeaderValue("\"4\""), none.Headers.ETag);
    }

    [Theory]
    [InlineData("W/\"1\"")]
    [InlineData("\"7\"")]
    [InlineData("not a tag")]
    public async Task Update_Answers412_WhenIfMatchIsWeakWrongOrUnreadable(string ifMatch)
    {
        var owner = await factory.SignUpAsync();
        var (id, _) = await CreateAsync(owner);

        var response = await SendAsync(owner, HttpMethod.Put, id, Renamed("Phòng trọ không được ghi đè"), ifMatch);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Fact]
    public async Task Delete_Answers412AndKeepsTheListing_WhenIfMatchIsStale_ThenDeletesWithTheCurrentTag()
    {
        var owner = await factory.SignUpAsync();
        var (id, firstTag) = await CreateAsync(owner);
        var updated = await SendAsync(owner, HttpMethod.Put, id, Renamed("Phòng trọ đã cập nhật giá thuê"), firstTag);

        var stale = await SendAsync(owner, HttpMethod.Delete, id, body: null, firstTag);
        var stillThere = await owner.Client.GetAsync(new Uri($"/api/rentals/{id}", UriKind.Relative));
        var current = await SendAsync(owner, HttpMethod.Delete, id, body: null, updated.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, current.StatusCode);
    }

    [Fact]
    public async Task Document_DescribesETagIfMatchAnd412()
    {
        var document = await Problems.ReadAsync(await factory.CreateClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var item = document.GetProperty("paths").GetProperty("/api/rentals/{id}");

        Assert.True(item.GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("ETag", out _));
        Assert.True(item.GetProperty("put").GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("ETag", out _));
        foreach (var method in new[] { "put", "delete" })
        {
            var operation = item.GetProperty(method);
            Assert.True(operation.GetProperty("responses").TryGetProperty("412", out _), method);
            Assert.Contains(operation.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "If-Match" && p.GetProperty("in").GetString() == "header");
        }
    }

    private static JsonObject Renamed(string title)
    {
        var payload = ListingPayloads.Rental();
        payload["title"] = title;
        return payload;
    }

    private static async Task<(long Id, string Tag)> CreateAsync(SignedInClient owner)
    {
        var response = await owner.Client.PostAsJsonAsync("/api/rentals", ListingPayloads.Rental());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await Problems.ReadAsync(response)).GetProperty("id").GetInt64();
        var read = await owner.Client.GetAsync(new Uri($"/api/rentals/{id}", UriKind.Relative));
        return (id, read.Headers.ETag?.ToString() ?? "\"missing\"");
    }

    private static async Task<HttpResponseMessage> SendAsync(SignedInClient owner, HttpMethod method, long id, JsonObject? body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(method, $"/api/rentals/{id}") { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await owner.Client.SendAsync(request);
    }
}
