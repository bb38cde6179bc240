using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace DongNai.Api.Tests.Observability;

/// <summary>
/// A request can be followed from its answer to its logs and its trace: every problem response
/// carries <c>traceId</c> (the W3C id of the request's span, holding the trace id a caller sent in
/// <c>traceparent</c>), whoever wrote it, and every log line written during the request carries the
/// same trace id in its scope.
/// </summary>
public sealed class RequestIdTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("validation")]
    [InlineData("not-found")]
    [InlineData("unauthenticated")]
    [InlineData("forbidden")]
    [InlineData("job-dashboard")]
    [InlineData("body-too-large")]
    [InlineData("rate-limited")]
    [InlineData("database-busy")]
    public async Task Problem_CarriesTheTraceIdOfTheRequest_WhateverWroteIt(string problem)
    {
        var trace = TraceParent.New();

        var response = await ProvokeAsync(problem, trace);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode >= 400, $"{problem}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var traceId = (await Problems.ReadAsync(response)).GetProperty("traceId").GetString();
        Assert.StartsWith($"00-{trace.TraceId}-", traceId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogLines_WrittenDuringARequest_CarryItsTraceId()
    {
        var trace = TraceParent.New();
        var path = "/api/no-such-area-" + Guid.NewGuid().ToString("N");
        var client = factory.CreateClient();

        var response = await client.SendAsync(trace.On(new HttpRequestMessage(HttpMethod.Get, path)));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var lines = factory.LogLines.Where(line => line.Scope("RequestPath") == path).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Equal(trace.TraceId, line.Scope("TraceId")));
    }

    [Fact]
    public void ConsoleLogs_OutsideDevelopment_AreJsonLinesWithTheirScopes()
    {
        var console = factory.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var json = factory.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;

        Assert.Equal(ConsoleFormatterNames.Json, console.FormatterName);
        Assert.True(json.IncludeScopes);
    }

    private async Task<HttpResponseMessage> ProvokeAsync(string problem, TraceParent trace)
    {
        var client = factory.CreateClient();
        switch (problem)
        {
            case "validation":
                return await client.SendAsync(trace.On(new HttpRequestMessage(HttpMethod.Get, "/api/search/rentals?size=0")));
            case "not-found":
                return await client.SendAsync(trace.On(new HttpRequestMessage(HttpMethod.Get, "/api/rentals/987654321")));
            case "unauthenticated":
                return await client.SendAsync(trace.On(new HttpRequestMessage(HttpMethod.Post, "/api/admin/search/rebuild")));
            case "forbidden":
                var worker = await factory.SignUpAsync();
                return await worker.Client.SendAsync(trace.On(new HttpRequestMessage(HttpMethod.Post, "/api/admin/search/rebuild")));
            case "job-dashboard":
                return await client.SendAsync(trace.On(new HttpRequestMessage(HttpMethod.Get, "/hangfire")));
            case "body-too-large":
                return await client.SendAsync(trace.On(new HttpRequestMessage(HttpMethod.Post, "/api/events")
                {
                    Content = new StringContent("{\"events\":[" + new string(' ', 300 * 1024) + "]}", System.Text.Encoding.UTF8, "application/json"),
                }));
            case "rate-limited":
                // A host of its own: two hosts may not share one data folder.
                using (var limitedFactory = new ApiFactory())
                {
                    var limited = limitedFactory.WithSettings(("RateLimits:AuthPerMinute", "1")).CreateClientFrom("203.0.113.77");
                    HttpResponseMessage? last = null;
                    for (var attempt = 0; attempt < 2; attempt++)
                    {
                        last = await limited.SendAsync(trace.On(new HttpRequestMessage(HttpMethod.Post, "/api/accounts/sign-in")
                        {
                            Content = JsonContent.Create(new { phone = ApiFactory.NewPhone(), password = "matkhau123" }),
                        }));
                    }

                    return last!;
                }

            case "database-busy":
                var owner = await factory.SignUpAsync();
                await using (await factory.HoldWriteLockAsync())
                {
                    return await owner.Client.SendAsync(trace.On(new HttpRequestMessage(HttpMethod.Post, "/api/rentals") { Content = JsonContent.Create(ListingPayloads.Rental()) }));
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(problem), problem, "No such case.");
        }
    }
}

/// <summary>A W3C trace context a test sends with its requests, so it can find them in answers, logs and spans.</summary>
public sealed record TraceParent(string TraceId, string Header)
{
    public static TraceParent New()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        return new TraceParent(traceId, $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
    }

    /// <summary>Adds the <c>traceparent</c> header to <paramref name="request"/>.</summary>
    public HttpRequestMessage On(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Add("traceparent", Header);
        return request;
    }
}
