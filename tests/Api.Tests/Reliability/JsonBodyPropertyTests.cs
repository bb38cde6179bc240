using System.Net.Http.Headers;
using System.Text;
using DongNai.Domain.People;
using FsCheck.Xunit;

namespace DongNai.Api.Tests.Reliability;

/// <summary>
/// Every operation of the document that reads a body, sent its valid body from
/// <see cref="AuthorizationMatrix"/> spoiled by <see cref="JsonFuzz"/> (other types, huge numbers,
/// lone surrogates, deep nesting, duplicate or unknown members, broken text, other content types)
/// by a caller it admits: never a 500, only a success or 400/401/403/404/409/413/415/422 (or a 4xx the
/// operation documents, such as the sign-in lockout's 429), and every 400 a problem naming a field.
/// A failure prints the FsCheck seed (paste it into <c>Replay</c>) and the case.
/// </summary>
public sealed class JsonBodyPropertyTests(AuthorizationScene scene) : IClassFixture<AuthorizationScene>
{
    private static readonly int[] Refusals = [400, 401, 403, 404, 409, 413, 415, 422];

    /// <summary>The callers tried in turn for the one the operation admits (its policy's success).</summary>
    private static readonly Caller[] Preference = [Caller.Owner, Caller.Admin, Caller.Employer, Caller.AgencyStaff, Caller.OtherWorker, Caller.Anonymous];

    private readonly Dictionary<string, (SignedInClient? Account, long? TargetId)> _arranged = [];

    [Property(MaxTest = 400, Arbitrary = [typeof(JsonFuzz)])]
    public void BodyOperations_AnswerASpoiledBody_WithASuccessOrAProblem_NeverA500(JsonCase fuzz)
    {
        var operation = DocumentedOperations.All.Single(o => o.OperationId == fuzz.OperationId);
        var row = AuthorizationMatrix.Rows[fuzz.OperationId];

        var (status, mediaType, body, sent) = Task.Run(async () =>
        {
            var (account, targetId) = await ArrangeAsync(operation.OperationId, row);
            var text = JsonFuzz.Apply(row.Body?.Invoke(new MatrixCall(Caller.Owner, account, targetId, scene, account?.RefreshToken)), fuzz.Edits);
            var path = operation.Path.Replace("{id}", targetId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "1", StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(operation.Method), path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(text)) };
            if (fuzz.ContentType.Length > 0)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(fuzz.ContentType);
            }

            using var response = await (account?.Client ?? scene.Anonymous).SendAsync(request);
            return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(), text);
        }).GetAwaiter().GetResult();

        var where = $"{operation.Method} {operation.Path} ({fuzz}) with {Excerpt(sent)}";
        var documentedRefusal = status is >= 400 and < 500 && operation.Statuses.Contains(status);
        Assert.True(status is >= 200 and < 300 || Refusals.Contains(status) || documentedRefusal, $"{where}: answered {status}: {Excerpt(body)}");
        if (status == 400)
        {
            SearchQueryPropertyTests.AssertProblemNamingFields(where, mediaType, body);
        }
        else if (status >= 400)
        {
            Assert.True(mediaType == "application/problem+json", $"{where}: a {status} as {mediaType}, not an RFC 9457 problem: {Excerpt(body)}");
        }
    }

    /// <summary>The admitted caller and the resource of the operation, made once per operation (a valid spoiled body may change the resource, never its owner).</summary>
    private async Task<(SignedInClient? Account, long? TargetId)> ArrangeAsync(string operationId, MatrixRow row)
    {
        if (_arranged.TryGetValue(operationId, out var arranged))
        {
            return arranged;
        }

        foreach (var caller in Preference)
        {
            // As the matrix does: an operation that spends or changes its caller's session or profile
            // (sign-out, password, filling the profile from a card) acts through a new account, so the
            // scene's accounts stay as the other operations' arrangements need them.
            var account = row.FreshCaller ? await scene.FreshAccountOfAsync(caller, row.Target) : scene.AccountOf(caller, row.Target);
            var role = account is null ? (Role?)null : await scene.Factory.WithDbAsync(async db => (await db.Accounts.FindAsync(account.AccountId))!.Role);
            if (row.Policy.StatusFor(caller, role) == row.Policy.Success)
            {
                arranged = (account, await scene.CreateAsync(row.Target));
                _arranged[operationId] = arranged;
                return arranged;
            }
        }

        throw new InvalidOperationException($"No caller of the matrix is admitted to {operationId}.");
    }

    private static string Excerpt(string text) =>
        QueryTextLiteral(text.Length <= 300 ? text : $"{text[..150]}…({text.Length} chars)…{text[^100..]}");

    private static string QueryTextLiteral(string text) =>
        string.Concat(text.Select(c => c is >= ' ' and <= '~' or > '\u00A0' and < '\uD800' ? c.ToString() : $"\\u{(int)c:X4}"));
}
