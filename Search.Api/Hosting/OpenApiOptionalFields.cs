using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;

namespace DongNai.Search.Api.Hosting;

/// <summary>
/// A property left out of the JSON when it is null (<c>[JsonIgnore(Condition = WhenWritingNull)]</c>)
/// is not required: the generator lists every constructor parameter as required, which would tell a
/// generated client to refuse a hit without a distance.
/// </summary>
internal static class OpenApiOptionalFields
{
    public static void AddTo(OpenApiOptions options) => options.AddSchemaTransformer((schema, context, _) =>
    {
        if (schema.Required is not { Count: > 0 } required)
        {
            return Task.CompletedTask;
        }

        foreach (var property in context.JsonTypeInfo.Properties)
        {
            var ignore = property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
                .OfType<JsonIgnoreAttribute>().FirstOrDefault()
                ?? (property.AttributeProvider as MemberInfo)?.GetCustomAttribute<JsonIgnoreAttribute>();
            if (ignore?.Condition is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault)
            {
                required.Remove(property.Name);
            }
        }

        return Task.CompletedTask;
    });
}
