using System.Net.Http.Json;
using System.Text.Json;

namespace DongNai.Api.Tests;

/// <summary>The OpenAPI document states the bearer scheme and who may call each operation, as the routes enforce it.</summary>
public sealed class OpenApiDocumentTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Document_DeclaresTheBearerScheme()
    {
        var document = await DocumentAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task Document_DescribesEveryTagInUse_AndItsServersHaveNoTrailingSlash()
    {
        var document = await DocumentAsync();

        var described = document.GetProperty("tags").EnumerateArray()
            .Where(tag => !string.IsNullOrWhiteSpace(tag.GetProperty("description").GetString()))
            .Select(tag => tag.GetProperty("name").GetString())
            .ToHashSet();
        var used = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject())
            .SelectMany(operation => operation.Value.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()))
            .ToHashSet();
        Assert.NotEmpty(used);
        Assert.Subset(described, used);
        Assert.All(document.GetProperty("servers").EnumerateArray(), server => Assert.DoesNotMatch("/$", server.GetProperty("url").GetString()!));
    }

    [Theory]
    [InlineData("/api/jobs", "post", "employer")]
    [InlineData("/api/bus-routes", "post", "agencyStaff")]
    [InlineData("/api/admin/search/rebuild", "post", "admin")]
    public async Task RoleLimitedOperations_RequireTheBearerToken_AndNameTheirRoles(string path, string method, string role)
    {
        var operation = (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method);

        Assert.True(operation.GetProperty("security")[0].TryGetProperty("bearer", out _));
        Assert.Contains(role, operation.GetProperty("responses").GetProperty("403").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _));
    }

    [Fact]
    public async Task SignedInOperations_RequireTheBearerToken_WithoutARole()
    {
        var operation = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/rentals").GetProperty("post");

        Assert.True(operation.GetProperty("security")[0].TryGetProperty("bearer", out _));
        Assert.False(operation.GetProperty("responses").TryGetProperty("403", out _));
    }

    [Theory]
    [InlineData("/api/accounts/sign-in", "post")]
    [InlineData("/api/rentals", "post")]
    [InlineData("/api/events", "post")]
    public async Task RateLimitedOperations_Document429WithRetryAfter(string path, string method)
    {
        var operation = (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method);

        var tooMany = operation.GetProperty("responses").GetProperty("429");
        Assert.True(tooMany.GetProperty("headers").TryGetProperty("Retry-After", out _));
    }

    [Theory]
    [InlineData("/api/search", "get")]
    [InlineData("/api/accounts/sign-in", "post")]
    public async Task AnonymousOperations_NeedNoToken(string path, string method)
    {
        var operation = (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method);

        var needsToken = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
        Assert.False(needsToken);
        Assert.False(operation.GetProperty("responses").TryGetProperty("401", out _));
    }

    private async Task<JsonElement> DocumentAsync() =>
        await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
}
