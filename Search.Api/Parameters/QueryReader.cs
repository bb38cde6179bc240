using System.Globalization;
using DongNai.Domain.Validation;

namespace DongNai.Search.Api.Parameters;

/// <summary>
/// Reads typed values from a query string by their <see cref="QueryParameter"/> definitions,
/// adding an error that names the parameter for each value that is missing its form or bounds.
/// One instance per request; not thread-safe.
/// </summary>
public sealed class QueryReader(IQueryCollection query, FieldErrors errors)
{
    public FieldErrors Errors => errors;

    /// <summary>
    /// Refuses parameters that are not defined and single-valued parameters given more than once;
    /// returns false when it found any. Unknown parameters are errors, not ignored: a typo such as
    /// <c>?comune=</c> must not silently return everything.
    /// </summary>
    public bool RejectUnknown(IReadOnlyCollection<QueryParameter> allowed)
    {
        var byName = allowed.Where(p => !p.InPath).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var hint = byName.Count == 0
            ? "This operation takes no query parameters."
            : $"Allowed: {string.Join(", ", byName.Keys.Order(StringComparer.Ordinal))}.";
        var clean = true;
        foreach (var (name, values) in query)
        {
            if (!byName.TryGetValue(name, out var parameter))
            {
                errors.Add(name, $"Unknown parameter. {hint}");
                clean = false;
            }
            else if (values.Count > 1 && !parameter.Repeatable)
            {
                errors.Add(name, "Give this parameter once.");
                clean = false;
            }
        }

        return clean;
    }

    public string? Text(QueryParameter parameter)
    {
        var value = query[parameter.Name].ToString();
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var max = parameter.MaxLength ?? 100;
        return errors.When(value.Length > max, parameter.Name, $"At most {max} characters.") ? null : value.Trim();
    }

    public double? Number(QueryParameter parameter)
    {
        if (Raw(parameter) is not { } raw)
        {
            return null;
        }

        if (!decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(parameter.Name, "Must be a number, with a dot for decimals.");
            return null;
        }

        return InBounds(parameter, value) ? (double)value : null;
    }

    public long? WholeNumber(QueryParameter parameter)
    {
        if (Raw(parameter) is not { } raw)
        {
            return null;
        }

        if (!long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(parameter.Name, "Must be a whole number.");
            return null;
        }

        return InBounds(parameter, value) ? value : null;
    }

    public TimeOnly? TimeOfDay(QueryParameter parameter)
    {
        if (Raw(parameter) is not { } raw)
        {
            return null;
        }

        if (TimeOnly.TryParseExact(raw, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(parameter.Name, "Must be a time of day as HH:mm.");
        return null;
    }

    public bool? Boolean(QueryParameter parameter)
    {
        if (Raw(parameter) is not { } raw)
        {
            return null;
        }

        if (raw is "true" or "false")
        {
            return raw == "true";
        }

        errors.Add(parameter.Name, "Must be true or false.");
        return null;
    }

    /// <summary>The value of a <see cref="QueryValueType.Choice"/>, or null when absent or not one of its values.</summary>
    public string? Choice(QueryParameter parameter)
    {
        if (Raw(parameter) is not { } raw)
        {
            return null;
        }

        var values = parameter.Values ?? [];
        return errors.When(!values.Contains(raw, StringComparer.Ordinal), parameter.Name, $"Unknown value '{raw}'. Use one of: {string.Join(", ", values)}.")
            ? null
            : raw;
    }

    /// <summary>The values of a repeatable parameter, repeated or comma-separated, each checked against its accepted values.</summary>
    public List<string> List(QueryParameter parameter)
    {
        var result = new List<string>();
        var max = parameter.MaxLength ?? 500;
        foreach (var given in query[parameter.Name])
        {
            if (errors.When((given ?? "").Length > max, parameter.Name, $"At most {max} characters."))
            {
                continue;
            }

            foreach (var value in (given ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (parameter.Values is null || parameter.Values.Contains(value, StringComparer.Ordinal))
                {
                    result.Add(value);
                }
                else
                {
                    errors.Add(parameter.Name, $"Unknown value '{value}'. Use one of: {string.Join(", ", parameter.Values)}.");
                }
            }
        }

        return result;
    }

    private string? Raw(QueryParameter parameter)
    {
        var value = query[parameter.Name].ToString().Trim();
        if (value.Length == 0)
        {
            return null;
        }

        return errors.When(value.Length > 40, parameter.Name, "At most 40 characters.") ? null : value;
    }

    private bool InBounds(QueryParameter parameter, decimal value)
    {
        var below = parameter.Minimum is { } min && value < min;
        var above = parameter.Maximum is { } max && value > max;
        return !errors.When(below || above, parameter.Name, $"Must be between {Show(parameter.Minimum)} and {Show(parameter.Maximum)}.");
    }

    private static string Show(decimal? value) => value?.ToString("0.######", CultureInfo.InvariantCulture) ?? "…";
}
