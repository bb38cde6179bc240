using DongNai.Domain.Places;

namespace DongNai.Domain.People;

/// <summary>
/// The codes that open a 12-digit CCCD number: the province where the birth was registered, one of
/// the 63 provinces before the 2025 merger (<c>Domain/Data/cccd_birth_province_codes.csv</c>;
/// Circular 59/2021/TT-BCA). The list is closed: the codes did not change with the merger, since
/// cards already issued keep their numbers. Loaded once; thread-safe.
/// </summary>
public static class CccdBirthProvinces
{
    private static readonly Lazy<Dictionary<string, string>> s_names = new(Load);

    /// <summary>The province name for each three-digit code.</summary>
    public static IReadOnlyDictionary<string, string> Names => s_names.Value;

    public static bool IsKnown(string code) => Names.ContainsKey(code);

    private static Dictionary<string, string> Load() =>
        EmbeddedDataFile.ReadCsv("cccd_birth_province_codes.csv")
            .ToDictionary(row => row["code"], row => row["province_before_2025"], StringComparer.Ordinal);
}
