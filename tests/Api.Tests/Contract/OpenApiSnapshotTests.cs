using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DongNai.Api.Tests.Contract;

/// <summary>
/// The served OpenAPI document against the committed snapshot: a breaking change fails unless it
/// is accepted on purpose (new major version, changelog entry, refreshed snapshot); any other
/// difference fails as a stale snapshot. With UPDATE_OPENAPI_SNAPSHOT=1 the snapshot is rewritten
/// instead, within the same rules.
/// </summary>
public sealed class OpenApiSnapshotTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task LiveDocument_BreaksNothingTheSnapshotPromised()
    {
        var snapshot = OpenApiSnapshot.Read();
        var live = await LiveDocumentAsync();
        if (snapshot is null && OpenApiSnapshot.UpdateRequested)
        {
            return; // Snapshot_MatchesTheLiveDocument_OrIsRefreshedWhenAsked writes the first one.
        }

        Assert.True(snapshot is not null, $"There is no snapshot at {OpenApiSnapshot.SnapshotPath}; write one with: {OpenApiSnapshot.RefreshCommand}");

        var changes = OpenApiCompatibility.FindBreakingChanges(snapshot, live);

        var accepted = OpenApiSnapshot.UpdateRequested && IsNewMajor(snapshot, live);
        Assert.True(changes.Count == 0 || accepted, $"""
            The served OpenAPI document breaks {changes.Count} promise(s) of the snapshot docs/api/openapi-v1.json:
              {string.Join("\n  ", changes)}
            Clients generated from the snapshot would fail. Undo the change, or accept it on purpose:
              1. raise the major part of info.version (now {OpenApiSnapshot.Version(live)}; set in Search.Api/Hosting/OpenApiDocumentInfo.cs),
              2. add a heading '## <version> — <date>' to docs/api/CHANGELOG.md listing what broke and what clients must do,
              3. run {OpenApiSnapshot.RefreshCommand} and commit docs/api/openapi-v1.json.
            """);
    }

    [Fact]
    public async Task Snapshot_MatchesTheLiveDocument_OrIsRefreshedWhenAsked()
    {
        var snapshot = OpenApiSnapshot.Read();
        var live = await LiveDocumentAsync();

        if (OpenApiSnapshot.UpdateRequested && !JsonNode.DeepEquals(snapshot, live))
        {
            Refresh(snapshot, live);
        }

        Assert.True(JsonNode.DeepEquals(OpenApiSnapshot.Read(), live), $"""
            The snapshot docs/api/openapi-v1.json is stale: the served OpenAPI document differs from it{(snapshot is not null && OpenApiCompatibility.FindBreakingChanges(snapshot, live).Count > 0 ? " (with breaking changes, listed by LiveDocument_BreaksNothingTheSnapshotPromised)" : " without breaking anything")}.
            Refresh it with {OpenApiSnapshot.RefreshCommand}, add what changed under a heading for the document's version in docs/api/CHANGELOG.md (raise the minor part for additions), and commit both.
            """);
    }

    [Fact]
    public void Changelog_HasAHeading_ForTheSnapshotVersion()
    {
        var version = OpenApiSnapshot.Version(OpenApiSnapshot.Read() ?? new JsonObject());
        var changelog = File.ReadAllText(OpenApiSnapshot.ChangelogPath);

        Assert.True(OpenApiSnapshot.Major(version) is not null, $"The snapshot's info.version '{version}' is not MAJOR.MINOR.PATCH.");
        Assert.Matches(new Regex($@"(?m)^## {Regex.Escape(version!)}(\s|$)"), changelog);
    }

    /// <summary>Writes the live document over the snapshot, unless that would accept a breaking change the version does not announce.</summary>
    private static void Refresh(JsonNode? snapshot, JsonNode live)
    {
        var liveVersion = OpenApiSnapshot.Version(live);
        Assert.True(OpenApiSnapshot.Major(liveVersion) is not null, $"Refusing to write the snapshot: info.version '{liveVersion}' is not MAJOR.MINOR.PATCH.");
        var changes = snapshot is null ? [] : OpenApiCompatibility.FindBreakingChanges(snapshot, live);
        Assert.True(changes.Count == 0 || IsNewMajor(snapshot!, live), $"""
            Refusing to write the snapshot: the served document breaks {changes.Count} promise(s) and its version {liveVersion} keeps the snapshot's major part ({(snapshot is null ? "none" : OpenApiSnapshot.Version(snapshot))}).
              {string.Join("\n  ", changes)}
            Raise the major part of info.version and add a changelog entry first.
            """);

        OpenApiSnapshot.Write(live);
    }

    private static bool IsNewMajor(JsonNode snapshot, JsonNode live) =>
        OpenApiSnapshot.Major(OpenApiSnapshot.Version(live)) is { } liveMajor
        && (OpenApiSnapshot.Major(OpenApiSnapshot.Version(snapshot)) is not { } snapshotMajor || liveMajor > snapshotMajor);

    private async Task<JsonNode> LiveDocumentAsync() =>
        OpenApiSnapshot.Normalise(JsonNode.Parse(await factory.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!);
}
