using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace DongNai.Api.Tests.Observability;

/// <summary>
/// Finds personal data in log lines: Vietnamese mobile numbers as people write them (0912345678,
/// 0912 345 678, 0912.345.678, +84912345678, 84 912 345 678), CCCD numbers (12 digits, the first
/// three a province code from 001), and any number registered by the tests, however it is written.
/// </summary>
/// <remarks>
/// The generic patterns must stand alone: a match may not touch a letter, a digit, a hyphen or a
/// dot, so the digits inside trace ids, span ids, GUIDs, timestamps and decimal numbers do not
/// count. The registered numbers are matched after the spaces, dots and hyphens between digits are
/// removed, with or without their 0 or 84 prefix. Thread-safe.
/// </remarks>
public static partial class PersonalDataScan
{
    private static readonly ConcurrentDictionary<string, byte> s_registered = new(StringComparer.Ordinal);

    /// <summary>Remembers a phone number the tests gave the service, so the scan looks for it in every written form.</summary>
    public static void Register(string phone)
    {
        var digits = NonDigits().Replace(phone, "");
        var national = digits.StartsWith("84", StringComparison.Ordinal) && digits.Length == 11 ? digits[2..] : digits.TrimStart('0');
        if (national.Length == 9)
        {
            s_registered.TryAdd(national, 0);
        }
    }

    /// <summary>
    /// The first personal data found in <paramref name="text"/> and what it looks like, or null.
    /// URL-encoded text (a request line's query string) is decoded first: "%200912345678" is a
    /// space and a phone number, not the digits 200912345678.
    /// </summary>
    public static string? Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FindIn(text) ?? (text.Contains('%', StringComparison.Ordinal) ? FindIn(Uri.UnescapeDataString(text)) : null);
    }

    private static string? FindIn(string text)
    {
        if (MobileNumber().Match(text) is { Success: true } phone)
        {
            return $"phone number '{phone.Value}'";
        }

        if (CccdNumber().Match(text) is { Success: true } cccd)
        {
            return $"CCCD number '{cccd.Value}'";
        }

        var joined = DigitSeparators().Replace(text, "");
        foreach (Match run in StandaloneNumber().Matches(joined))
        {
            var digits = run.Value.TrimStart('+');
            var national = digits.StartsWith("84", StringComparison.Ordinal) && digits.Length == 11 ? digits[2..]
                : digits.StartsWith('0') && digits.Length == 10 ? digits[1..]
                : digits;
            if (national.Length == 9 && s_registered.ContainsKey(national))
            {
                return $"registered phone number '{run.Value}'";
            }
        }

        return null;
    }

    [GeneratedRegex(@"(?<![\w+.\-])(?:\+?84[ .]?|0)[35789]\d(?:[ .]?\d){7}(?![\w\-])")]
    private static partial Regex MobileNumber();

    [GeneratedRegex(@"(?<![\w.\-])0\d{2}(?:[ .]?\d{3}){3}(?![\w\-])")]
    private static partial Regex CccdNumber();

    [GeneratedRegex(@"(?<=\d)[ .\-]+(?=\d)")]
    private static partial Regex DigitSeparators();

    [GeneratedRegex(@"(?<![\w+])\+?\d{9,11}(?!\w)")]
    private static partial Regex StandaloneNumber();

    [GeneratedRegex(@"\D")]
    private static partial Regex NonDigits();
}

/// <summary>A host of the API tests logged personal data; the message holds the line.</summary>
public sealed class PersonalDataInLogsException(string message) : Exception(message);
