namespace DongNai.Domain.Listings;

/// <summary>
/// How category values become codes in the index and the API, and how flags split into single
/// values. The Vietnamese words people search each category with are in the kind's descriptor.
/// </summary>
public static class ListingVocabulary
{
    /// <summary>The single flags set in a flags value, in declaration order.</summary>
    public static IEnumerable<TFlags> Flags<TFlags>(TFlags value)
        where TFlags : struct, Enum
    {
        var bits = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        foreach (var flag in Enum.GetValues<TFlags>())
        {
            var flagBits = Convert.ToInt64(flag, System.Globalization.CultureInfo.InvariantCulture);
            if (flagBits != 0 && (bits & flagBits) == flagBits)
            {
                yield return flag;
            }
        }
    }

    /// <summary>The code a category value has in the index and in the API: the camelCase enum name ("fullTime", "likeNew").</summary>
    public static string Code<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        return string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }
}
