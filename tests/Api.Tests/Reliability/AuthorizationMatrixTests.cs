using System.Text;
using DongNai.Domain.Listings;
using DongNai.Domain.People;

namespace DongNai.Api.Tests.Reliability;

/// <summary>
/// Every operation of the OpenAPI document, called by each of the six <see cref="Caller"/>s with a
/// valid request on a real resource, answers the status its row of <see cref="AuthorizationMatrix"/>
/// gives that caller: the authorisation decision, exactly, never a validation error or a 500.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationScene scene) : IClassFixture<AuthorizationScene>
{
    /// <summary>One case per documented operation and caller, from the committed snapshot.</summary>
    public static TheoryData<string, string, string, Caller> Cases()
    {
        var cases = new TheoryData<string, string, string, Caller>();
        foreach (var operation in DocumentedOperations.All)
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                cases.Add(operation.OperationId, operation.Method, operation.Path, caller);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Operation_AnswersTheStatusOfItsPolicy_ForEachCaller(string operationId, string method, string path, Caller caller)
    {
        Assert.True(AuthorizationMatrix.Rows.TryGetValue(operationId, out var row), $"""
            The operation {operationId} ({method} {path}) has no row in the authorisation matrix.
            Add one line for it to AuthorizationMatrix.Rows (tests/Api.Tests/Reliability/AuthorizationMatrix.cs): who may call it and a valid request.
            """);
        var targetId = await scene.CreateAsync(row.Target);
        var account = row.FreshCaller ? await scene.FreshAccountOfAsync(caller, row.Target) : scene.AccountOf(caller, row.Target);
        var role = account is null ? (Role?)null : await scene.Factory.WithDbAsync(async db => (await db.Accounts.FindAsync(account.AccountId))!.Role);
        var refreshToken = account?.RefreshToken ?? (row.FreshCaller ? (await scene.Factory.SignUpAsync()).RefreshToken : null);
        var call = new MatrixCall(caller, account, targetId, scene, refreshToken);
        var expected = row.Policy.StatusFor(caller, role);
        if (account is not null && row.Arrange is { } arrange)
        {
            await arrange(call);
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), Url(path, row, targetId));
        if (row.Content?.Invoke(call) is { } content)
        {
            request.Content = content;
        }
        else if (row.Body?.Invoke(call) is { } body)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await (account?.Client ?? scene.Anonymous).SendAsync(request);
        var status = (int)response.StatusCode;

        Assert.True(status == expected, $"""
            {operationId} ({method} {path}) as {caller}{(role is null ? "" : $" ({role})")}: expected {expected} by its policy {row.Policy}, got {status}.
            {await response.Content.ReadAsStringAsync()}
            """);
    }

    [Fact]
    public void EveryRow_NamesAnOperationOfTheDocument()
    {
        var documented = DocumentedOperations.All.Select(o => o.OperationId).ToHashSet(StringComparer.Ordinal);

        var stale = AuthorizationMatrix.Rows.Keys.Where(id => !documented.Contains(id)).Order(StringComparer.Ordinal).ToList();

        Assert.True(stale.Count == 0, $"Rows of the authorisation matrix name operations the document does not have (renamed or removed?): {string.Join(", ", stale)}");
    }

    private static string Url(string path, MatrixRow row, long? targetId)
    {
        var url = path;
        if (targetId is { } id)
        {
            url = url.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{kind}", AuthorizationScene.KindOf(row.Target) is { } kind ? ListingKinds.Get(kind).Slug : "{kind}", StringComparison.Ordinal);
        }

        Assert.True(!url.Contains('{', StringComparison.Ordinal), $"The row for {path} names no resource (Target) to fill its path parameters.");
        return row.Query is null ? url : $"{url}?{row.Query}";
    }
}
