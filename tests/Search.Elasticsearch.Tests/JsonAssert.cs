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

    /// <summary>The content of <c>Expected/{name}</c>, copied beside the test binary.</summary>
    public static JsonNode File(string name) => JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Expected", name)))!;

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
