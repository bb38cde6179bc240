using System.Globalization;

namespace DongNai.Search.Api.Parameters;

/// <summary>The form of a query parameter's value.</summary>
public enum QueryValueType
{
    /// <summary>Free text, at most <see cref="QueryParameter.MaxLength"/> characters.</summary>
    Text,

    /// <summary>A whole number within the bounds.</summary>
    WholeNumber,

    /// <summary>A number with a dot for decimals, within the bounds.</summary>
    Number,

    /// <summary>A time of day as HH:mm.</summary>
    TimeOfDay,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>One of <see cref="QueryParameter.Values"/>.</summary>
    Choice,
}

/// <summary>
/// One query (or path) parameter, defined once: the handler reads and checks the value through
/// <see cref="QueryReader"/>, and the OpenAPI document describes it, both from this definition,
/// so the document cannot promise a range or a value the handler refuses. Immutable.
/// </summary>
public sealed record QueryParameter
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    public QueryValueType Type { get; init; } = QueryValueType.Text;

    /// <summary>Inclusive bounds of an <see cref="QueryValueType.WholeNumber"/> or <see cref="QueryValueType.Number"/>.</summary>
    public decimal? Minimum { get; init; }

    public decimal? Maximum { get; init; }

    public int? MaxLength { get; init; }

    /// <summary>A regular expression the text must match (documented; the reader checks the form itself).</summary>
    public string? Pattern { get; init; }

    /// <summary>The accepted values of a <see cref="QueryValueType.Choice"/> or of a list; null: any value.</summary>
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>The name under which the document lists <see cref="Values"/> once, for every parameter that accepts them.</summary>
    public string? ValuesName { get; init; }

    /// <summary>Several values allowed: the parameter repeated, or values separated by commas.</summary>
    public bool Repeatable { get; init; }

    /// <summary>The value used when the parameter is absent, as the document shows it.</summary>
    public string? Default { get; init; }

    public string? Example { get; init; }

    /// <summary>The operation refuses a request without it (the handler checks; the document says so).</summary>
    public bool Required { get; init; }

    /// <summary>A path segment rather than a query parameter; always required.</summary>
    public bool InPath { get; init; }

    public static QueryParameter Text(string name, int maxLength, string description, string? example = null) =>
        new() { Name = name, Description = description, MaxLength = maxLength, Example = example };

    public static QueryParameter WholeNumber(string name, long minimum, long maximum, string description, long? defaultValue = null, long? example = null) =>
        new()
        {
            Name = name,
            Description = description,
            Type = QueryValueType.WholeNumber,
            Minimum = minimum,
            Maximum = maximum,
            Default = defaultValue?.ToString(CultureInfo.InvariantCulture),
            Example = example?.ToString(CultureInfo.InvariantCulture),
        };

    public static QueryParameter Number(string name, decimal minimum, decimal maximum, string description, decimal? example = null) =>
        new()
        {
            Name = name,
            Description = description,
            Type = QueryValueType.Number,
            Minimum = minimum,
            Maximum = maximum,
            Example = example?.ToString(CultureInfo.InvariantCulture),
        };

    public static QueryParameter TimeOfDay(string name, string description, string? example = null) =>
        new()
        {
            Name = name,
            Description = description,
            Type = QueryValueType.TimeOfDay,
            MaxLength = 5,
            Pattern = "^([01]?[0-9]|2[0-3]):[0-5][0-9]$",
            Example = example,
        };

    public static QueryParameter Choice(string name, string valuesName, IReadOnlyList<string> values, string description, string? defaultValue = null) =>
        new() { Name = name, Description = description, Type = QueryValueType.Choice, Values = values, ValuesName = valuesName, Default = defaultValue };

    public static QueryParameter Boolean(string name, string description, bool defaultValue) =>
        new() { Name = name, Description = description, Type = QueryValueType.Boolean, Default = defaultValue ? "true" : "false" };

    /// <summary>Several values, repeated (<c>?x=a&amp;x=b</c>) or comma-separated (<c>?x=a,b</c>); <paramref name="values"/> null for free values.</summary>
    public static QueryParameter List(string name, IReadOnlyList<string>? values, string? valuesName, string description, string? example = null) =>
        new()
        {
            Name = name,
            ValuesName = valuesName,
            Description = description + " Repeat the parameter or separate values with commas; a listing matches when it has any of them.",
            Values = values,
            Repeatable = true,
            MaxLength = 500,
            Example = example ?? values?[0],
        };
}
