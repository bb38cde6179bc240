using System.Globalization;
using System.Text;

namespace DongNai.Payments.VietQr;

/// <summary>One EMVCo data object: a two-digit id and its value (the length is the value's).</summary>
internal readonly record struct EmvField(string Id, string Value, int Position);

/// <summary>
/// The EMVCo QR encoding: each data object is a two-digit id, a two-digit length and that many
/// characters of value; templates (tags 38 and 62 here) hold data objects the same way.
/// </summary>
internal static class EmvTlv
{
    public static void Append(StringBuilder output, string id, string value)
    {
        if (value.Length > 99)
        {
            throw new ArgumentException($"Tag {id}: a value holds at most 99 characters, not {value.Length}.", nameof(value));
        }

        output.Append(id).Append(value.Length.ToString("D2", CultureInfo.InvariantCulture)).Append(value);
    }

    /// <summary>
    /// Splits <paramref name="text"/> into data objects; null with <paramref name="error"/> set when
    /// an id or length is not two digits or a length runs past the end. <paramref name="offset"/> is
    /// where <paramref name="text"/> starts in the whole payload, for messages.
    /// </summary>
    public static List<EmvField>? Read(string text, int offset, string where, out string? error)
    {
        var fields = new List<EmvField>();
        var i = 0;
        while (i < text.Length)
        {
            if (text.Length - i < 4)
            {
                error = $"{where}: {text.Length - i} character(s) left at position {offset + i}, too few for a two-digit tag and a two-digit length.";
                return null;
            }

            var id = text.Substring(i, 2);
            var length = text.Substring(i + 2, 2);
            if (!IsDigits(id) || !IsDigits(length))
            {
                error = $"{where}: expected a two-digit tag and a two-digit length at position {offset + i}, found '{text.Substring(i, 4)}'.";
                return null;
            }

            var count = int.Parse(length, NumberStyles.None, CultureInfo.InvariantCulture);
            if (i + 4 + count > text.Length)
            {
                error = $"{where}: tag {id} at position {offset + i} declares {count} characters, but only {text.Length - i - 4} follow.";
                return null;
            }

            fields.Add(new EmvField(id, text.Substring(i + 4, count), offset + i));
            i += 4 + count;
        }

        error = null;
        return fields;
    }

    public static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);
}
