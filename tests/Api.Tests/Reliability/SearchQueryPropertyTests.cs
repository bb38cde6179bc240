using System.Globalization;
using System.Net;
using System.Text.Json;
using FsCheck.Xunit;
using Microsoft.AspNetCore.WebUtilities;

namespace DongNai.Api.Tests.Reliability;

/// <summary>
/// Random query strings and spoiled cursors over real HTTP against every search operation of the
/// document, <c>/api/suggest</c> and <c>/api/{kind}/{id}/related</c>: never a 500, and every refusal
/// is an RFC 9457 problem naming parameters of the request (a spoiled cursor, or one issued by a
/// search of another kind: <c>cursor</c> alone).
/// A failure prints the FsCheck seed (paste it into <c>Replay</c>) and the request line.
/// </summary>
public sealed class SearchQueryPropertyTests(SearchScene scene) : IClassFixture<SearchScene>
{
    [Property(MaxTest = 400, Arbitrary = [typeof(QueryFuzz)])]
    public void SearchOperations_AnswerEveryQueryString_WithResultsOrAProblemNamingItsParameters(QueryCase query)
    {
        var operation = DocumentedOperations.All.Single(o => o.OperationId == query.OperationId);
        var url = $"{Fill(query.Path)}?{query.Query}";

        var (status, mediaType, body) = Send(url);

        // Names as typed and as the server decodes them; query names are case-insensitive in ASP.NET Core.
        var sent = QueryHelpers.ParseQuery(query.Query).Keys.Concat(query.Pairs.Select(p => p.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var documented = operation.QueryParameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"GET {url}: expected 200 or a 400 problem, got {(int)status}: {body}");
        if (status == HttpStatusCode.BadRequest)
        {
            var named = AssertProblemNamingFields(url, mediaType, body);
            var strangers = named.Where(field => !sent.Contains(field) && !documented.Contains(field)).ToList();
            Assert.True(strangers.Count == 0, $"GET {url}: the problem names {string.Join(", ", strangers)}, neither sent nor a parameter of {operation.OperationId}: {body}");
        }
        else
        {
            Assert.True(mediaType == "application/json", $"GET {url}: 200 with {mediaType}: {body}");
            using var _ = JsonDocument.Parse(body);
        }
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(QueryFuzz)])]
    public void Search_AnswersASpoiledCursor_WithAPageOrA400NamingCursorAlone(CursorCase cursorCase)
    {
        var issued = scene.Cursors[cursorCase.IssuedIndex % scene.Cursors.Count];
        var sentTo = scene.Cursors[cursorCase.SentToIndex % scene.Cursors.Count];
        var cursor = QueryFuzz.Apply(issued.Cursor, cursorCase.Mutation);
        var url = $"{sentTo.Path}?{sentTo.Query}&cursor={Uri.EscapeDataString(cursor)}";

        var (status, mediaType, body) = Send(url);

        var where = $"GET {url} (the cursor of GET {issued.Path}?{issued.Query}, {cursorCase.Mutation})";
        if (cursorCase.Mutation.Edit == CursorEdit.None && issued == sentTo)
        {
            Assert.True(status == HttpStatusCode.OK, $"{where}: an issued cursor sent back to its own search must page, got {(int)status}: {body}");
        }

        // A cursor pages only the search that issued it (CursorKindTests): another kind, or all kinds, refuses it.
        if (cursorCase.Mutation.Edit == CursorEdit.None && issued.Path != sentTo.Path)
        {
            Assert.True(status == HttpStatusCode.BadRequest, $"{where}: a cursor of another search must be refused, got {(int)status}: {body}");
        }

        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{where}: expected 200 or a 400 naming cursor, got {(int)status}: {body}");
        if (status == HttpStatusCode.BadRequest)
        {
            var named = AssertProblemNamingFields(where, mediaType, body);
            Assert.True(named.SequenceEqual(["cursor"]), $"{where}: the problem should name cursor alone, names {string.Join(", ", named)}: {body}");
        }
    }

    /// <summary>Asserts an RFC 9457 validation problem with at least one named field and returns the names.</summary>
    internal static List<string> AssertProblemNamingFields(string where, string? mediaType, string body)
    {
        Assert.True(mediaType == "application/problem+json", $"{where}: a 400 as {mediaType}, not application/problem+json: {body}");
        using var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.GetProperty("status").GetInt32() == 400, $"{where}: the problem's status is not 400: {body}");
        Assert.True(problem.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object, $"{where}: a 400 problem without errors: {body}");
        var named = errors.EnumerateObject().Select(e => e.Name).ToList();
        Assert.True(named.Count > 0 && named.All(n => errors.GetProperty(n).GetArrayLength() > 0), $"{where}: a 400 problem naming no field: {body}");
        return named;
    }

    private string Fill(string path) => path
        .Replace("{kind}", "rentals", StringComparison.Ordinal)
        .Replace("{id}", scene.RentalId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>
    /// Sends on the thread pool and waits: FsCheck calls properties synchronously, and waiting on
    /// xunit's synchronisation context (two slots on this machine) could starve the continuations.
    /// </summary>
    private (HttpStatusCode Status, string? MediaType, string Body) Send(string url) => Task.Run(async () =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        using var response = await scene.Client.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }).GetAwaiter().GetResult();
}
