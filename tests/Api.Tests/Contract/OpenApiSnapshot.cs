using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DongNai.Api.Tests.Contract;

/// <summary>
/// The committed OpenAPI snapshot (<c>docs/api/openapi-v1.json</c>) and its changelog, found from
/// the test's output folder by walking up to the repository root (the folder with DongNai.slnx).
/// </summary>
public static partial class OpenApiSnapshot
{
    /// <summary>Set to 1 to write the live document over the snapshot (refused for a breaking change without a new major version).</summary>
    public const string UpdateVariable = "UPDATE_OPENAPI_SNAPSHOT";

    public const string RefreshCommand = $"{UpdateVariable}=1 dotnet test tests/Api.Tests --filter \"FullyQualifiedName~OpenApiSnapshotTests\"";

    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",

        // Vietnamese descriptions stay readable in diffs instead of turning into \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string SnapshotPath { get; } = Path.Combine(RepositoryRoot, "docs", "api", "openapi-v1.json");

    public static string ChangelogPath { get; } = Path.Combine(RepositoryRoot, "docs", "api", "CHANGELOG.md");

    public static bool UpdateRequested =>
        Environment.GetEnvironmentVariable(UpdateVariable) is "1" or "true";

    /// <summary>The committed snapshot, or null when there is none yet.</summary>
    public static JsonNode? Read() =>
        File.Exists(SnapshotPath) ? JsonNode.Parse(File.ReadAllText(SnapshotPath)) : null;

    public static void Write(JsonNode document) =>
        File.WriteAllText(SnapshotPath, document.ToJsonString(Pretty) + "\n");

    /// <summary>
    /// The parts of a served document that depend on where it was served rather than on the
    /// contract are removed: <c>servers</c> is the requesting host (<c>http://localhost</c> under the
    /// test server, the real host in production).
    /// </summary>
    public static JsonNode Normalise(JsonNode document)
    {
        var copy = document.DeepClone();
        copy.AsObject().Remove("servers");
        return copy;
    }

    public static string? Version(JsonNode document) => document["info"]?["version"]?.GetValue<string>();

    /// <summary>The major part of a <c>MAJOR.MINOR.PATCH</c> version, or null when the version is not one.</summary>
    public static int? Major(string? version) =>
        version is not null && SemanticVersion().Match(version) is { Success: true } match
            ? int.Parse(match.Groups["major"].Value, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    [GeneratedRegex(@"^(?<major>0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")]
    private static partial Regex SemanticVersion();

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "DongNai.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No DongNai.slnx above {AppContext.BaseDirectory}; the snapshot tests run from inside the repository.");
    }
}
