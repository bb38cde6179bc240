using System.Net;
using System.Net.Http.Headers;

namespace DongNai.Api.Tests.Observability;

/// <summary>
/// <c>/metrics</c> is not public: it exists only when a scrape key is configured, answers only a
/// request that sends that key as a bearer token, and is not part of the API's document.
/// </summary>
public sealed class MetricsEndpointTests(ObservedApi api) : IClassFixture<ObservedApi>
{
    [Theory]
    [InlineData(null)]
    [InlineData("test-scrape-key-0123456789abcdefghijklmnoX")]
    [InlineData("test-scrape-key")]
    public async Task Metrics_Answers401Problem_WithoutTheScrapeKey(string? key)
    {
        var client = api.Host.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
        Assert.DoesNotContain("dongnai_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AnswersTheScrapeKey_WithPrometheusText()
    {
        var client = api.Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ObservedApi.ScrapeKey);

        var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_DoesNotExist_WhenNoScrapeKeyIsConfigured()
    {
        using var factory = new ApiFactory();

        var response = await factory.CreateClient().GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void Start_IsRefused_WhenTheScrapeKeyIsShort()
    {
        using var factory = new ApiFactory();

        var error = Assert.ThrowsAny<Exception>(() => factory.WithSettings(("Metrics:ScrapeKey", "short-key")).CreateClient());

        Assert.Contains("Metrics", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Document_LeavesMetricsOut()
    {
        var document = await Problems.ReadAsync(await api.Host.CreateClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        Assert.DoesNotContain(document.GetProperty("paths").EnumerateObject(), path => path.Name.StartsWith("/metrics", StringComparison.Ordinal));
    }
}
