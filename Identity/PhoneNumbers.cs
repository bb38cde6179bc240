using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace DongNai.Identity;

/// <summary>
/// Vietnamese mobile numbers. Accepts what people type (0912 345 678, +84 912-345-678, 84912345678)
/// and gives one canonical form, +84 followed by nine digits, so the same phone always hashes alike.
/// Carrier prefixes follow the 2018 renumbering: 03x, 05x, 07x, 08x, 09x.
/// </summary>
public static partial class PhoneNumbers
{
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? canonical)
    {
        canonical = null;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 32)
        {
            return false;
        }

        var digits = Separators().Replace(input.Trim(), "");
        if (digits.StartsWith('+'))
        {
            digits = digits[1..];
        }

        if (digits.StartsWith("84", StringComparison.Ordinal) && digits.Length == 11)
        {
            digits = "0" + digits[2..];
        }

        if (!Mobile().IsMatch(digits))
        {
            return false;
        }

        canonical = "+84" + digits[1..];
        return true;
    }

    /// <summary>Shows only the last three digits, for logs and screens that must not reveal the number.</summary>
    public static string Mask(string canonical) =>
        canonical.Length < 3 ? "***" : string.Concat("+84******", canonical.AsSpan(canonical.Length - 3));

    [GeneratedRegex(@"[\s\.\-\(\)]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^0(3[2-9]|5[25689]|7[06-9]|8[1-9]|9[0-9])[0-9]{7}$")]
    private static partial Regex Mobile();
}
