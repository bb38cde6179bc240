using System.Text.Json;
using System.Text.Json.Serialization;

namespace DongNai.Api.Client;

/// <summary>
/// The hand-written half of the generated client: how it reads and writes JSON. One instance per
/// <see cref="HttpClient"/>; as thread-safe as that client (the serializer options are shared and frozen).
/// </summary>
public partial class DongNaiApiClient
{
    /// <summary>
    /// The document's enum schemas carry no <c>"type": "string"</c>, so NSwag generates the C# enums
    /// without a string converter and System.Text.Json would send them as numbers; the API writes
    /// and reads them as camelCase strings.
    /// </summary>
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
}
