using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DongNai.Domain.People;

namespace DongNai.Api.Tests;

/// <summary>
/// Every operation the OpenAPI document says reads a body answers an empty body or the JSON literal
/// <c>null</c> with a 400 problem naming <c>body</c>, never a 500, for every caller it admits.
/// </summary>
public sealed partial class RequestBodyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("  null \n")]
    public async Task EveryOperationWithABody_AnswersA400NamingBody_WhenTheBodyIsMissing(string body)
    {
        var callers = await CallersAsync();
        var operations = await OperationsWithABodyAsync();

        var failures = new List<string>();
        foreach (var (method, path) in operations)
        {
            var answers = new List<(HttpStatusCode Status, string? MediaType, string Body)>();
            foreach (var caller in callers)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), PathParameter().Replace(path, "1"))
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                using var response = await caller.SendAsync(request);
                answers.Add((response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync()));
            }

            var namesBody = answers.Where(a => a.Status == HttpStatusCode.BadRequest && a.MediaType == "application/problem+json" && NamesBody(a.Body)).ToList();
            var wrong = answers.Where(a => (int)a.Status >= 500 || (a.Status == HttpStatusCode.BadRequest && !namesBody.Contains(a))).ToList();
            if (namesBody.Count == 0 || wrong.Count > 0)
            {
                failures.Add($"{method.ToUpperInvariant()} {path}: {string.Join(" | ", answers.Select(a => $"{(int)a.Status} {a.Body}"))}");
            }
        }

        Assert.True(operations.Count >= 16, $"Expected every listing create and update plus the account, employer and event bodies, found {operations.Count}.");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static bool NamesBody(string problem) =>
        JsonDocument.Parse(problem).RootElement.TryGetProperty("errors", out var errors) && errors.TryGetProperty("body", out _);

    /// <summary>An anonymous client and one signed in with each role, so every operation has a caller it admits.</summary>
    private async Task<List<HttpClient>> CallersAsync() =>
    [
        factory.CreateClient(),
        (await factory.SignUpAsync()).Client,
        (await factory.SignUpAsync("employer")).Client,
        (await factory.SignUpAsAsync(Role.AgencyStaff)).Client,
        (await factory.SignUpAsAsync(Role.Admin)).Client,
    ];

    private async Task<List<(string Method, string Path)>> OperationsWithABodyAsync()
    {
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        return [.. document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(operation => operation.Value.TryGetProperty("requestBody", out var requestBody)
                    // A multipart upload answers a JSON body with 415, as it should: only JSON bodies can be "missing".
                    && requestBody.GetProperty("content").TryGetProperty("application/json", out _))
                .Select(operation => (operation.Name, path.Name)))];
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();
}
