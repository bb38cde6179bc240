using System.Text.Json.Nodes;

namespace DongNai.Search.Elasticsearch.Tests;

/// <summary>Compares JSON as parsed trees (the client escapes non-ASCII and orders nothing for us), showing both sides on failure.</summary>
public static class JsonAssert
{
    public static void Equal(string expected, JsonNode? actual) => Equal(JsonNode.Parse(expected), actual);

    public static void Equal(JsonNode? expected, JsonNode? actual)
    {
        if (!JsonNode.DeepEquals(expected, actual))
        {
            Assert.Fail($"JSON differs.\nExpected:\n{expected?.ToJsonString(Indented)}\nActual:\n{actual?.ToJsonString(Indented)}");
        }
    }

    /// <summary>
    /// Compares with <c>Expected/{name}</c>. With <c>UPDATE_EXPECTED_JSON=1</c> the file in the source
    /// folder is rewritten from <paramref name="actual"/> instead (then read the diff before committing it).
    /// </summary>
    public static void EqualFile(string name, JsonNode? actual, [System.Runtime.CompilerServices.CallerFilePath] string caller = "")
    {
        if (Environment.GetEnvironmentVariable("UPDATE_EXPECTED_JSON") == "1")
        {
            System.IO.File.WriteAllText(Path.Combine(Path.GetDirectoryName(caller)!, "Expected", name), actual!.ToJsonString(Indented) + "\n");
            return;
        }

        Equal(JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Expected", name))), actual);
    }

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
