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
    /// NSwag puts a string converter on single enum properties but none on lists of enums
    /// (its generated code leaves an item converter out and says so), which System.Text.Json would send as
    /// numbers; the API writes and reads enums as camelCase strings.
    /// </summary>
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
}
