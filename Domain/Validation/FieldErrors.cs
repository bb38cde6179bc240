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

    public void Text(string? value, string field, int minLength, int maxLength, bool required = true)
    {
        var length = value?.Trim().Length ?? 0;
        if (length == 0)
        {
            When(required, field, "Required.");
            return;
        }

        When(length < minLength || length > maxLength, field, $"Must be {minLength} to {maxLength} characters.");
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
