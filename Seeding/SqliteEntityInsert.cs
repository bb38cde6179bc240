using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DongNai.Seeding;

/// <summary>
/// A prepared <c>INSERT</c> for one entity type, built from the EF model so that table and column
/// names and value conversions (enums, primitive collections as JSON, owned collections mapped to
/// JSON) are the ones EF itself reads back. Every mapped, non-shadow property is written as the
/// entity holds it, keys included. Not thread-safe: one per connection.
/// </summary>
internal sealed class SqliteEntityInsert : IDisposable
{
    private readonly SqliteCommand command;
    private readonly List<(SqliteParameter Parameter, Func<object, object?> Read)> columns = [];

    public SqliteEntityInsert(IEntityType entityType, SqliteConnection connection)
    {
        var table = entityType.GetTableName() ?? throw new InvalidOperationException($"{entityType.DisplayName()} is not mapped to a table.");
        var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        command = connection.CreateCommand();
        var names = new List<string>();

        foreach (var property in entityType.GetProperties())
        {
            if (property.IsShadowProperty())
            {
                continue;
            }

            var getter = property.GetGetter();
            var converter = property.GetTypeMapping().Converter;
            Func<object, object?> read = converter is null
                ? getter.GetClrValueUsingContainingEntity
                : entity => getter.GetClrValueUsingContainingEntity(entity) is { } value ? converter.ConvertToProvider(value) : null;
            AddColumn(property.GetColumnName(store) ?? property.Name, read, names);
        }

        foreach (var navigation in entityType.GetNavigations().Where(n => n.TargetEntityType.IsMappedToJson()))
        {
            var getter = navigation.GetGetter();
            var target = navigation.TargetEntityType;
            AddColumn(target.GetContainerColumnName()!, entity => ToJson(getter.GetClrValueUsingContainingEntity(entity), target, navigation.IsCollection), names);
        }

        command.CommandText =
            $"INSERT INTO \"{table}\" ({string.Join(", ", names.Select(n => $"\"{n}\""))}) VALUES ({string.Join(", ", columns.Select(c => c.Parameter.ParameterName))})";
    }

    public void Insert(object entity, SqliteTransaction transaction)
    {
        command.Transaction = transaction;
        foreach (var (parameter, read) in columns)
        {
            parameter.Value = read(entity) ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    public void Dispose() => command.Dispose();

    /// <summary>Owned entities as EF stores them in a JSON column: an object, or an array of objects.</summary>
    private static string? ToJson(object? value, IEntityType target, bool isCollection)
    {
        if (value is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (isCollection)
            {
                writer.WriteStartArray();
                foreach (var item in (System.Collections.IEnumerable)value)
                {
                    WriteObject(writer, item, target);
                }

                writer.WriteEndArray();
            }
            else
            {
                WriteObject(writer, value, target);
            }
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteObject(Utf8JsonWriter writer, object item, IEntityType target)
    {
        writer.WriteStartObject();
        foreach (var property in target.GetProperties().Where(p => !p.IsShadowProperty()))
        {
            writer.WritePropertyName(property.GetJsonPropertyName() ?? property.Name);
            var value = property.GetGetter().GetClrValueUsingContainingEntity(item);
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                var json = property.GetJsonValueReaderWriter() ?? property.GetTypeMapping().JsonValueReaderWriter
                    ?? throw new NotSupportedException($"No JSON writer for {target.DisplayName()}.{property.Name}.");
                json.ToJson(writer, value);
            }
        }

        writer.WriteEndObject();
    }

    private void AddColumn(string name, Func<object, object?> read, List<string> names)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = $"$p{columns.Count}";
        command.Parameters.Add(parameter);
        columns.Add((parameter, read));
        names.Add(name);
    }
}
