using System.Text;

namespace DongNai.Domain.Places;

/// <summary>
/// Reads the reference files embedded in this assembly (see <c>Domain/Data/</c>; the resource name is
/// the file name). CSV files have a header row; lines starting with <c>#</c> are comments.
/// Public so that the other libraries (Payments reads the NAPAS bank list) read the same files the
/// same way. Thread-safe: every call opens its own stream.
/// </summary>
public static class EmbeddedDataFile
{
    public static Stream Open(string fileName) =>
        typeof(EmbeddedDataFile).Assembly.GetManifestResourceStream(fileName)
            ?? throw new InvalidOperationException($"The embedded data file '{fileName}' is missing from {typeof(EmbeddedDataFile).Assembly.GetName().Name}.");

    /// <summary>The data rows of a CSV file, each as a map from header name to field value.</summary>
    public static List<Dictionary<string, string>> ReadCsv(string fileName)
    {
        using var reader = new StreamReader(Open(fileName), Encoding.UTF8);
        string[]? header = null;
        var rows = new List<Dictionary<string, string>>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = SplitCsvLine(line);
            if (header is null)
            {
                header = fields;
                continue;
            }

            if (fields.Length != header.Length)
            {
                throw new InvalidDataException($"{fileName}: expected {header.Length} fields, found {fields.Length} in: {line}");
            }

            var row = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                row[header[i]] = fields[i];
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Splits one CSV line; fields may be quoted with <c>"</c>, a doubled quote inside is a quote.</summary>
    private static string[] SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
