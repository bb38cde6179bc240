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

        // Its 403 is the verification rule's (Verification:Required:PostRental), never a role's.
        var forbidden = operation.GetProperty("responses").GetProperty("403").GetProperty("description").GetString();
        Assert.DoesNotContain("not one of", forbidden, StringComparison.Ordinal);
        Assert.Contains("Verification:Required:PostRental", forbidden, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/accounts/sign-in", "post")]
    [InlineData("/api/accounts/refresh", "post")]
    [InlineData("/api/accounts/sign-out", "post")]
    [InlineData("/api/accounts/me/password", "put")]
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
    [InlineData("/api/accounts/refresh", "post")]
    [InlineData("/api/accounts/sign-out", "post")]
    public async Task AnonymousOperations_NeedNoToken(string path, string method)
    {
        var operation = (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method);

        var needsToken = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
        Assert.False(needsToken);
    }

    [Fact]
    public async Task Search_DocumentsNo401_ItNeverAsksForAToken()
    {
        var operation = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/search").GetProperty("get");

        Assert.False(operation.GetProperty("responses").TryGetProperty("401", out _));
    }

    [Fact]
    public async Task EveryErrorResponse_IsDocumentedAsAProblem()
    {
        var document = await DocumentAsync();

        var errors = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Name: $"{operation.Name} {path.Name}", Operation: operation.Value)))
            .SelectMany(o => o.Operation.GetProperty("responses").EnumerateObject()
                .Where(response => int.Parse(response.Name, System.Globalization.CultureInfo.InvariantCulture) >= 400)
                .Select(response => (Where: $"{o.Name} {response.Name}", Response: response.Value)))
            .ToList();

        Assert.Contains(errors, e => e.Where.EndsWith(" 413", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Where.EndsWith(" 409", StringComparison.Ordinal));
        Assert.All(errors, e =>
        {
            var schema = e.Response.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString();
            Assert.Equal(e.Where.EndsWith(" 400", StringComparison.Ordinal) ? "#/components/schemas/HttpValidationProblemDetails" : "#/components/schemas/ProblemDetails", schema);
        });
    }

    [Fact]
    public async Task EachKind_HasItsOwnSearchOperation_WithItsDescriptorsFilters()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");

        foreach (var kind in DongNai.Domain.Listings.ListingKinds.Public)
        {
            var operation = paths.GetProperty($"/api/search/{kind.Slug}").GetProperty("get");
            var names = operation.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToHashSet();
            Assert.Equal($"Search{kind.PluralName}", operation.GetProperty("operationId").GetString());
            Assert.Subset(names, kind.Search.Filters.Select(f => f.Name).ToHashSet());
        }
    }

    [Fact]
    public async Task Scalar_ServesTheInteractiveReference_OfThisDocument()
    {
        var response = await factory.CreateClient().GetAsync("/scalar/v1");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
    }

    private async Task<JsonElement> DocumentAsync() =>
        await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
}
