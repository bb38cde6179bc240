using System.Globalization;
using System.Text;

namespace DongNai.Domain.Validation;

/// <summary>
/// Collects what is wrong with a request, field by field, in the shape RFC 9457 validation
/// problems use (<c>errors: { "salaryMaxVnd": ["…"] }</c>). Field names are the JSON names.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            messages = [];
            _errors[field] = messages;
        }

        messages.Add(message);
    }

    /// <summary>Adds <paramref name="message"/> when <paramref name="failed"/> is true; returns <paramref name="failed"/>.</summary>
    public bool When(bool failed, string field, string message)
    {
        if (failed)
        {
            Add(field, message);
        }

        return failed;
    }

    /// <summary>
    /// Checks a text field: <paramref name="minLength"/> counts only what a reader sees (no control
    /// characters such as NUL, no format characters such as zero-width spaces and joiners, no
    /// surrounding white space), so a value of nothing but those is missing; <paramref name="maxLength"/>
    /// counts every character but the surrounding white space, as storage does.
    /// </summary>
    public void Text(string? value, string field, int minLength, int maxLength, bool required = true)
    {
        var visible = VisibleLength(value);
        if (visible == 0)
        {
            When(required, field, value is null || value.Trim().Length == 0 ? "Required." : "Required: the text has no visible characters.");
            return;
        }

        When(visible < minLength || value!.Trim().Length > maxLength, field, $"Must be {minLength} to {maxLength} characters.");
    }

    /// <summary>
    /// The UTF-16 length of <paramref name="value"/> once control characters (Cc, such as NUL; line
    /// breaks and tabs count as white space) and format characters (Cf: zero-width space, joiners,
    /// byte-order mark, bidirectional marks, tag characters) are removed and the rest is trimmed of
    /// white space; 0 for null.
    /// </summary>
    public static int VisibleLength(string? value)
    {
        if (value is null)
        {
            return 0;
        }

        var seen = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
        {
            // Line breaks and tabs are control characters too, but they separate words as spaces do.
            var hidden = Rune.GetUnicodeCategory(rune) switch
            {
                UnicodeCategory.Format => true,
                UnicodeCategory.Control => !Rune.IsWhiteSpace(rune),
                _ => false,
            };
            if (!hidden)
            {
                seen.Append(rune);
            }
        }

        return seen.ToString().Trim().Length;
    }

    public void Range(long? value, string field, long min, long max, bool required = true)
    {
        if (value is null)
        {
            When(required, field, "Required.");
            return;
        }

        When(value < min || value > max, field, $"Must be between {min} and {max}.");
    }

    public void Range(double? value, string field, double min, double max, bool required = true)
    {
        if (value is null)
        {
            When(required, field, "Required.");
            return;
        }

        When(!double.IsFinite(value.Value) || value < min || value > max, field, $"Must be between {min} and {max}.");
    }

    public void Defined<TEnum>(TEnum? value, string field)
        where TEnum : struct, Enum
    {
        if (value is null)
        {
            Add(field, "Required.");
            return;
        }

        When(!Enum.IsDefined(value.Value), field, "Unknown value.");
    }

    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
}
