using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace DongNai.Messaging;

/// <summary>
/// Usernames people choose to be found by: 3 to 30 characters, a Latin letter first, then letters,
/// digits, dots and underscores; compared and stored in lower case, so "Binh.Tran" and "binh.tran"
/// are one name. Latin only: Vietnamese letters with marks are too easy to confuse with their
/// unmarked twins (an impostor's "bình" beside "binh").
/// </summary>
public static partial class Usernames
{
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? username)
    {
        username = null;
        if (input is null || input.Length > 64)
        {
            return false;
        }

        var candidate = input.Trim().ToLowerInvariant();
        if (!Pattern().IsMatch(candidate))
        {
            return false;
        }

        username = candidate;
        return true;
    }

    [GeneratedRegex(@"^[a-z][a-z0-9._]{2,29}$")]
    private static partial Regex Pattern();
}
