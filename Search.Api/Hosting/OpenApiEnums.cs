using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DongNai.Search.Api.Hosting;

/// <summary>
/// Enums travel as camelCase strings (HostingExtensions.ConfigureJson), so their schemas say
/// <c>type: string</c> and list the names: the generator leaves the type out, lists no values for a
/// [Flags] enum (whose lists carry one flag per item), and puts <c>null</c> among the values of a
/// nullable one, which client generators turn into an empty class. Nullability stays where the
/// enum is used.
/// </summary>
internal static class OpenApiEnums
{
    public static void AddTo(OpenApiOptions options) => options.AddSchemaTransformer((schema, context, _) =>
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (!type.IsEnum)
        {
            return Task.CompletedTask;
        }

        var flags = type.IsDefined(typeof(FlagsAttribute), inherit: false);
        var names = Enum.GetValues(type).Cast<Enum>()
            .Where(value => !flags || IsSingleFlag(Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture)))
            .Select(value => JsonNamingPolicy.CamelCase.ConvertName(value.ToString()));
        schema.Type = JsonSchemaType.String;
        schema.Enum = names.Select(name => (JsonNode)JsonValue.Create(name)).ToList();
        return Task.CompletedTask;
    });

    private static bool IsSingleFlag(ulong value) => value != 0 && (value & (value - 1)) == 0;
}
