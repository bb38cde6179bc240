using System.Text.Json.Nodes;

namespace DongNai.Api.Tests.Contract;

/// <summary>
/// Each fixture under Contract/Fixtures is <c>base.json</c> with one change; the checker must name
/// exactly that change, or nothing for the additions.
/// </summary>
public sealed class OpenApiCompatibilityTests
{
    [Theory]
    [InlineData("operation-removed", "GET /api/rentals/{id}: operation removed")]
    [InlineData("parameter-removed", "GET /api/search/rentals › query parameter 'rentalType': parameter removed")]
    [InlineData("parameter-became-required", "GET /api/search/rentals › query parameter 'q': parameter became required")]
    [InlineData("new-required-parameter", "GET /api/search/rentals › query parameter 'near': new required parameter")]
    [InlineData("parameter-number-to-integer", "GET /api/search/rentals › query parameter 'radiusKm': type narrowed from number to integer")]
    [InlineData("enum-value-removed", "GET /api/search/rentals › query parameter 'rentalType': enum values removed: \"house\"")]
    [InlineData("maximum-lowered", "GET /api/search/rentals › query parameter 'size': maximum lowered from 100 to 50")]
    [InlineData("minimum-raised", "GET /api/search/rentals › query parameter 'radiusKm': minimum raised from 0.1 to 1")]
    [InlineData("max-length-lowered", "POST /api/rentals › request body (application/json) › title: maxLength lowered from 120 to 80")]
    [InlineData("request-property-newly-required", "POST /api/rentals › request body (application/json) › description: property became required")]
    [InlineData("request-property-no-longer-nullable", "POST /api/rentals › request body (application/json) › description: type narrowed from null | string to string")]
    [InlineData("response-property-removed", "GET /api/search/rentals › response 200 (application/json) › hits[].distanceKm: property removed")]
    [InlineData("response-type-widened", "GET /api/search/rentals › response 200 (application/json) › total: type changed from integer to number")]
    [InlineData("response-removed", "GET /api/rentals/{id} › response 200: response removed")]
    [InlineData("response-content-type-removed", "GET /api/rentals/{id} › response 200: content type application/json removed")]
    public void FindBreakingChanges_NamesTheOneChange_WhenTheFixtureBreaksARule(string fixture, string expected)
    {
        var old = Load("base");
        var changed = Load(fixture);

        var changes = OpenApiCompatibility.FindBreakingChanges(old, changed);

        Assert.Equal([expected], changes.Select(change => change.ToString()));
    }

    [Fact]
    public void FindBreakingChanges_FindsNothing_WhenTheNewDocumentOnlyAdds()
    {
        var old = Load("base");
        var widened = Load("additions-only");

        var changes = OpenApiCompatibility.FindBreakingChanges(old, widened);

        Assert.Empty(changes);
    }

    [Fact]
    public void FindBreakingChanges_FindsTheReverseOfTheAdditions_WhenTheDocumentsSwapPlaces()
    {
        var widened = Load("additions-only");
        var old = Load("base");

        var changes = OpenApiCompatibility.FindBreakingChanges(widened, old).Select(change => change.ToString()).ToList();

        Assert.Contains("GET /api/suggest: operation removed", changes);
        Assert.Contains("GET /api/search/rentals › query parameter 'near': parameter removed", changes);
        Assert.Contains("GET /api/search/rentals › query parameter 'rentalType': enum values removed: \"dormitory\"", changes);
        Assert.Contains("GET /api/search/rentals › response 200 (application/json) › hits[].highlight: property removed", changes);
        Assert.Contains("GET /api/search/rentals › response 200 (application/json) › hits[].distanceKm: property no longer always present", changes);
        Assert.Contains("GET /api/search/rentals › query parameter 'q': maxLength 200 added", changes);
        Assert.Contains("POST /api/rentals › request body (application/json) › priceVnd: type narrowed from number to integer", changes);
        Assert.Contains("POST /api/rentals › response 201: content type application/problem+json removed", changes);
    }

    [Fact]
    public void FindBreakingChanges_FindsNothing_WhenTheSnapshotIsComparedWithItself()
    {
        var snapshot = OpenApiSnapshot.Read()!;

        var changes = OpenApiCompatibility.FindBreakingChanges(snapshot, snapshot.DeepClone());

        Assert.Empty(changes);
    }

    /// <summary>The "done when": a parameter deliberately removed from a copy of the real snapshot fails the check, named.</summary>
    [Fact]
    public void FindBreakingChanges_NamesTheParameter_WhenItIsRemovedFromACopyOfTheSnapshot()
    {
        var snapshot = OpenApiSnapshot.Read()!;
        var copy = snapshot.DeepClone();
        var (path, method, parameter) = FirstOptionalQueryParameter(copy);
        var parameters = copy["paths"]![path]![method]!["parameters"]!.AsArray();
        parameters.Remove(parameters.Single(candidate => candidate!["name"]!.GetValue<string>() == parameter));

        var changes = OpenApiCompatibility.FindBreakingChanges(snapshot, copy);

        Assert.Equal([$"{method.ToUpperInvariant()} {path} › query parameter '{parameter}': parameter removed"], changes.Select(change => change.ToString()));
    }

    [Fact]
    public void FindBreakingChanges_FindsEveryParameterRemoval_AcrossTheSnapshot()
    {
        var snapshot = OpenApiSnapshot.Read()!;
        var missed = new List<string>();
        var count = 0;

        foreach (var (path, method, index) in Parameters(snapshot))
        {
            var copy = snapshot.DeepClone();
            copy["paths"]![path]![method]!["parameters"]!.AsArray().RemoveAt(index);
            count++;
            if (!OpenApiCompatibility.FindBreakingChanges(snapshot, copy).Any(change => change.Description == "parameter removed"))
            {
                missed.Add($"{method} {path} #{index}");
            }
        }

        Assert.True(count > 0, "The snapshot has no parameters to remove.");
        Assert.Empty(missed);
    }

    private static JsonNode Load(string fixture) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contract", "Fixtures", fixture + ".json")))!;

    private static IEnumerable<(string Path, string Method, int Index)> Parameters(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(operation => operation.Value?["parameters"] is JsonArray)
            .SelectMany(operation => Enumerable.Range(0, operation.Value!["parameters"]!.AsArray().Count)
                .Select(index => (path.Key, operation.Key, index))));

    private static (string Path, string Method, string Name) FirstOptionalQueryParameter(JsonNode document) =>
        Parameters(document)
            .Select(found => (found.Path, found.Method, Parameter: document["paths"]![found.Path]![found.Method]!["parameters"]![found.Index]!))
            .Where(found => found.Parameter["in"]!.GetValue<string>() == "query" && found.Parameter["required"] is null)
            .Select(found => (found.Path, found.Method, found.Parameter["name"]!.GetValue<string>()))
            .First();
}
